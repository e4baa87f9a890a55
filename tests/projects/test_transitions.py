"""Every (from, to) pair of both lifecycles, through the one service of each."""

import itertools
from pathlib import Path

import pytest
from django.utils import translation

from demo.management.commands.lifecycle_diagrams import LIFECYCLES
from editions.enums import Phase
from programme.enums import DecisionSource
from projects.applications.services import move_application
from projects.applications.transitions import APPLICATION_LIFECYCLE
from projects.enums import ApplicationStatus, ReintegrationOutcome
from projects.laureates.services import move_project
from projects.laureates.transitions import PROJECT_LIFECYCLE
from projects.models import ApplicationTransition, ProjectTransition
from tests.editions.factories import CLOSES_AT
from tests.projects.factories import (
    SELECTED_AT,
    SUBMITTED_AT,
    ApplicationFactory,
    ProjectFactory,
)
from tests.projects.helpers import refusals

pytestmark = pytest.mark.django_db
S = ApplicationStatus
LATER = SELECTED_AT.replace(month=4)

# How each application status is reached from a submitted application.
APPLICATION_PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [],
    S.WITHDRAWN: [S.WITHDRAWN],
    S.INELIGIBLE: [S.INELIGIBLE],
    S.NOT_SHORTLISTED: [S.NOT_SHORTLISTED],
    S.SHORTLISTED: [S.SHORTLISTED],
    S.SELECTED: [S.SHORTLISTED, S.SELECTED],
    S.NOT_SELECTED: [S.SHORTLISTED, S.NOT_SELECTED],
}


def _decided_by(lifecycle, source, target):
    """Staff when they may make the move (a screening decision staff correct is theirs)."""
    move = lifecycle.find(source, target)
    if move is None or move.allows(DecisionSource.STAFF):
        return DecisionSource.STAFF
    return sorted(move.by)[0]


def application_in(status):
    application = ApplicationFactory(submitted=status != S.DRAFT)
    for step in APPLICATION_PATHS[status]:
        move_application(
            application,
            step,
            actor=application.created_by,
            decided_by=_decided_by(APPLICATION_LIFECYCLE, application.status, step),
            reason="Étape de préparation.",
            at=SELECTED_AT,
        )
    return application


def not_in_the_table(states, source, target):
    """What a move the lifecycle's table does not have is refused with."""
    return [f"Impossible de passer de « {states(source).label} » à « {states(target).label} »."]


@pytest.mark.parametrize(("source", "target"), list(itertools.product(S.values, S.values)))
def test_application_move_succeeds_only_where_the_table_allows_it(source, target):
    application = application_in(source)
    history_before = ApplicationTransition.objects.filter(application=application).count()
    move = APPLICATION_LIFECYCLE.find(source, target)
    at = SUBMITTED_AT if target == S.SUBMITTED else LATER

    def act():
        return move_application(
            application,
            target,
            actor=application.created_by,
            decided_by=_decided_by(APPLICATION_LIFECYCLE, source, target),
            reason="Motif de test.",
            at=at,
        )

    history_rows = ApplicationTransition.objects.filter(application=application)
    application.refresh_from_db()
    if source == target:
        assert act() is None
        assert history_rows.count() == history_before
    elif move is None:
        assert refusals(act) == not_in_the_table(S, source, target)
        application.refresh_from_db()
        assert application.status == source
        assert history_rows.count() == history_before
    else:
        history = act()
        application.refresh_from_db()
        assert application.status == target
        assert history_rows.count() == history_before + 1
        assert (history.from_status, history.to_status) == (source, target)


STAFF, JURY = DecisionSource.STAFF, DecisionSource.JURY


@pytest.mark.parametrize(
    ("name", "source", "target", "decided_by"),
    [
        ("declare_ineligible", S.SUBMITTED, S.INELIGIBLE, STAFF),
        ("not_shortlist", S.SUBMITTED, S.NOT_SHORTLISTED, STAFF),
        ("not_shortlist", S.SUBMITTED, S.NOT_SHORTLISTED, JURY),
        ("shortlist", S.SUBMITTED, S.SHORTLISTED, STAFF),
        ("shortlist", S.SUBMITTED, S.SHORTLISTED, JURY),
        ("select", S.SHORTLISTED, S.SELECTED, STAFF),
        ("select", S.SHORTLISTED, S.SELECTED, JURY),
        ("not_select", S.SHORTLISTED, S.NOT_SELECTED, STAFF),
        ("not_select", S.SHORTLISTED, S.NOT_SELECTED, JURY),
    ],
)
def test_each_decision_of_staff_or_the_jury_needs_a_reason(name, source, target, decided_by):
    application = application_in(source)
    history_rows = ApplicationTransition.objects.filter(application=application)
    history_before = history_rows.count()

    reasons = refusals(
        lambda: move_application(
            application,
            target,
            actor=application.created_by,
            decided_by=decided_by,
            reason="  ",
            at=LATER,
        )
    )

    application.refresh_from_db()
    assert APPLICATION_LIFECYCLE.find(source, target).name == name
    assert reasons == ["Indiquez le motif de la décision."]
    assert (application.status, history_rows.count()) == (source, history_before)


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("declare_ineligible", S.INELIGIBLE),
        ("not_shortlist", S.NOT_SHORTLISTED),
        ("shortlist", S.SHORTLISTED),
    ],
)
def test_each_screening_decision_waits_for_the_calls_close(name, target):
    application = application_in(S.SUBMITTED)

    reasons = refusals(
        lambda: move_application(
            application,
            target,
            actor=application.created_by,
            decided_by=DecisionSource.STAFF,
            reason="Motif de test.",
            at=CLOSES_AT,
        )
    )

    application.refresh_from_db()
    assert APPLICATION_LIFECYCLE.find(S.SUBMITTED, target).name == name
    assert reasons == ["L'appel est encore ouvert : les candidatures s'examinent après sa clôture."]
    assert (application.status, application.transitions.count()) == (S.SUBMITTED, 1)


P = Phase


def project_in(phase):
    project = ProjectFactory(experimentation=phase == P.EXPERIMENTATION)
    if phase in (P.REINTEGRATION, P.ABANDONED):
        move_project(
            project,
            phase,
            period=project.periods.open().get(),
            actor=project.application.created_by,
            decided_by=DecisionSource.STAFF,
            reason="Étape de préparation.",
            outcome=ReintegrationOutcome.HANDED_OVER if phase == P.REINTEGRATION else "",
            at=LATER,
        )
    return project


@pytest.mark.parametrize(("source", "target"), list(itertools.product(P.values, P.values)))
def test_project_move_succeeds_only_where_the_table_allows_it(source, target):
    project = project_in(source)
    history_rows = ProjectTransition.objects.filter(project=project)
    history_before = history_rows.count()
    periods_before = list(project.periods.values_list("pk", "actual_end"))
    move = PROJECT_LIFECYCLE.find(source, target)

    def act():
        return move_project(
            project,
            target,
            period=project.periods.open().first(),
            actor=project.application.created_by,
            decided_by=_decided_by(PROJECT_LIFECYCLE, source, target),
            reason="Motif de test.",
            outcome=ReintegrationOutcome.SCALED if target == P.REINTEGRATION else "",
            at=LATER.replace(month=10),
        )

    if source == target and move is None:
        assert act() is None
        assert history_rows.count() == history_before
    elif move is None:
        assert refusals(act) == not_in_the_table(P, source, target)
        project.refresh_from_db()
        assert project.phase == source
        assert history_rows.count() == history_before
        assert list(project.periods.values_list("pk", "actual_end")) == periods_before
    else:
        history = act()
        project.refresh_from_db()
        assert project.phase == target
        assert history_rows.count() == history_before + 1
        assert (history.from_phase, history.to_phase) == (source, target)
        assert history.closed_period.actual_end is not None
        assert project.periods.open().count() == (1 if target == P.EXPERIMENTATION else 0)


@pytest.mark.parametrize("lifecycle", LIFECYCLES, ids=lambda lifecycle: lifecycle.name)
def test_lifecycle_diagram_in_the_readme_matches_its_table(lifecycle):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()

    with translation.override("fr"):
        assert f"```mermaid\n{lifecycle.mermaid()}\n```" in readme


@pytest.mark.parametrize(
    ("name", "source", "target", "decided_by"),
    [
        ("continue", P.PRE_INCUBATION, P.EXPERIMENTATION, STAFF),
        ("continue", P.PRE_INCUBATION, P.EXPERIMENTATION, JURY),
        ("renew", P.EXPERIMENTATION, P.EXPERIMENTATION, JURY),
        ("reintegrate", P.PRE_INCUBATION, P.REINTEGRATION, STAFF),
        ("reintegrate", P.EXPERIMENTATION, P.REINTEGRATION, JURY),
        ("abandon", P.PRE_INCUBATION, P.ABANDONED, STAFF),
        ("abandon", P.EXPERIMENTATION, P.ABANDONED, STAFF),
    ],
)
def test_each_project_decision_of_staff_or_the_jury_needs_a_reason(
    name, source, target, decided_by
):
    project = project_in(source)
    history_rows = ProjectTransition.objects.filter(project=project)
    history_before = history_rows.count()
    period = project.periods.open().get()

    reasons = refusals(
        lambda: move_project(
            project,
            target,
            period=period,
            actor=project.application.created_by,
            decided_by=decided_by,
            reason="  ",
            outcome=ReintegrationOutcome.SCALED if target == P.REINTEGRATION else "",
            at=LATER.replace(month=10),
        )
    )

    project.refresh_from_db()
    period.refresh_from_db()
    assert PROJECT_LIFECYCLE.find(source, target).name == name
    assert reasons == ["Indiquez le motif de la décision."]
    assert (project.phase, history_rows.count()) == (source, history_before)
    assert period.actual_end is None


@pytest.mark.parametrize(
    ("name", "source", "target"),
    [
        ("continue", P.PRE_INCUBATION, P.EXPERIMENTATION),
        ("renew", P.EXPERIMENTATION, P.EXPERIMENTATION),
        ("reintegrate", P.PRE_INCUBATION, P.REINTEGRATION),
        ("reintegrate", P.EXPERIMENTATION, P.REINTEGRATION),
        ("abandon", P.PRE_INCUBATION, P.ABANDONED),
        ("abandon", P.EXPERIMENTATION, P.ABANDONED),
    ],
)
def test_each_project_decision_names_the_period_it_concludes(name, source, target):
    project = project_in(source)
    history_rows = ProjectTransition.objects.filter(project=project)
    history_before = history_rows.count()

    reasons = refusals(
        lambda: move_project(
            project,
            target,
            period=None,
            actor=project.application.created_by,
            decided_by=DecisionSource.STAFF,
            reason="Motif de test.",
            outcome=ReintegrationOutcome.SCALED if target == P.REINTEGRATION else "",
            at=LATER.replace(month=10),
        )
    )

    project.refresh_from_db()
    assert PROJECT_LIFECYCLE.find(source, target).name == name
    assert reasons == ["Indiquez la période que cette décision conclut."]
    assert (project.phase, history_rows.count()) == (source, history_before)
    assert project.periods.open().count() == 1
