"""Decisions made through the real services in one call, for the tests whose subject is
what a decision leaves behind (a mail, a page, a history row, a permission).

Each passes its arguments on to the service unchanged; what a test leaves out is a
decision by staff, made by a new user (by its lead for the team's own moves), for a
reason that says it is a test, at the time of the call."""

import datetime

import pytest

from programme.enums import DecisionSource
from programme.lifecycles import Refused
from projects.applications.services import move_application
from projects.enums import ApplicationStatus
from projects.laureates.services import move_project
from projects.publication import publish_history
from tests.programme.factories import UserFactory

REASON = "Décision de test."


def decide_application(
    application, target, *, decided_by=DecisionSource.STAFF, actor=None, reason=REASON, at=None
):
    """``move_application`` to ``target``."""
    if actor is None:
        actor = application.created_by if decided_by == DecisionSource.TEAM else UserFactory()
    return move_application(
        application, target, actor=actor, decided_by=decided_by, reason=reason, at=at
    )


def submit(application, at):
    """The team submits ``application`` at ``at``: its lead, through the service."""
    return decide_application(
        application, ApplicationStatus.SUBMITTED, decided_by=DecisionSource.TEAM, at=at
    )


def decide_project(
    project,
    target,
    *,
    decided_by=DecisionSource.STAFF,
    actor=None,
    reason=REASON,
    outcome="",
    at=None,
    period=None,
):
    """``move_project`` to ``target``, out of its open period unless ``period`` is given."""
    if actor is None:
        team = decided_by == DecisionSource.TEAM
        actor = project.application.created_by if team else UserFactory()
    return move_project(
        project,
        target,
        period=period or project.periods.open().get(),
        actor=actor,
        decided_by=decided_by,
        reason=reason,
        outcome=outcome,
        at=at,
    )


def admin_action(client, changelist, action, objects, *, confirm=None, follow=False):
    """POST the admin ``action`` on ``objects`` from the ``changelist`` page; ``confirm``
    holds the fields of the action's confirmation form, sent with its button."""
    data = {"action": action, "_selected_action": [obj.pk for obj in objects]}
    if confirm is not None:
        data |= {"apply": "1", **confirm}
    return client.post(changelist, data, follow=follow)


def refusals(act):
    """The reasons ``act()`` is refused with; it must be refused."""
    with pytest.raises(Refused) as refused:
        act()
    return refused.value.reasons


JURY_REASON = "Décision du jury, séance du 15 septembre 2022. Un prototype prometteur."


def jury_move(project, target, *, reason=JURY_REASON, outcome="", published=True):
    """A jury's decision on ``project``, published two days later unless ``published`` is
    False."""
    from tests.projects.factories import REVIEWED_AT  # factories use these helpers

    history = decide_project(
        project,
        target,
        decided_by=DecisionSource.JURY,
        reason=reason,
        outcome=outcome,
        at=REVIEWED_AT,
    )
    if published:
        publish_history(
            history, actor=None, at=REVIEWED_AT + datetime.timedelta(days=2), notify=False
        )
    return history
