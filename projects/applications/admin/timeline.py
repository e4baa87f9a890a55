"""Staff screens of an application's lifecycle in the admin: its history timeline and
the confirmation step of each move staff may make (``projects.admin_base``)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

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
from projects.applications.services import application_refusals, move_application
from projects.applications.transitions import APPLICATION_LIFECYCLE
from projects.enums import ApplicationStatus
from projects.models import Application


def application_timeline(model_admin, request, pk):
    require_permission(request, "projects.view_application")
    application = get_object_or_404(Application.objects.select_related("call__edition"), pk=pk)

    def refusals(target):
        return application_refusals(application, target, decided_by=STAFF, reason=None)

    events = timeline_events(application.transitions.select_related("actor"))
    moves = (APPLICATION_LIFECYCLE, application.status, refusals)
    return timeline_page(model_admin, request, application, events, moves, application=application)


def move_application_view(model_admin, request, pk, target):
    require_permission(request, "projects.change_application")
    application = get_object_or_404(Application.objects.select_related("call__edition"), pk=pk)
    if application.status == target:
        return after_move(
            request,
            None,
            "",
            reverse("admin:projects_application_timeline", args=[application.pk]),
        )
    move = move_or_404(APPLICATION_LIFECYCLE, application.status, target)
    timeline_url = reverse("admin:projects_application_timeline", args=[application.pk])
    form = MoveForm(request.POST or None)

    def perform(form):
        return move_application(
            application,
            ApplicationStatus(target),
            actor=request.user,
            decided_by=STAFF,
            reason=form.cleaned_data["reason"],
        )

    return confirm_then_move(
        model_admin,
        request,
        subject=application,
        move=move,
        form=form,
        timeline_url=timeline_url,
        current_label=application.get_status_display(),
        perform=perform,
    )
