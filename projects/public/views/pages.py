"""Pages citizens read, without an account: home, the laureates and their pages.

Every view here is a public page (``programme.public_pages``): cacheable, the same for
everyone, loading what it shows in a fixed number of queries.
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from editions.models import Call, Edition
from programme.models import NewsItem, Theme
from programme.public_pages import public_page
from projects.models import Project
from projects.public.forms import LaureateFilterForm
from projects.public.freshness import site_fingerprint
from projects.public.laureates import (
    coaching_organisations,
    laureate_queryset,
    public_indicators,
    public_team,
    public_timeline,
)
from projects.public.search import search_projects

LAUREATES_PER_PAGE = 12


def laureate_cards():
    """Public projects with what a card shows: edition, theme, public phase."""
    return Project.objects.public().with_related().with_public_phase()


@public_page(site_fingerprint)
def home(request):
    context = {
        "editions": Edition.objects.published().select_related("call").order_by("-number")[:3],
        "laureates": laureate_cards().order_by("-created_at", "-pk")[:6],
        "news": NewsItem.objects.public().order_by("-published_at", "-pk")[:3],
        "open_call": Call.objects.filter(is_published=True, edition__is_published=True)
        .open_at(timezone.now())
        .select_related("edition")
        .order_by("closes_at")
        .first(),
    }
    return render(request, "projects/public/home.html", context)


@public_page(site_fingerprint)
def laureate_list(request):
    """The laureates, filtered by edition, theme and phase, and searched by keywords."""
    editions = list(Edition.objects.published().order_by("-number"))
    themes = list(
        Theme.objects.filter(projects__in=Project.objects.public()).distinct().order_by("name")
    )
    form = LaureateFilterForm(request.GET or None, editions=editions, themes=themes)
    criteria = form.filters() if form.is_bound else {}
    projects = laureate_cards().order_by("-application__call__edition__number", "title", "pk")
    if "edition" in criteria:
        projects = projects.filter(application__call__edition__slug=criteria["edition"])
    if "theme" in criteria:
        projects = projects.filter(theme__slug=criteria["theme"])
    if "phase" in criteria:
        projects = projects.filter(public_phase=criteria["phase"])
    projects = search_projects(projects, criteria.get("q", ""))
    page = Paginator(projects, LAUREATES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "filtered": bool(criteria)}
    return render(request, "projects/public/laureate_list.html", context)


@public_page(site_fingerprint)
def laureate_detail(request, slug):
    project = get_object_or_404(laureate_queryset(), slug=slug)
    timeline = public_timeline(project)
    context = {
        "project": project,
        "edition": project.edition,
        "timeline": timeline,
        "coaching": coaching_organisations(timeline),
        "team": public_team(project.application.team_members.all()),
        "indicators": public_indicators(project),
    }
    return render(request, "projects/public/laureate_detail.html", context)
