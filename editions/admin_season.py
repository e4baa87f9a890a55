"""« Préparer la saison suivante »: the admin screen that asks for a new season's name
and call dates, then copies the edition through ``editions.services``."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from editions.forms import NextSeasonForm
from editions.models import Edition
from editions.services import prepare_next_season
from programme.lifecycles import ActionRefused
from programme.rules import require_perm

PERMISSION = "editions.add_edition"


def next_season_view(model_admin, request, pk):
    """GET: the form, from the edition's values a year on; POST: the new season, then its
    page (or the form again with the French reasons it was refused)."""
    require_perm(request.user, PERMISSION)
    source = get_object_or_404(Edition.objects.select_related("programme"), pk=pk)
    form = NextSeasonForm(request.POST or None, initial=NextSeasonForm.initial_for(source))
    if request.method == "POST" and form.is_valid():
        opens_at, closes_at = form.dates()
        try:
            season = prepare_next_season(
                source,
                actor=request.user,
                name=form.cleaned_data["name"],
                slug=form.cleaned_data["slug"],
                year=form.cleaned_data["year"],
                call_title=form.cleaned_data["call_title"],
                opens_at=opens_at,
                closes_at=closes_at,
            )
        except ActionRefused as refused:
            refused.add_to_form(form)
        else:
            model_admin.message_user(
                request,
                _(
                    "« %(season)s » est prête, non publiée : vérifiez ses réglages, son appel "
                    "et ses coachs avant de la publier."
                )
                % {"season": season.name},
                messages.SUCCESS,
            )
            return redirect("admin:editions_edition_change", season.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Edition._meta,
        "title": _("Préparer la saison suivante"),
        "source": source,
        "form": form,
        "cancel_url": reverse("admin:editions_edition_change", args=[source.pk]),
    }
    return TemplateResponse(request, "admin/editions/next_season.html", context)
