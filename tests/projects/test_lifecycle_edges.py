"""The lifecycle's edges: the call's exact instants, the team's limits, who is told when."""

import datetime

import pytest

from editions.enums import Phase
from programme.enums import DecisionSource
from programme.models import AuditEntry
from projects.applications.services import application_refusals, move_application
from projects.applications.services.team import record_manager_response
from projects.enums import ApplicationStatus, ManagerResponse, MemberRole, ReintegrationOutcome
from projects.laureates.services import move_project, project_refusals
from tests.editions.factories import CLOSES_AT, ONE_SECOND, OPENS_AT, CallFactory, paris
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    REVIEWED_AT,
    ApplicationFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.projects.helpers import refusals

pytestmark = pytest.mark.django_db


def move(application, target, at, decided_by=DecisionSource.STAFF, **arguments):
    return move_application(
        application,
        target,
        actor=application.created_by,
        decided_by=decided_by,
        reason=arguments.pop("reason", "Motif."),
        at=at,
        **arguments,
    )


def test_submission_at_the_very_second_the_call_opens_is_accepted():
    application = ApplicationFactory()

    move(application, ApplicationStatus.SUBMITTED, OPENS_AT, DecisionSource.TEAM)

    application.refresh_from_db()
    assert (application.status, application.submitted_at) == (ApplicationStatus.SUBMITTED, OPENS_AT)


def test_submission_one_second_before_the_call_opens_is_refused():
    application = ApplicationFactory()

    reasons = refusals(
        lambda: move(application, "submitted", OPENS_AT - ONE_SECOND, DecisionSource.TEAM)
    )

    assert reasons == ["L'appel à candidatures ouvre le 1er décembre 2021 09:00."]


def test_screening_at_the_closing_instant_is_refused():
    application = ApplicationFactory(submitted=True)

    reasons = refusals(lambda: move(application, ApplicationStatus.SHORTLISTED, CLOSES_AT))

    assert reasons == ["L'appel est encore ouvert : les candidatures s'examinent après sa clôture."]


def test_screening_one_second_after_the_close_is_accepted():
    application = ApplicationFactory(submitted=True)

    history = move(application, ApplicationStatus.INELIGIBLE, CLOSES_AT + ONE_SECOND)

    assert (history.from_status, history.to_status) == ("submitted", "ineligible")


def test_the_team_may_withdraw_while_the_call_is_open():
    application = ApplicationFactory(submitted=True)

    move(application, ApplicationStatus.WITHDRAWN, paris(2022, 1, 20, 9, 0), DecisionSource.TEAM)

    assert application.status == ApplicationStatus.WITHDRAWN


def test_a_team_as_large_as_the_call_allows_may_submit():
    application = ApplicationFactory(call=CallFactory(max_team_size=2))
    TeamMemberFactory(application=application)

    move(application, ApplicationStatus.SUBMITTED, OPENS_AT, DecisionSource.TEAM)

    assert application.status == ApplicationStatus.SUBMITTED


def test_a_team_larger_than_the_call_allows_may_not_submit():
    application = ApplicationFactory(call=CallFactory(max_team_size=2))
    TeamMemberFactory(application=application)
    TeamMemberFactory(application=application)

    reasons = refusals(lambda: move(application, "submitted", OPENS_AT, DecisionSource.TEAM))

    assert reasons == ["L'équipe compte 3 membres, l'appel en autorise 2 au plus."]


def test_a_team_without_a_lead_may_not_submit():
    application = ApplicationFactory()
    application.team_members.update(role=MemberRole.MEMBER)

    reasons = refusals(lambda: move(application, "submitted", OPENS_AT, DecisionSource.TEAM))

    assert reasons == ["L'équipe n'a pas de porteur ou porteuse de projet."]


def test_a_member_whose_manager_declined_stops_the_submission():
    application = ApplicationFactory()
    member = TeamMemberFactory(application=application, first_name="Léa", last_name="Roux")
    record_manager_response(member, ManagerResponse.DECLINED)

    reasons = refusals(lambda: move(application, "submitted", OPENS_AT, DecisionSource.TEAM))

    assert reasons == ["Léa Roux : son ou sa responsable a refusé de donner son accord."]


def test_shortlisting_waits_for_every_managers_agreement():
    application = ApplicationFactory()
    for first_name in ("Léa", "Hugo"):
        TeamMemberFactory(
            application=application, first_name=first_name, last_name="Roux", manager_agreed=False
        )
    move(application, ApplicationStatus.SUBMITTED, OPENS_AT, DecisionSource.TEAM)

    reasons = refusals(lambda: move(application, "shortlisted", CLOSES_AT + ONE_SECOND))

    assert reasons == ["Accord du ou de la responsable en attente pour : Hugo Roux, Léa Roux."]


def test_a_move_the_table_does_not_have_names_both_statuses():
    application = ApplicationFactory()

    reasons = refusals(lambda: move(application, ApplicationStatus.SELECTED, CLOSES_AT))

    assert reasons == ["Impossible de passer de « Brouillon » à « Lauréate »."]


def screen_asks(at):
    """What a screen is told before staff write a reason, asking to rule a submitted
    application out of the shortlist at ``at``."""
    return application_refusals(
        ApplicationFactory(submitted=True),
        ApplicationStatus.NOT_SHORTLISTED,
        decided_by=DecisionSource.STAFF,
        reason=None,
        at=at,
    )


def test_screens_ask_before_any_reason_is_written():
    assert screen_asks(CLOSES_AT + ONE_SECOND) == []


def test_screens_asking_while_the_call_is_open_are_told_screening_waits_for_its_close():
    assert screen_asks(CLOSES_AT) == [
        "L'appel est encore ouvert : les candidatures s'examinent après sa clôture."
    ]


def test_a_move_made_at_a_past_instant_is_logged_at_that_instant():
    application = ApplicationFactory(submitted=True)
    decided_at = CLOSES_AT + ONE_SECOND

    history = move(application, ApplicationStatus.INELIGIBLE, decided_at)

    entry = AuditEntry.objects.get(pk=history.audit_entry_id)
    assert (history.at, entry.action, entry.at) == (
        decided_at,
        "application.declare_ineligible",
        decided_at,
    )


def test_a_team_submission_given_no_reason_records_none():
    application = ApplicationFactory()

    history = move_application(
        application,
        ApplicationStatus.SUBMITTED,
        actor=application.created_by,
        decided_by=DecisionSource.TEAM,
        at=OPENS_AT,
    )

    entry = AuditEntry.objects.get(pk=history.audit_entry_id)
    assert (history.reason, entry.action, entry.reason) == ("", "application.submit", "")


def test_a_jurys_selection_is_not_mailed_before_staff_publish_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(shortlisted=True)

    with django_capture_on_commit_callbacks(execute=True):
        history = move(application, ApplicationStatus.SELECTED, REVIEWED_AT, DecisionSource.JURY)

    assert (mailoutbox, history.published_at) == ([], None)
    assert application.project.transitions.get().published_at is None


def test_a_staff_decision_is_mailed_and_public_at_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(shortlisted=True)

    with django_capture_on_commit_callbacks(execute=True):
        history = move(application, ApplicationStatus.NOT_SELECTED, REVIEWED_AT)

    assert history.published_at == REVIEWED_AT
    assert [message.to for message in mailoutbox] == [[application.created_by.email]]


def test_a_replayed_decision_is_not_mailed(mailoutbox, django_capture_on_commit_callbacks):
    application = ApplicationFactory(shortlisted=True)

    with django_capture_on_commit_callbacks(execute=True):
        move(application, ApplicationStatus.NOT_SELECTED, REVIEWED_AT, notify=False)

    assert mailoutbox == []


def test_laureates_with_the_same_title_get_distinct_addresses():
    titles = ["Ruches de l'estuaire"] * 3 + ["!!!"]
    projects = [ApplicationFactory(title=title, selected=True).project for title in titles]

    assert [project.slug for project in projects] == [
        "ruches-de-lestuaire",
        "ruches-de-lestuaire-2",
        "ruches-de-lestuaire-3",
        "projet",
    ]


def project_move(project, target, **arguments):
    return move_project(
        project,
        target,
        period=arguments.pop("period", project.periods.open().first()),
        actor=project.application.created_by,
        decided_by=arguments.pop("decided_by", DecisionSource.STAFF),
        reason="Motif.",
        at=arguments.pop("at", REVIEWED_AT),
        **arguments,
    )


def test_a_jurys_project_decision_is_not_mailed_before_publication(
    mailoutbox, django_capture_on_commit_callbacks
):
    project = ProjectFactory()

    with django_capture_on_commit_callbacks(execute=True):
        history = project_move(project, Phase.EXPERIMENTATION, decided_by=DecisionSource.JURY)

    assert (mailoutbox, history.published_at) == ([], None)


def test_a_staff_project_decision_is_mailed_to_the_team_and_the_coaches(
    mailoutbox, django_capture_on_commit_callbacks
):
    project = ProjectFactory()
    coach = UserFactory()
    project.periods.get().coaches.add(coach)

    with django_capture_on_commit_callbacks(execute=True):
        history = project_move(project, Phase.ABANDONED)

    assert history.published_at == REVIEWED_AT
    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        [project.application.created_by.email, coach.email]
    )


def test_only_a_reintegration_has_an_outcome():
    project = ProjectFactory()

    reasons = refusals(
        lambda: project_move(project, Phase.ABANDONED, outcome=ReintegrationOutcome.STOPPED)
    )

    assert reasons == ["Seule une réintégration a une issue."]


def test_a_project_decision_names_the_period_it_concludes():
    project = ProjectFactory()

    reasons = refusals(lambda: project_move(project, Phase.ABANDONED, period=None))

    assert reasons == ["Indiquez la période que cette décision conclut."]


def test_screens_ask_about_a_reintegration_before_its_outcome_is_chosen():
    project = ProjectFactory()

    reasons = project_refusals(
        project,
        Phase.REINTEGRATION,
        period=project.periods.get(),
        decided_by=DecisionSource.STAFF,
        reason=None,
        outcome=None,
        at=REVIEWED_AT,
    )

    assert reasons == []


def test_a_decision_overtaken_by_another_is_refused_and_a_repeat_ignored():
    project = ProjectFactory()
    period = project.periods.get()
    project_move(project, Phase.ABANDONED, period=period)

    overtaken = refusals(lambda: project_move(project, Phase.EXPERIMENTATION, period=period))

    assert overtaken == [
        "Une autre décision a été enregistrée entre-temps : le projet est passé en « Abandon »."
    ]
    assert project_move(project, Phase.ABANDONED, period=period) is None


def test_an_experimentation_starts_on_the_day_given():
    project = ProjectFactory()

    history = project_move(project, Phase.EXPERIMENTATION, starts_on=datetime.date(2022, 10, 3))

    assert (history.opened_period.sequence, history.opened_period.planned_start) == (
        2,
        datetime.date(2022, 10, 3),
    )
    assert (history.closed_period.actual_end, project.phase_since) == (
        datetime.date(2022, 9, 15),
        datetime.date(2022, 9, 15),
    )
