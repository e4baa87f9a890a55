"""What the jury's services write in the audit log: not only who acted, but the fields
they changed (before and after), the reason given and the time of the act."""

import pytest

from jury.enums import Attendance, Outcome, SessionStatus
from jury.services import (
    add_default_criteria,
    declare_conflict,
    move_session,
    record_attendance,
    record_decision,
    record_score,
)
from programme.models import AuditEntry
from tests.editions.factories import paris
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    ReviewItemFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db
AT = paris(2022, 3, 15, 15, 30)


def logged(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def test_a_mark_is_logged_with_what_changed_by_its_member_under_its_criterion(staff):
    session = SessionFactory(pitches=1, scoring=True, moved_by=staff)
    member = ConvocationFactory(session=session).member
    item = session.items.get()
    criterion = CriterionFactory(session=session, name="Impact pour les usagers")

    record_score(item, member=member, criterion=criterion, value=3, comment="Solide.")
    record_score(item, member=member, criterion=criterion, value=4, comment="Solide.")

    first, second = logged("jury.record_score")
    assert (first.actor, first.reason, first.changes) == (
        member.user,
        "Impact pour les usagers",
        {"value": [None, 3], "comment": [None, "Solide."]},
    )
    assert (second.actor, second.changes) == (member.user, {"value": [3, 4]})


def test_a_withdrawal_is_logged_with_the_member_its_reason_and_who_declared_it():
    item = ReviewItemFactory()
    member = ConvocationFactory(session=item.session).member

    declare_conflict(item, member=member, actor=member.user, reason="Lien familial.")

    (entry,) = logged("jury.declare_conflict")
    assert (entry.actor, entry.reason, entry.changes, entry.object_id) == (
        member.user,
        "Lien familial.",
        {"conflicts": [None, str(member)]},
        str(item.pk),
    )


def test_attendance_is_logged_with_the_change_and_the_member_named(staff):
    session = SessionFactory()
    member = ConvocationFactory(session=session).member

    record_attendance(session, member=member, attendance=Attendance.EXCUSED, actor=staff)

    (entry,) = logged("jury.record_attendance")
    assert (entry.actor, entry.reason, entry.changes["attendance"][1]) == (
        staff,
        str(member),
        Attendance.EXCUSED,
    )


def test_a_decision_is_logged_at_its_time_with_its_fields(staff):
    session = SessionFactory(pitches=1, scoring=True, moved_by=staff)
    item = session.items.get()
    member = ConvocationFactory(session=session).member
    record_attendance(session, member=member, attendance=Attendance.PRESENT, actor=staff)
    move_session(session, SessionStatus.DELIBERATION, actor=staff, at=AT)

    record_decision(item, outcome=Outcome.SELECTED, actor=staff, at=AT, votes_for=1)

    (entry,) = logged("jury.record_decision")
    (opened,) = logged("session.open_deliberation")
    assert (entry.actor, entry.at, entry.changes["outcome"]) == (staff, AT, [None, "selected"])
    assert entry.changes["votes_for"] == [None, 1]
    assert (opened.actor, opened.at) == (staff, AT)


def test_default_criteria_are_logged_by_name_with_their_actor(staff):
    session = SessionFactory()

    criteria = add_default_criteria(session, actor=staff)

    (entry,) = logged("session.add_default_criteria")
    assert (entry.actor, entry.changes) == (
        staff,
        {"criteria": [None, [criterion.name for criterion in criteria]]},
    )
    assert len(criteria) > 1
