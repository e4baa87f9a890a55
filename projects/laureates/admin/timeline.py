"""Staff screens of a project's lifecycle in the admin: its history timeline (with the
application's) and the confirmation step of each move staff may make
(``projects.admin_base``)."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from editions.enums import Phase
from editions.phases import kind_of
from projects.admin_base import (
    STAFF,
    MoveForm,
    after_move,
    confirm_then_move,
    move_or_404,
    require_permission,
    timeline_events,
    timeline_page,
)
from projects.enums import ReintegrationOutcome
from projects.laureates.services import move_project, project_refusals
from projects.laureates.transitions import PROJECT_LIFECYCLE
from projects.models import PhasePeriod, Project


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


def project_timeline(model_admin, request, pk):
    require_permission(request, "projects.view_project")
    project = get_object_or_404(
        Project.objects.select_related("application__call__edition", "theme"), pk=pk
    )
    periods = list(project.periods.prefetch_related("coaches"))
    open_period = next((period for period in periods if period.is_open), None)

    def refusals(target):
        return project_refusals(
            project, target, period=open_period, decided_by=STAFF, reason=None, outcome=None
        )

    events = timeline_events(
        project.application.transitions.select_related("actor"),
        project.transitions.select_related("actor", "closed_period", "opened_period"),
    )
    moves = (PROJECT_LIFECYCLE, project.phase, refusals)
    return timeline_page(
        model_admin,
        request,
        project,
        events,
        moves,
        application=project.application,
        periods=periods,
    )


def _concluded_already(project, period_id):
    """A second click: the period the form was about is closed now."""
    if not (period_id or "").isdigit():
        return False
    return project.periods.filter(pk=period_id, actual_end__isnull=False).exists()


def move_project_view(model_admin, request, pk, target):
    require_permission(request, "projects.change_project")
    project = get_object_or_404(Project.objects.select_related("application__call__edition"), pk=pk)
    timeline_url = reverse("admin:projects_project_timeline", args=[project.pk])
    if request.method == "POST" and _concluded_already(project, request.POST.get("period")):
        return after_move(request, None, "", timeline_url)
    move = move_or_404(PROJECT_LIFECYCLE, project.phase, target)
    open_period = project.periods.open().first()
    form = ProjectMoveForm(
        request.POST or None,
        target=target,
        initial={"period": open_period.pk if open_period else None},
    )

    def perform(form):
        period = PhasePeriod.objects.filter(project=project, pk=form.cleaned_data["period"]).first()
        return move_project(
            project,
            target,
            period=period,
            actor=request.user,
            decided_by=STAFF,
            reason=form.cleaned_data["reason"],
            outcome=form.cleaned_data.get("outcome", ""),
            starts_on=form.cleaned_data.get("starts_on"),
        )

    return confirm_then_move(
        model_admin,
        request,
        subject=project,
        move=move,
        form=form,
        timeline_url=timeline_url,
        current_label=project.get_phase_display(),
        perform=perform,
    )
