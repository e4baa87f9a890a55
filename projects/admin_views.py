"""Staff screens of the lifecycles, inside the admin: the history timeline of an
application or a project, and the confirmation step of each move staff may make.

They load through the admin's permissions, call ``projects.services`` and nothing else
to move anything, and show the guards' reasons next to each move the staff cannot make.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editions.enums import Phase
from editions.phases import kind_of
from programme.enums import DecisionSource
from programme.lifecycles import Refused
from projects.enums import ApplicationStatus, ReintegrationOutcome
from projects.models import Application, PhasePeriod, Project
from projects.services import application_refusals, move_application, move_project, project_refusals
from projects.transitions import APPLICATION_LIFECYCLE, PROJECT_LIFECYCLE

STAFF = DecisionSource.STAFF


class MoveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif de la décision"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("Enregistré dans l'historique et communiqué à l'équipe."),
    )


class ProjectMoveForm(MoveForm):
    period = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=gettext_lazy("Issue de la réintégration"),
        choices=[("", "—"), *ReintegrationOutcome.choices],
    )
    starts_on = forms.DateField(
        label=gettext_lazy("Début de la nouvelle période"),
        required=False,
        help_text=gettext_lazy("Par défaut, le jour de la décision."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        if target != Phase.REINTEGRATION:
            del self.fields["outcome"]
        if not kind_of(target).is_period:  # only a move into a period opens a new one
            del self.fields["starts_on"]


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _move_or_404(lifecycle, source, target):
    move = lifecycle.find(source, target) if target in lifecycle.states.values else None
    if move is None or not move.allows(STAFF):
        raise Http404(_("Ce changement n'existe pas pour cet objet."))
    return move


def _actions(lifecycle, current, url_name, pk, refusals_for):
    """Each move staff may make from ``current``, with what blocks it now."""
    return [
        {
            "label": move.label,
            "url": reverse(url_name, args=[pk, move.target]),
            "refusals": refusals_for(move.target),
        }
        for move in lifecycle.moves
        if move.source == current and move.allows(STAFF)
    ]


def _events(application_history, project_history=()):
    events = [
        {
            "at": row.at,
            "label": row.get_to_status_display(),
            "kind": "application",
            "row": row,
        }
        for row in application_history
    ] + [
        {
            "at": row.at,
            "label": _("Renouvellement de l'expérimentation")
            if row.is_renewal
            else row.get_to_phase_display(),
            "kind": "project",
            "row": row,
        }
        for row in project_history
    ]
    return sorted(events, key=lambda event: (event["at"], event["kind"] == "project"))


def project_timeline(model_admin, request, pk):
    _require(request, "projects.view_project")
    project = get_object_or_404(
        Project.objects.select_related("application__call__edition", "theme"), pk=pk
    )
    periods = list(project.periods.prefetch_related("coaches"))
    open_period = next((period for period in periods if period.is_open), None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Project._meta,
        "title": _("Historique de %(title)s") % {"title": project.title},
        "subject": project,
        "application": project.application,
        "periods": periods,
        "events": _events(
            project.application.transitions.select_related("actor"),
            project.transitions.select_related("actor", "closed_period", "opened_period"),
        ),
        "actions": _actions(
            PROJECT_LIFECYCLE,
            project.phase,
            "admin:projects_project_move",
            project.pk,
            lambda target: project_refusals(
                project, target, period=open_period, decided_by=STAFF, reason=None, outcome=None
            ),
        )
        if request.user.has_perm("projects.change_project")
        else [],
    }
    return TemplateResponse(request, "admin/projects/timeline.html", context)


def application_timeline(model_admin, request, pk):
    _require(request, "projects.view_application")
    application = get_object_or_404(Application.objects.select_related("call__edition"), pk=pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Application._meta,
        "title": _("Historique de %(title)s") % {"title": application.title},
        "subject": application,
        "application": application,
        "events": _events(application.transitions.select_related("actor")),
        "actions": _actions(
            APPLICATION_LIFECYCLE,
            application.status,
            "admin:projects_application_move",
            application.pk,
            lambda target: application_refusals(application, target, decided_by=STAFF, reason=None),
        )
        if request.user.has_perm("projects.change_application")
        else [],
    }
    return TemplateResponse(request, "admin/projects/timeline.html", context)


def _confirm(model_admin, request, *, subject, move, form, timeline_url, current_label):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": subject._meta,
        "title": _("Confirmer : %(move)s") % {"move": move.label},
        "subject": subject,
        "move": move,
        "current_label": current_label,
        "form": form,
        "timeline_url": timeline_url,
    }
    return TemplateResponse(request, "admin/projects/confirm_move.html", context)


def _after_move(request, history, label, timeline_url):
    if history is None:
        messages.info(request, _("Ce changement a déjà été fait : rien n'a été modifié."))
    else:
        messages.success(request, _("C'est fait : %(move)s.") % {"move": label})
    return redirect(timeline_url)


def _concluded_already(project, period_id):
    """A second click: the period the form was about is closed now."""
    if not (period_id or "").isdigit():
        return False
    return project.periods.filter(pk=period_id, actual_end__isnull=False).exists()


def move_project_view(model_admin, request, pk, target):
    _require(request, "projects.change_project")
    project = get_object_or_404(Project.objects.select_related("application__call__edition"), pk=pk)
    timeline_url = reverse("admin:projects_project_timeline", args=[project.pk])
    if request.method == "POST" and _concluded_already(project, request.POST.get("period")):
        return _after_move(request, None, "", timeline_url)
    move = _move_or_404(PROJECT_LIFECYCLE, project.phase, target)
    open_period = project.periods.open().first()
    form = ProjectMoveForm(
        request.POST or None,
        target=target,
        initial={"period": open_period.pk if open_period else None},
    )
    if request.method == "POST" and form.is_valid():
        period = PhasePeriod.objects.filter(project=project, pk=form.cleaned_data["period"]).first()
        try:
            history = move_project(
                project,
                target,
                period=period,
                actor=request.user,
                decided_by=STAFF,
                reason=form.cleaned_data["reason"],
                outcome=form.cleaned_data.get("outcome", ""),
                starts_on=form.cleaned_data.get("starts_on"),
            )
        except Refused as refused:
            refused.add_to_form(form)
        else:
            return _after_move(request, history, move.label, timeline_url)
    return _confirm(
        model_admin,
        request,
        subject=project,
        move=move,
        form=form,
        timeline_url=timeline_url,
        current_label=project.get_phase_display(),
    )


def move_application_view(model_admin, request, pk, target):
    _require(request, "projects.change_application")
    application = get_object_or_404(Application.objects.select_related("call__edition"), pk=pk)
    if application.status == target:
        return _after_move(
            request,
            None,
            "",
            reverse("admin:projects_application_timeline", args=[application.pk]),
        )
    move = _move_or_404(APPLICATION_LIFECYCLE, application.status, target)
    timeline_url = reverse("admin:projects_application_timeline", args=[application.pk])
    form = MoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            history = move_application(
                application,
                ApplicationStatus(target),
                actor=request.user,
                decided_by=STAFF,
                reason=form.cleaned_data["reason"],
            )
        except Refused as refused:
            refused.add_to_form(form)
        else:
            return _after_move(request, history, move.label, timeline_url)
    return _confirm(
        model_admin,
        request,
        subject=application,
        move=move,
        form=form,
        timeline_url=timeline_url,
        current_label=application.get_status_display(),
    )
