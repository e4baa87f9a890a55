import datetime
from decimal import Decimal

import pytest

from editions.enums import Phase
from programme.enums import DecisionSource
from programme.lifecycles import Refused
from projects.applications.services import move_application
from projects.enums import ApplicationStatus
from projects.laureates.services import move_project
from tests.editions.factories import CallFactory, EditionFactory, paris
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    REVIEWED_AT,
    ApplicationFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.projects.helpers import decide_application, decide_project, submit

pytestmark = pytest.mark.django_db


def test_submission_at_the_last_second_of_the_deadline_is_accepted():
    application = ApplicationFactory()

    submit(application, paris(2022, 1, 31, 23, 59, 59))

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at == paris(2022, 1, 31, 23, 59, 59)


def test_submission_one_second_after_the_deadline_is_refused_and_the_draft_kept():
    application = ApplicationFactory()

    with pytest.raises(Refused) as refused:
        submit(application, paris(2022, 2, 1, 0, 0, 0))

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert refused.value.reasons == [
        "L'appel à candidatures est clos depuis le 31 janvier 2022 23:59."
    ]


def test_deadline_on_the_night_clocks_go_forward_is_read_in_paris_time():
    # 27 March 2022: at 02:00 Paris time the clocks jumped to 03:00 (UTC+1 → UTC+2).
    call = CallFactory(closes_at=paris(2022, 3, 27, 3, 30))
    application = ApplicationFactory(call=call)

    with pytest.raises(Refused) as refused:
        submit(application, datetime.datetime(2022, 3, 27, 1, 31, tzinfo=datetime.UTC))

    assert refused.value.reasons == [
        "L'appel à candidatures est clos depuis le 27 mars 2022 03:30."
    ]

    submit(application, datetime.datetime(2022, 3, 27, 1, 29, tzinfo=datetime.UTC))
    assert application.status == ApplicationStatus.SUBMITTED


def test_submission_before_the_call_opens_is_refused():
    application = ApplicationFactory()

    with pytest.raises(Refused) as refused:
        submit(application, paris(2021, 11, 30, 12, 0))

    assert refused.value.reasons == ["L'appel à candidatures ouvre le 1er décembre 2021 09:00."]


def test_submission_with_an_incomplete_team_member_names_what_is_missing():
    application = ApplicationFactory()
    TeamMemberFactory(
        application=application, student=True, school=None, first_name="Zoé", last_name="Roy"
    )

    with pytest.raises(Refused) as refused:
        submit(application, paris(2022, 1, 10, 12, 0))

    assert refused.value.reasons == ["Zoé Roy : renseignez école."]


def test_submission_twice_is_a_no_op_the_second_time():
    application = ApplicationFactory()
    submit(application, paris(2022, 1, 10, 12, 0))

    assert submit(application, paris(2022, 1, 10, 12, 1)) is None
    assert application.transitions.count() == 1


@pytest.mark.parametrize(
    ("target", "decided_by", "reason", "at", "rule"),
    [
        pytest.param(
            ApplicationStatus.INELIGIBLE,
            DecisionSource.STAFF,
            "  ",
            paris(2022, 2, 10, 9, 0),
            "Indiquez le motif de la décision.",
            id="staff decision without a reason",
        ),
        pytest.param(
            ApplicationStatus.SHORTLISTED,
            DecisionSource.STAFF,
            "Dossier solide.",
            paris(2022, 1, 20, 9, 0),
            "L'appel est encore ouvert : les candidatures s'examinent après sa clôture.",
            id="screening while the call is still open",
        ),
        pytest.param(
            ApplicationStatus.SHORTLISTED,
            DecisionSource.TEAM,
            "Nous sommes excellents.",
            paris(2022, 2, 10, 9, 0),
            "Cette décision ne revient pas à : Équipe.",
            id="team shortlisting its own application",
        ),
    ],
)
def test_refused_application_move_names_its_rule_and_leaves_the_status(
    target, decided_by, reason, at, rule
):
    application = ApplicationFactory(submitted=True)
    actor = application.created_by if decided_by == DecisionSource.TEAM else UserFactory()

    with pytest.raises(Refused) as refused:
        move_application(
            application, target, actor=actor, decided_by=decided_by, reason=reason, at=at
        )

    assert refused.value.reasons == [rule]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_selection_creates_the_project_in_pre_incubation_planned_and_coached_per_edition():
    edition = EditionFactory(
        phases={
            Phase.PRE_INCUBATION: {
                "months": 4,
                "days_per_week": Decimal("1.5"),
                "place": "Cité numérique",
            }
        }
    )
    coach = UserFactory()
    edition.coaches.add(coach)
    application = ApplicationFactory(call=CallFactory(edition=edition), shortlisted=True)

    decide_application(
        application,
        ApplicationStatus.SELECTED,
        decided_by=DecisionSource.JURY,
        at=paris(2022, 3, 15, 17, 0),
    )

    project = application.project
    period = project.periods.get()
    assert (project.title, project.phase, project.phase_since) == (
        application.title,
        Phase.PRE_INCUBATION,
        datetime.date(2022, 3, 15),
    )
    assert (period.sequence, period.phase, period.planned_start, period.planned_end) == (
        1,
        Phase.PRE_INCUBATION,
        datetime.date(2022, 3, 15),
        datetime.date(2022, 7, 15),
    )
    assert (period.days_per_week, period.place) == (Decimal("1.5"), "Cité numérique")
    assert list(period.coaches.all()) == [coach]
    assert project.transitions.get().opened_period == period


def test_renewal_closes_the_experimentation_and_opens_a_new_one_with_its_coaches():
    project = ProjectFactory(experimentation=True)
    coach = UserFactory()
    first = project.periods.open().get()
    first.coaches.add(coach)

    history = move_project(
        project,
        Phase.EXPERIMENTATION,
        period=first,
        actor=UserFactory(),
        decided_by=DecisionSource.JURY,
        reason="Impacts positifs mesurés.",
        at=paris(2023, 3, 15, 17, 0),
    )

    first.refresh_from_db()
    renewed = project.periods.open().get()
    assert first.actual_end == datetime.date(2023, 3, 15)
    assert (renewed.sequence, renewed.planned_start, renewed.planned_end) == (
        3,
        datetime.date(2023, 3, 15),
        datetime.date(2023, 9, 15),
    )
    assert list(renewed.coaches.all()) == [coach]
    assert (history.closed_period, history.opened_period) == (first, renewed)


@pytest.mark.parametrize(
    ("edition_place", "expected"),
    [("", "Cité numérique"), ("Locaux de la direction", "Locaux de la direction")],
)
def test_experimentation_is_planned_from_the_edition_and_keeps_the_place_it_lacks(
    edition_place, expected
):
    edition = EditionFactory(
        phases={
            Phase.PRE_INCUBATION: {"place": "Cité numérique"},
            Phase.EXPERIMENTATION: {
                "months": 9,
                "days_per_week": Decimal("2.5"),
                "place": edition_place,
            },
        }
    )
    project = ProjectFactory(application__call=CallFactory(edition=edition))

    decide_project(project, Phase.EXPERIMENTATION, at=paris(2022, 6, 15, 17, 0))

    period = project.periods.open().get()
    assert (period.phase, period.planned_end, period.days_per_week, period.place) == (
        Phase.EXPERIMENTATION,
        datetime.date(2023, 3, 15),
        Decimal("2.5"),
        expected,
    )


def test_renewal_applied_twice_renews_once():
    project = ProjectFactory(experimentation=True)
    period = project.periods.open().get()
    arguments = {
        "period": period,
        "actor": UserFactory(),
        "decided_by": DecisionSource.JURY,
        "reason": "Renouvellement.",
        "at": paris(2023, 3, 15, 17, 0),
    }

    first = move_project(project, Phase.EXPERIMENTATION, **arguments)
    second = move_project(project, Phase.EXPERIMENTATION, **arguments)

    assert first is not None
    assert second is None
    assert project.periods.count() == 3


@pytest.mark.parametrize(
    ("target", "reason", "at", "rule"),
    [
        pytest.param(
            Phase.EXPERIMENTATION,
            "Trop tôt.",
            paris(2022, 3, 1, 9, 0),
            "La période en cours n'a pas commencé : elle débute le 15 mars 2022.",
            id="moving out of a period before it started",
        ),
        pytest.param(
            Phase.REINTEGRATION,
            "Fin du projet.",
            REVIEWED_AT,
            "Précisez l'issue de la réintégration.",
            id="reintegration without its outcome",
        ),
    ],
)
def test_refused_project_move_names_its_rule_and_leaves_the_phase(target, reason, at, rule):
    project = ProjectFactory()

    with pytest.raises(Refused) as refused:
        move_project(
            project,
            target,
            period=project.periods.open().get(),
            actor=UserFactory(),
            decided_by=DecisionSource.STAFF,
            reason=reason,
            at=at,
        )

    assert refused.value.reasons == [rule]
    project.refresh_from_db()
    assert (project.phase, project.periods.count()) == (Phase.PRE_INCUBATION, 1)
