"""The only code that moves an application through its lifecycle.

``move_application`` asks the table in ``projects.applications.transitions`` (the moves
and their guards), locks the row, writes the new status, its history row and its audit
entry in one transaction, and returns the history row, or ``None`` when the move was
already done (a double click, a decision applied twice). A selection creates the
laureate project (``projects.laureates.services.lifecycle``) in the same transaction.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone

from programme import audit
from projects.applications.transitions import APPLICATION_LIFECYCLE, waits_for_publication
from projects.enums import ApplicationStatus
from projects.history import decision
from projects.laureates.services.lifecycle import create_laureate_project
from projects.models import Application, ApplicationTransition
from projects.tasks import notify_application_transition


def application_refusals(application, target, *, decided_by, reason="", at=None):
    """Why ``application`` may not move to ``target`` now: a list, empty if it may.

    Screens ask with ``reason=None`` to show what blocks the move before the form is
    filled; the service asks again with the reason entered.
    """
    return APPLICATION_LIFECYCLE.refusals(
        application, target, decided_by=decided_by, reason=reason, at=at or timezone.now()
    )


def move_application(application, target, *, actor, decided_by, reason="", at=None, notify=True):
    """Move ``application`` to ``target`` and record who, when and why.

    Side effects, in order:
    1. locks the application row and re-reads its status;
    2. returns ``None`` if it already has that status (nothing is written);
    3. raises ``MoveRefused`` with the reasons if the table or a guard refuses;
    4. saves the new status (and the submission date on submission);
    5. writes one ``ApplicationTransition`` and its audit entry (the move's name);
    6. on selection, creates the laureate project in pre-incubation
       (``create_laureate_project``);
    7. after commit, queues the e-mail to the team for a move told at once (the team's
       own, a staff decision after screening); a jury's decision and a staff screening
       decision (or its correction) are mailed when staff publish them
       (``waits_for_publication``); ``notify=False`` when replaying past events.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("call__edition")
            .get(pk=application.pk)
        )
        if locked.status == target:
            return None
        move = APPLICATION_LIFECYCLE.check(
            locked, target, decided_by=decided_by, reason=reason, at=at
        )
        told = not waits_for_publication(move, decided_by)
        before = audit.snapshot(locked, ["status", "submitted_at"])
        locked.status = target
        if target == ApplicationStatus.SUBMITTED:
            locked.submitted_at = at
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        history = ApplicationTransition.objects.create(
            application=locked,
            move=move.name,
            from_status=before["status"],
            to_status=target,
            **decision(at=at, actor=actor, decided_by=decided_by, reason=reason, told=told),
            audit_entry=audit.record_move(
                locked,
                APPLICATION_LIFECYCLE,
                move,
                actor=actor,
                before=before,
                reason=reason,
                at=at,
            ),
        )
        if target == ApplicationStatus.SELECTED:
            create_laureate_project(
                locked, actor=actor, decided_by=decided_by, at=at, reason=reason
            )
        if notify and told:
            transaction.on_commit(partial(notify_application_transition.enqueue, history.pk))
    application.status, application.submitted_at = locked.status, locked.submitted_at
    return history
