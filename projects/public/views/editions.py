"""Public pages of the editions: the list, and one page per edition with its calendar,
its funnel in figures and where each of its laureates stands.

They live in ``projects`` because they show applications and projects; the call page
itself is ``editions.views.call_detail``.
"""

from dataclasses import dataclass

from django.db.models import Count, Min, OuterRef, Subquery
from django.shortcuts import get_object_or_404, render

from editions.models import Edition
from programme.public_pages import public_page
from programme.subqueries import count
from projects.enums import ApplicationStatus
from projects.models import Application, ApplicationTransition, Project, ProjectTransition
from projects.public.freshness import site_fingerprint

# Laureates shown on an edition's page; the others are on the laureates list, filtered.
LAUREATES_SHOWN = 12


def _submitted_applications():
    return Application.objects.exclude(submitted_at=None)


@public_page(site_fingerprint)
def edition_list(request):
    editions = (
        Edition.objects.published()
        .select_related("call")
        .annotate(
            application_total=count(_submitted_applications().filter(call__edition=OuterRef("pk"))),
            laureate_total=count(
                Project.objects.public().filter(application__call__edition=OuterRef("pk"))
            ),
        )
        .order_by("-number")
    )
    return render(request, "projects/public/edition_list.html", {"editions": editions})


@dataclass
class Funnel:
    """An edition in figures: applications received, shortlisted, laureates."""

    applications: int
    shortlisted: int
    laureates: int

    def share(self, part):
        return round(100 * part / self.applications) if self.applications else None

    @property
    def shortlisted_share(self):
        return self.share(self.shortlisted)

    @property
    def laureate_share(self):
        return self.share(self.laureates)


def _shortlisting(edition):
    """How many applications were shortlisted, and when the first was told: only the
    decisions told to the teams count."""
    return (
        ApplicationTransition.objects.filter(
            application__call__edition=edition, to_status=ApplicationStatus.SHORTLISTED
        )
        .exclude(published_at=None)
        .aggregate(total=Count("application", distinct=True), first=Min("at"))
    )


@public_page(site_fingerprint)
def edition_detail(request, slug):
    edition = get_object_or_404(
        Edition.objects.published().select_related("call").prefetch_related("phases"), slug=slug
    )
    call = getattr(edition, "call", None)
    selection = ProjectTransition.objects.filter(project=OuterRef("pk"), from_phase="")
    published = Project.objects.public().for_edition(edition)
    # The page shows the first laureates and links to the filtered list for the others:
    # its size does not grow with the edition; the figures are counted in the database.
    laureates = list(
        published.with_related().with_public_phase().order_by("title", "pk")[:LAUREATES_SHOWN]
    )
    figures = published.annotate(selected_at=Subquery(selection.values("at")[:1])).aggregate(
        total=Count("pk"), selected_on=Min("selected_at")
    )
    themes = (
        published.exclude(theme=None)
        .order_by("theme__name")
        .values_list("theme__name")
        .annotate(total=Count("pk"))
    )
    shortlisting = _shortlisting(edition)
    funnel = Funnel(
        applications=_submitted_applications().filter(call__edition=edition).count(),
        shortlisted=shortlisting["total"],
        laureates=figures["total"],
    )
    context = {
        "edition": edition,
        "call": call if call and call.is_published else None,
        "funnel": funnel,
        "shortlisted_on": shortlisting["first"],
        "selected_on": figures["selected_on"],
        "themes": list(themes),
        "laureates": laureates,
        "more_laureates": figures["total"] > len(laureates),
    }
    return render(request, "projects/public/edition_detail.html", context)
