"""A session's lifecycle: who may move it, the guards at each step, what closing does."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.enums import Phase
from editions.models import Call
from jury.enums import Attendance, Outcome, SessionStatus
from jury.models import ConflictOfInterest, Decision
from jury.services import (
    move_session,
    record_attendance,
    record_decision,
    remove_item,
    session_refusals,
)
from programme.enums import DecisionSource
from programme.lifecycles import Refused
from projects.applications.services import move_application
from projects.enums import ApplicationStatus, ReintegrationOutcome
from tests.editions.factories import paris
from tests.jury.factories import (
    ConvocationFactory,
    ReviewItemFactory,
    SelectionItemFactory,
    SessionFactory,
    deliberating,
)
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db
CLOSED_AT = paris(2022, 3, 15, 18, 0)


def refusals(session, target, **arguments):
    status = session.status
    with pytest.raises(Refused) as refused:
        move_session(session, target, actor=UserFactory(), **arguments)
    session.refresh_from_db()
    assert session.status == status
    return refused.value.reasons


def test_scoring_opens_on_a_session_with_an_agenda(staff):
    session = SessionFactory()
    SelectionItemFactory(session=session)

    locked = move_session(session, SessionStatus.SCORING, actor=staff)

    session.refresh_from_db()
    assert (locked.status, session.status) == (SessionStatus.SCORING, SessionStatus.SCORING)


def test_scoring_does_not_open_on_an_empty_agenda():
    session = SessionFactory()

    assert refusals(session, SessionStatus.SCORING) == ["L'ordre du jour est vide."]


def test_a_move_to_the_current_status_does_nothing(staff):
    session = SessionFactory()

    assert move_session(session, SessionStatus.PLANNED, actor=staff) is None


def test_a_move_the_table_does_not_have_names_both_statuses():
    session = SessionFactory()
    SelectionItemFactory(session=session)

    assert refusals(session, SessionStatus.CLOSED) == [
        "Impossible de passer de « Programmée » à « Close »."
    ]


def test_the_chair_opens_the_scoring_and_the_deliberation(staff):
    session = SessionFactory()
    SelectionItemFactory(session=session)

    move_session(session, SessionStatus.SCORING, actor=staff, decided_by=DecisionSource.JURY)
    move_session(session, SessionStatus.DELIBERATION, actor=staff, decided_by=DecisionSource.JURY)

    session.refresh_from_db()
    assert session.status == SessionStatus.DELIBERATION


def test_the_jury_may_close_its_own_session(staff):
    pitch = SelectionItemFactory()
    deliberating(pitch.session, staff)
    record_decision(pitch, outcome=Outcome.NOT_SELECTED, actor=staff)

    move_session(pitch.session, SessionStatus.CLOSED, actor=staff, decided_by=DecisionSource.JURY)

    pitch.session.refresh_from_db()
    assert pitch.session.status == SessionStatus.CLOSED


def test_the_close_needs_the_quorum_of_voting_members_present(staff):
    session = SessionFactory(quorum=3)
    pitch = SelectionItemFactory(session=session)
    deliberating(session, staff, present=3)
    ConvocationFactory(session=session, attendance=Attendance.PRESENT, member__secretary=True)
    ConvocationFactory(session=session, attendance=Attendance.EXCUSED)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
    leaving = session.convocations.filter(member__role="elected_official").first().member
    record_attendance(session, member=leaving, attendance=Attendance.EXCUSED, actor=staff)

    assert refusals(session, SessionStatus.CLOSED) == [
        "Quorum non atteint : 2 membre(s) votant(s) présent(s), 3 requis."
    ]


def test_the_close_with_exactly_the_quorum_is_accepted(staff):
    session = SessionFactory(quorum=2)
    pitch = SelectionItemFactory(session=session)
    deliberating(session, staff, present=2)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)

    assert move_session(session, SessionStatus.CLOSED, actor=staff).status == "closed"


def test_the_close_lists_every_undecided_item_and_the_missing_quorum(staff):
    session = SessionFactory(quorum=2)
    SelectionItemFactory(session=session)
    SelectionItemFactory(session=session)
    deliberating(session, staff, present=1)

    assert refusals(session, SessionStatus.CLOSED) == [
        "Points sans décision : 1, 2.",
        "Quorum non atteint : 1 membre(s) votant(s) présent(s), 2 requis.",
    ]


def test_the_close_marks_who_did_not_come_absent_and_records_who_closed_and_when(staff):
    session = SessionFactory()
    pitch = SelectionItemFactory(session=session)
    unanswered = ConvocationFactory(session=session)
    excused = ConvocationFactory(session=session, attendance=Attendance.EXCUSED)
    deliberating(session, staff)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)

    move_session(session, SessionStatus.CLOSED, actor=staff, at=CLOSED_AT)

    session.refresh_from_db()
    unanswered.refresh_from_db()
    excused.refresh_from_db()
    assert (session.closed_at, session.closed_by) == (CLOSED_AT, staff)
    assert (unanswered.attendance, excused.attendance) == (Attendance.ABSENT, Attendance.EXCUSED)
    assert Decision.objects.get().applied_at == CLOSED_AT


def test_the_decision_is_applied_with_the_session_day_and_its_public_reasons(staff):
    pitch = SelectionItemFactory(session__starts_at=paris(2022, 3, 15, 23, 30))
    deliberating(pitch.session, staff)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff, public_reasons="Un vrai besoin.")

    late = paris(2022, 3, 15, 23, 45)  # already the 16th in UTC: the day is Paris's
    move_session(pitch.session, SessionStatus.CLOSED, actor=staff, at=late)

    history = Decision.objects.get().application_transition
    assert (history.to_status, history.decided_by, history.actor, history.at) == (
        ApplicationStatus.SELECTED,
        DecisionSource.JURY,
        staff,
        late,
    )
    assert history.reason == "Décision du jury, séance du 15 mars 2022. Un vrai besoin."


def test_a_jury_reintegration_moves_the_project_with_its_outcome(staff):
    review = ReviewItemFactory(
        project__experimentation=True, session__starts_at=paris(2023, 3, 15, 14, 0)
    )
    deliberating(review.session, staff)
    record_decision(
        review,
        outcome=Outcome.REINTEGRATE,
        actor=staff,
        reintegration_outcome=ReintegrationOutcome.SCALED,
    )

    move_session(review.session, SessionStatus.CLOSED, actor=staff, at=paris(2023, 3, 15, 18, 0))

    review.project.refresh_from_db()
    history = Decision.objects.get().project_transition
    assert (review.project.phase, review.project.outcome) == (Phase.REINTEGRATION, "scaled")
    assert (history.from_phase, history.to_phase, history.outcome) == (
        Phase.EXPERIMENTATION,
        Phase.REINTEGRATION,
        ReintegrationOutcome.SCALED,
    )
    assert (history.reason, history.decided_by, history.actor) == (
        "Décision du jury, séance du 15 mars 2023.",
        DecisionSource.JURY,
        staff,
    )
    assert history.closed_period.actual_end == datetime.date(2023, 3, 15)


def test_a_decision_staff_already_applied_outside_the_session_stops_the_close(staff):
    pitch = SelectionItemFactory()
    deliberating(pitch.session, staff)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
    move_application(
        pitch.application,
        ApplicationStatus.SELECTED,
        actor=staff,
        decided_by=DecisionSource.STAFF,
        reason="Décidé avant la séance.",
    )

    assert refusals(pitch.session, SessionStatus.CLOSED) == [
        "Point 1 : La candidature est « Lauréate » : « Lauréate » ne s'applique pas."
    ]


def test_an_item_refused_for_two_reasons_gives_both_at_the_close(staff):
    # A shortlisting on an application whose call is still open and whose agent's line
    # manager has not answered: the application's table refuses it for both reasons.
    item = SelectionItemFactory(
        kind="shortlist", application__shortlisted=False, application__submitted=True
    )
    Call.objects.filter(pk=item.application.call_id).update(
        closes_at=datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=10)
    )
    waiting = item.application.team_members.get()
    waiting.kind, waiting.manager_email, waiting.manager_response = "agent", "chef@x.fr", "pending"
    waiting.save()
    deliberating(item.session, staff)
    record_decision(item, outcome=Outcome.SHORTLISTED, actor=staff)

    assert refusals(item.session, SessionStatus.CLOSED) == [
        "Point 1 : L'appel est encore ouvert : les candidatures s'examinent après sa "
        "clôture. Accord du ou de la responsable en attente pour : "
        f"{waiting.full_name}."
    ]


def test_closing_a_session_applies_its_own_decisions_only(staff):
    closing = SelectionItemFactory()
    deliberating(closing.session, staff)
    record_decision(closing, outcome=Outcome.SELECTED, actor=staff)
    other = SelectionItemFactory()
    deliberating(other.session, staff)
    record_decision(other, outcome=Outcome.NOT_SELECTED, actor=staff)
    status_before = other.application.status

    move_session(closing.session, SessionStatus.CLOSED, actor=staff)

    other.application.refresh_from_db()
    assert other.application.status == status_before
    assert Decision.objects.get(item=other).applied_at is None


def test_the_close_is_judged_at_the_time_it_is_given_for(staff):
    session = SessionFactory(
        starts_at=paris(2022, 3, 15, 14, 0), pitches=1, convened=1, deliberation=True
    )
    record_decision(session.items.get(), outcome=Outcome.SELECTED, actor=staff)

    assert refusals(session, SessionStatus.CLOSED, at=paris(2022, 3, 15, 13, 0)) == [
        "La séance commence le 15 mars 2022 14:00 : elle ne peut pas être close avant."
    ]


def test_session_refusals_say_why_without_moving_the_session(staff):
    session = SessionFactory(
        starts_at=paris(2022, 3, 15, 14, 0), pitches=1, convened=1, deliberation=True
    )
    record_decision(session.items.get(), outcome=Outcome.SELECTED, actor=staff)
    staff_rule = {"decided_by": DecisionSource.STAFF}

    before_start = session_refusals(
        session, SessionStatus.CLOSED, at=paris(2022, 3, 15, 13, 0), **staff_rule
    )
    after_start = session_refusals(
        session, SessionStatus.CLOSED, at=paris(2022, 3, 15, 18, 0), **staff_rule
    )
    by_team = session_refusals(session, SessionStatus.CLOSED, decided_by=DecisionSource.TEAM)
    backwards = session_refusals(session, SessionStatus.PLANNED, **staff_rule)

    session.refresh_from_db()
    assert before_start == [
        "La séance commence le 15 mars 2022 14:00 : elle ne peut pas être close avant."
    ]
    assert after_start == []
    assert by_team == ["Cette décision ne revient pas à : Équipe."]
    assert len(backwards) == 1
    assert session.status == SessionStatus.DELIBERATION


def test_an_item_withdrawn_after_its_decision_is_not_applied_by_the_close(sitting, staff):
    session, _people, (pitch, gone) = sitting
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
    record_decision(gone, outcome=Outcome.SELECTED, actor=staff)
    remove_item(gone, reason="La candidature a été retirée par l'équipe.", actor=staff)

    move_session(session, SessionStatus.CLOSED, actor=staff)

    gone.application.refresh_from_db()
    pitch.application.refresh_from_db()
    assert pitch.application.status == ApplicationStatus.SELECTED
    assert gone.application.status == ApplicationStatus.SHORTLISTED
    assert Decision.objects.get(item=gone).applied_at is None


def test_a_decision_applied_while_the_close_was_checked_stops_the_close(staff, monkeypatch):
    """Staff apply the decision between the close's checks and its writes (another
    transaction, on PostgreSQL): the close finds nothing to write and rolls back."""
    pitch = SelectionItemFactory(position=4)
    deliberating(pitch.session, staff)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)

    def applied_meanwhile(application, target, **arguments):
        move_application(
            application, target, actor=staff, decided_by=DecisionSource.STAFF, reason="Déjà."
        )
        return move_application(application, target, **arguments)

    monkeypatch.setattr("jury.services.session.move_application", applied_meanwhile)

    assert refusals(pitch.session, SessionStatus.CLOSED) == [
        "Point 4 : la décision a déjà été appliquée hors séance."
    ]
    assert Decision.objects.get().applied_at is None


def test_session_refusals_given_what_the_page_read_read_nothing_again(staff):
    session = SessionFactory(pitches=2, convened=2, deliberation=True, moved_by=staff)
    first, second = session.items.order_by("position")
    record_decision(first, outcome=Outcome.SELECTED, actor=staff)
    withdrawn = session.convocations.first().member
    ConflictOfInterest.objects.create(item=first, member=withdrawn, declared_by=withdrawn.user)
    session.quorum = 2
    session.save()
    convocations = list(session.convocations.select_related("member"))
    agenda = list(
        session.items.on_agenda()
        .select_related("decision", "application", "project")
        .order_by("position")
    )
    conflicts = {first.pk: list(first.conflicts.all())}
    alone = session_refusals(session, SessionStatus.CLOSED, decided_by=DecisionSource.JURY)

    with CaptureQueriesContext(connection) as queries:
        given = session_refusals(
            session,
            SessionStatus.CLOSED,
            decided_by=DecisionSource.JURY,
            convocations=convocations,
            agenda=agenda,
            conflicts=conflicts,
        )

    assert len(queries) == 0
    assert given == alone
    assert given[0] == f"Points sans décision : {second.position}."
    assert any(reason.startswith("Quorum non atteint sur le point") for reason in given)


def test_session_refusals_reading_the_session_themselves_stay_flat_as_it_grows(staff):
    def queries_of(pitches, reviews, convened):
        session = SessionFactory(
            pitches=pitches,
            reviews=reviews,
            convened=convened,
            deliberation=True,
            decisions=[Outcome.SELECTED] * pitches + [Outcome.CONTINUE] * reviews,
            moved_by=staff,
        )
        with CaptureQueriesContext(connection) as queries:
            reasons = session_refusals(
                session, SessionStatus.CLOSED, decided_by=DecisionSource.JURY
            )
        assert reasons == []
        return len(queries)

    assert queries_of(pitches=1, reviews=1, convened=1) == queries_of(
        pitches=2, reviews=2, convened=3
    )
