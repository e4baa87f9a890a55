"""During a session: scores, withdrawals, attendance, and each decision with its vote."""

import pytest

from jury.enums import Attendance, CriterionGrid, MemberRole, Outcome, SessionStatus
from jury.models import Convocation, Score
from jury.services import (
    declare_conflict,
    freeze_item_scoring,
    move_session,
    record_attendance,
    record_decision,
    record_score,
    reopen_item_scoring,
)
from programme.models import AuditEntry
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    JuryMemberFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.programme.factories import UserFactory
from tests.projects.helpers import refusals

pytestmark = pytest.mark.django_db


def opened(session, staff, status=SessionStatus.SCORING):
    move_session(session, SessionStatus.SCORING, actor=staff)
    if status == SessionStatus.DELIBERATION:
        move_session(session, SessionStatus.DELIBERATION, actor=staff)
    return session


def present(session, count, role=MemberRole.ELECTED_OFFICIAL):
    return [
        ConvocationFactory(session=session, attendance=Attendance.PRESENT, member__role=role).member
        for _index in range(count)
    ]


# Scores


@pytest.fixture
def scoring(staff):
    item = SelectionItemFactory()
    (member,) = present(item.session, 1)
    criterion = CriterionFactory(session=item.session, scale_max=5)
    opened(item.session, staff)
    return item, member, criterion


@pytest.mark.parametrize("value", [0, 5])
def test_a_score_at_either_end_of_the_scale_is_recorded(scoring, value):
    item, member, criterion = scoring

    score = record_score(item, member=member, criterion=criterion, value=value, comment="Net.")

    assert (score.value, score.scale_max, score.comment) == (value, 5, "Net.")


def test_a_second_score_replaces_the_first(scoring):
    item, member, criterion = scoring
    record_score(item, member=member, criterion=criterion, value=2)

    record_score(item, member=member, criterion=criterion, value=4, comment="Revu.")

    assert list(item.scores.values_list("value", "comment")) == [(4, "Revu.")]


def test_a_score_is_refused_before_scoring_opens():
    item = SelectionItemFactory()
    (member,) = present(item.session, 1)
    criterion = CriterionFactory(session=item.session)

    reasons = refusals(lambda: record_score(item, member=member, criterion=criterion, value=3))

    assert reasons == ["La notation n'est pas ouverte pour cette séance."]


@pytest.fixture
def deliberating(staff):
    """An item scored 3 by its one member, its session now in deliberation."""
    item = SelectionItemFactory()
    (member,) = present(item.session, 1)
    criterion = CriterionFactory(session=item.session)
    opened(item.session, staff)
    record_score(item, member=member, criterion=criterion, value=3)
    move_session(item.session, SessionStatus.DELIBERATION, actor=staff)
    return item, member, criterion


def test_marks_are_refused_once_the_deliberation_opens(deliberating):
    item, member, criterion = deliberating

    reasons = refusals(lambda: record_score(item, member=member, criterion=criterion, value=1))

    assert reasons == [
        "Les notes sont figées depuis l'ouverture de la délibération ; la présidence peut "
        "rouvrir la notation de ce point, avec un motif."
    ]
    assert Score.objects.get().value == 3


def test_marks_change_again_on_an_item_whose_scoring_the_chair_reopened(deliberating, staff):
    item, member, criterion = deliberating

    reopen_item_scoring(item, reason="Le jury a interrogé l'équipe.", actor=staff)
    record_score(item, member=member, criterion=criterion, value=1)

    item.refresh_from_db()
    assert Score.objects.get().value == 1
    assert item.scoring_reopen_reason == "Le jury a interrogé l'équipe."
    (entry,) = AuditEntry.objects.filter(action="jury.reopen_item_scoring")
    assert (entry.actor, entry.reason) == (staff, "Le jury a interrogé l'équipe.")


def test_marks_freeze_again_when_the_chair_says_so_and_the_decision_waits_for_it(
    deliberating, staff
):
    item, member, criterion = deliberating
    reopen_item_scoring(item, reason="Question à l'équipe.", actor=staff)
    waiting = refusals(lambda: record_decision(item, outcome=Outcome.SELECTED, actor=staff))

    freeze_item_scoring(item, actor=staff)

    assert waiting == [
        "La notation de ce point est rouverte : refermez-la avant d'enregistrer la décision."
    ]
    assert refusals(lambda: record_score(item, member=member, criterion=criterion, value=1))
    assert record_decision(item, outcome=Outcome.SELECTED, actor=staff).outcome == "selected"


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopening_an_items_scoring_needs_a_reason(deliberating, staff, reason):
    item, _member, _criterion = deliberating

    reasons = refusals(lambda: reopen_item_scoring(item, reason=reason, actor=staff))

    assert reasons == ["Indiquez pourquoi la notation de ce point est rouverte."]


def test_scoring_reopens_only_during_the_deliberation(scoring, staff):
    item, _member, _criterion = scoring

    reasons = refusals(lambda: reopen_item_scoring(item, reason="Question.", actor=staff))

    assert reasons == ["La notation d'un point se rouvre pendant la délibération."]


def test_the_secretary_does_not_score(scoring):
    item, _member, criterion = scoring
    (secretary,) = present(item.session, 1, role=MemberRole.SECRETARY)

    reasons = refusals(lambda: record_score(item, member=secretary, criterion=criterion, value=3))

    assert reasons == ["Le ou la secrétaire de séance ne note pas."]


def test_a_member_not_convened_does_not_score(scoring):
    item, _member, criterion = scoring
    stranger = JuryMemberFactory()

    reasons = refusals(lambda: record_score(item, member=stranger, criterion=criterion, value=3))

    assert reasons == ["Ce membre n'est pas convoqué à cette séance."]


def test_a_criterion_of_another_session_is_refused(scoring):
    item, member, _criterion = scoring
    elsewhere = CriterionFactory(session=SessionFactory())

    reasons = refusals(lambda: record_score(item, member=member, criterion=elsewhere, value=3))

    assert reasons == ["Ce critère ne s'applique pas à ce point."]


def test_a_criterion_of_the_other_grid_is_refused(scoring):
    item, member, _criterion = scoring
    review = CriterionFactory(session=item.session, grid=CriterionGrid.REVIEW)

    reasons = refusals(lambda: record_score(item, member=member, criterion=review, value=3))

    assert reasons == ["Ce critère ne s'applique pas à ce point."]


def test_a_negative_score_is_refused_with_the_scale(scoring):
    item, member, criterion = scoring

    reasons = refusals(lambda: record_score(item, member=member, criterion=criterion, value=-1))

    assert reasons == ["La note doit être comprise entre 0 et 5."]


# Withdrawals


def test_a_withdrawal_is_recorded_once_with_who_declared_it(staff):
    item = SelectionItemFactory()
    (member,) = present(item.session, 1)

    first = declare_conflict(item, member=member, actor=staff, reason="Lien familial.")
    again = declare_conflict(item, member=member, actor=UserFactory(), reason="Autre.")

    unexplained = declare_conflict(item, member=present(item.session, 1)[0], actor=staff)

    assert again == first
    assert (first.declared_by, first.reason) == (staff, "Lien familial.")
    assert unexplained.reason == ""
    assert item.conflicts.count() == 2


@pytest.fixture
def closed(staff):
    """An item decided by its one member present, its session now closed."""
    item = SelectionItemFactory()
    (member,) = present(item.session, 1)
    opened(item.session, staff, SessionStatus.DELIBERATION)
    record_decision(item, outcome=Outcome.NOT_SELECTED, actor=staff)
    move_session(item.session, SessionStatus.CLOSED, actor=staff)
    return item, member


def test_no_withdrawal_once_the_session_is_closed(staff, closed):
    item, member = closed

    reasons = refusals(lambda: declare_conflict(item, member=member, actor=staff))

    assert reasons == ["La séance est close."]


# Attendance and voters


def test_voting_members_present_leave_out_the_secretary_the_absent_and_the_withdrawn(staff):
    item = SelectionItemFactory()
    sitting, withdrawn = present(item.session, 2)
    present(item.session, 1, role=MemberRole.SECRETARY)
    ConvocationFactory(session=item.session, attendance=Attendance.EXCUSED)
    ConvocationFactory(session=item.session)
    declare_conflict(item, member=withdrawn, actor=staff)

    assert item.session.voting_members_present() == [sitting, withdrawn]
    assert item.session.voting_members_present(item) == [sitting]


@pytest.mark.parametrize("attendance", [Attendance.PRESENT, Attendance.EXCUSED])
def test_attendance_is_recorded_for_a_convened_member(staff, attendance):
    convocation = ConvocationFactory()

    record_attendance(
        convocation.session, member=convocation.member, attendance=attendance, actor=staff
    )

    convocation.refresh_from_db()
    assert convocation.attendance == attendance


def test_attendance_of_a_member_not_convened_is_refused(staff):
    session = SessionFactory()

    reasons = refusals(
        lambda: record_attendance(
            session, member=JuryMemberFactory(), attendance=Attendance.PRESENT, actor=staff
        )
    )

    assert reasons == ["Ce membre n'est pas convoqué à cette séance."]


def test_an_unknown_attendance_is_refused(staff):
    convocation = ConvocationFactory()

    reasons = refusals(
        lambda: record_attendance(
            convocation.session, member=convocation.member, attendance="late", actor=staff
        )
    )

    assert reasons == ["Présence inconnue."]


def test_attendance_is_frozen_once_the_session_is_closed(staff, closed):
    item, member = closed

    reasons = refusals(
        lambda: record_attendance(
            item.session, member=member, attendance=Attendance.ABSENT, actor=staff
        )
    )

    assert reasons == ["La séance est close."]


def test_a_score_without_a_comment_has_none(scoring):
    item, member, criterion = scoring

    assert record_score(item, member=member, criterion=criterion, value=3).comment == ""


def test_attendance_changes_only_that_member_in_that_session(staff):
    convocation = ConvocationFactory()
    neighbour = ConvocationFactory(session=convocation.session)
    elsewhere = ConvocationFactory(member=convocation.member)

    record_attendance(
        convocation.session, member=convocation.member, attendance=Attendance.PRESENT, actor=staff
    )

    assert [
        row.attendance for row in Convocation.objects.filter(pk__in=[neighbour.pk, elsewhere.pk])
    ] == [Attendance.CONVENED, Attendance.CONVENED]


def test_voting_members_present_are_read_in_one_query(django_assert_num_queries):
    session = SessionFactory()
    present(session, 3)

    with django_assert_num_queries(1):
        voters = session.voting_members_present()

    assert len(voters) == 3
