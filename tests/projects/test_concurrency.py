"""Two people acting on the same project at the same moment (needs real row locks)."""

import threading

import pytest
from django.db import connection

from editions.enums import Phase
from programme.enums import DecisionSource
from programme.lifecycles import Refused
from projects.enums import ReintegrationOutcome
from projects.laureates.services import move_project
from projects.models import Project, ProjectTransition
from tests.programme.factories import UserFactory
from tests.projects.factories import REVIEWED_AT, ProjectFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; CI runs this test on PostgreSQL.",
    ),
]


def run_concurrently(*calls):
    """Start every call at the same instant, each on its own connection."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # the test asserts on what each call ended with
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_conflicting_moves_at_once_end_with_one_winner_and_one_clear_refusal():
    project = ProjectFactory()
    period = project.periods.get()
    staff = UserFactory(innovation_staff=True)

    def move(target, outcome=""):
        return lambda: move_project(
            Project.objects.get(pk=project.pk),
            target,
            period=period,
            actor=staff,
            decided_by=DecisionSource.STAFF,
            reason=f"Vers {target}.",
            outcome=outcome,
            at=REVIEWED_AT,
        )

    results = run_concurrently(
        move(Phase.REINTEGRATION, ReintegrationOutcome.HANDED_OVER), move(Phase.ABANDONED)
    )

    winners = [result for result in results if isinstance(result, ProjectTransition)]
    refusals = [result for result in results if isinstance(result, Refused)]
    project.refresh_from_db()
    assert len(winners) == 1
    assert len(refusals) == 1
    assert refusals[0].reasons[0].startswith("Une autre décision a été enregistrée entre-temps")
    assert project.phase == winners[0].to_phase
    assert list(project.transitions.values_list("to_phase", flat=True)) == [
        Phase.PRE_INCUBATION,
        winners[0].to_phase,
    ]
    assert project.periods.open().count() == 0


def test_the_same_renewal_clicked_twice_at_once_renews_once():
    project = ProjectFactory(experimentation=True)
    period = project.periods.open().get()
    staff = UserFactory(innovation_staff=True)

    def renew():
        return move_project(
            Project.objects.get(pk=project.pk),
            Phase.EXPERIMENTATION,
            period=period,
            actor=staff,
            decided_by=DecisionSource.STAFF,
            reason="Renouvellement.",
            at=REVIEWED_AT.replace(year=2023),
        )

    results = run_concurrently(renew, renew)

    assert sorted(type(result).__name__ for result in results) == ["NoneType", "ProjectTransition"]
    assert project.periods.count() == 3
    assert project.periods.open().count() == 1
