"""The factories' Traits reach each lifecycle stage through the services."""

import pytest
from django.utils import timezone

from editions.enums import CallState
from jury.enums import Outcome, SessionStatus
from projects.enums import ApplicationStatus, MilestoneStatus
from tests.editions.factories import CallFactory
from tests.jury.factories import SessionFactory
from tests.projects.factories import ApplicationFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


# A session needs an item, a member and its decision to reach its later stages.
SESSION = {"pitches": 1, "convened": 1, "decisions": [Outcome.SELECTED]}


STAGE_TRAITS = [
    (SessionFactory, SESSION, "scoring", SessionStatus.SCORING),
    (SessionFactory, SESSION, "deliberation", SessionStatus.DELIBERATION),
    (SessionFactory, SESSION, "closed", SessionStatus.CLOSED),
    (MilestoneFactory, {}, "in_progress", MilestoneStatus.IN_PROGRESS),
    (MilestoneFactory, {}, "reached", MilestoneStatus.REACHED),
    (MilestoneFactory, {}, "dropped", MilestoneStatus.DROPPED),
]


@pytest.mark.parametrize(
    ("factory", "made_with", "trait", "status"),
    [pytest.param(*case, id=f"{case[0]._meta.model.__name__} {case[2]}") for case in STAGE_TRAITS],
)
def test_a_stage_trait_moves_its_object_to_that_stage(factory, made_with, trait, status):
    made = factory(**made_with, **{trait: True})

    made.refresh_from_db()
    assert made.status == status


def test_a_closed_session_applied_its_decisions_and_froze_its_minutes():
    session = SessionFactory(pitches=1, convened=1, decisions=[Outcome.SELECTED], closed=True)

    session.refresh_from_db()
    assert session.items.get().decision.applied_at == session.closed_at
    assert session.minutes is not None


@pytest.mark.parametrize(
    ("trait", "status", "moves"),
    [
        ("submitted", ApplicationStatus.SUBMITTED, 1),
        ("shortlisted", ApplicationStatus.SHORTLISTED, 2),
        ("selected", ApplicationStatus.SELECTED, 3),
    ],
)
def test_an_application_trait_moves_the_application_to_its_stage_step_by_step(trait, status, moves):
    application = ApplicationFactory(**{trait: True})

    application.refresh_from_db()
    assert application.status == status
    assert application.transitions.count() == moves


def test_a_call_open_now_is_open_at_the_time_of_the_test():
    call = CallFactory(open_now=True)

    assert call.opens_at < timezone.now() < call.closes_at
    assert call.state_at() == CallState.OPEN
