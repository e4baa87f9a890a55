"""Staff's checks in the admin: validating or rejecting the measurements teams and coaches
enter, giving a submitted phase report back to its team, moving a milestone.

Every change goes through ``projects.laureates.services.follow_up``; a rejection and a report given
back each need a reason, typed on a confirmation page that keeps it when it is refused.
"""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme.lifecycles import Refused
from programme.rules import require_perm
from projects.laureates.forms.follow_up import MilestoneStatusForm
from projects.laureates.services.follow_up import (
    reopen_phase_report,
    review_measurement,
    set_milestone_status,
)
from projects.models import Milestone, PhaseReport


class RejectionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Motif du refus"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("L'équipe le lira à côté de la mesure refusée."),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Pourquoi le bilan est rendu à l'équipe"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("L'équipe le lira en haut de son bilan."),
    )


def _named(measurement):
    return f"{measurement.indicator.project} — {measurement}"


def _selected(queryset):
    return list(queryset.select_related("indicator__project").order_by("pk"))


@admin.action(description=gettext_lazy("Valider les mesures sélectionnées"), permissions=["review"])
def validate_measurements(model_admin, request, queryset):
    validated, already = 0, []
    for measurement in _selected(queryset):
        try:
            changed = review_measurement(measurement, actor=request.user, accept=True)
        except Refused:
            # The service refuses only a measurement that was reviewed already.
            changed = False
        if changed:
            validated += 1
        else:
            already.append(f"{_named(measurement)} ({measurement.get_status_display()})")
    model_admin.message_user(
        request, _("%(count)d mesure(s) validée(s).") % {"count": validated}, messages.SUCCESS
    )
    if already:
        model_admin.message_user(
            request,
            _("Déjà vérifiées, rien n'a changé : %(names)s.") % {"names": " ; ".join(already)},
            messages.WARNING,
        )


def _reject_each(measurements, *, actor, note):
    rejected, already, refused = 0, [], []
    for measurement in measurements:
        try:
            if review_measurement(measurement, actor=actor, accept=False, note=note):
                rejected += 1
            else:
                already.append(_named(measurement))
        except Refused as refusal:
            refused.append(f"{_named(measurement)} : {' '.join(refusal.reasons)}")
    return rejected, already, refused


@admin.action(
    description=gettext_lazy("Refuser les mesures sélectionnées (avec un motif)"),
    permissions=["review"],
)
def reject_measurements(model_admin, request, queryset):
    """Ask for the note once, then reject each selected measurement with it. When none
    could be rejected, the page comes back with the reasons and the note as typed."""
    applying = "apply" in request.POST
    form = RejectionForm(request.POST if applying else None)
    measurements = _selected(queryset)
    if applying and form.is_valid():
        rejected, already, refused = _reject_each(
            measurements, actor=request.user, note=form.cleaned_data["note"]
        )
        if rejected or not refused:
            model_admin.message_user(
                request,
                _("%(count)d mesure(s) refusée(s).") % {"count": rejected},
                messages.SUCCESS,
            )
            if already:
                model_admin.message_user(
                    request,
                    _("Déjà refusées, rien n'a changé : %(names)s.")
                    % {"names": " ; ".join(already)},
                    messages.INFO,
                )
            for line in refused:
                model_admin.message_user(request, line, messages.WARNING)
            return None
        for line in refused:
            form.add_error(None, line)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Refuser des mesures"),
        "opts": model_admin.model._meta,
        "measurements": measurements,
        "form": form,
        "action": request.POST.get("action"),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/projects/reject_measurements.html", context)


def reopen_link(report):
    """The link to give a submitted report back to its team, or nothing for a draft."""
    if report is None or not report.is_submitted:
        return "—"
    url = reverse("admin:projects_phasereport_reopen", args=[report.pk])
    return format_html('<a class="button" href="{}">{}</a>', url, _("Rendre le bilan à l'équipe"))


def reopen_report_view(model_admin, request, pk):
    require_perm(request.user, "projects.change_phasereport")
    report = get_object_or_404(PhaseReport.objects.select_related("period__project"), pk=pk)
    period_url = reverse("admin:projects_phaseperiod_change", args=[report.period_id])
    if not report.is_submitted:
        # Already given back (a second click, or a colleague was quicker).
        messages.info(request, _("Ce bilan est déjà entre les mains de l'équipe."))
        return redirect(period_url)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reopen_phase_report(report, actor=request.user, reason=form.cleaned_data["reason"])
        except Refused as refused:
            refused.add_to_form(form, "reason")
        else:
            messages.success(
                request,
                _("Le bilan de « %(period)s » est rendu à l'équipe.") % {"period": report.period},
            )
            return redirect(period_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": PhaseReport._meta,
        "title": _("Rendre le bilan à l'équipe"),
        "report": report,
        "form": form,
        "period_url": period_url,
    }
    return TemplateResponse(request, "admin/projects/reopen_report.html", context)


def milestone_status_link(milestone):
    if milestone.pk is None:
        return "—"
    url = reverse("admin:projects_milestone_status", args=[milestone.period_id, milestone.pk])
    return format_html('<a href="{}">{}</a>', url, _("Changer l'état"))


def milestone_status_view(model_admin, request, pk, milestone_pk):
    require_perm(request.user, "projects.change_milestone")
    milestone = get_object_or_404(
        Milestone.objects.select_related("period__project"), period_id=pk, pk=milestone_pk
    )
    period_url = reverse("admin:projects_phaseperiod_change", args=[pk])
    form = MilestoneStatusForm(request.POST or None, current=milestone.status)
    if request.method == "POST" and form.is_valid():
        try:
            changed = set_milestone_status(
                milestone,
                form.cleaned_data["status"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except Refused as refused:
            refused.add_to_form(form, "note")
        else:
            if changed:
                messages.success(
                    request,
                    _("Le jalon « %(milestone)s » est maintenant « %(status)s ».")
                    % {"milestone": milestone, "status": milestone.get_status_display()},
                )
            else:
                messages.info(request, _("Le jalon avait déjà cet état : rien n'a changé."))
            return redirect(period_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Milestone._meta,
        "title": _("Changer l'état du jalon « %(milestone)s »") % {"milestone": milestone},
        "milestone": milestone,
        "form": form,
        "period_url": period_url,
    }
    return TemplateResponse(request, "admin/projects/milestone_status.html", context)
