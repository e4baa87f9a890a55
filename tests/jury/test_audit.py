"""What the jury's services write in the audit log: not only who acted, but the fields
they changed (before and after), the reason given and the time of the act."""

import datetime

import pytest

from jury.enums import Attendance, Outcome, SessionStatus
from jury.services import (
    add_default_criteria,
    declare_conflict,
    freeze_item_scoring,
    move_session,
    record_attendance,
    record_decision,
    record_score,
    remove_item,
    reopen_item_scoring,
)
from jury.services.agenda import removal_refusals, reopen_refusals
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
AGENDA_ACTIONS = ["jury.reopen_item_scoring", "jury.freeze_item_scoring", "jury.remove_item"]


def as_times(changes):
    """The changes with their ISO times read back as datetimes, whatever their zone."""
    return {
        name: [None if value is None else datetime.datetime.fromisoformat(value) for value in pair]
        for name, pair in changes.items()
    }


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


def test_the_chairs_changes_to_the_agenda_are_logged_with_their_time_and_change(sitting):
    _session, people, (pitch, other) = sitting
    chair = people["president"].user
    reopened, frozen, removed = AT, paris(2022, 3, 15, 16, 0), paris(2022, 3, 15, 16, 30)

    reopen_item_scoring(pitch, reason="Question à l'équipe.", actor=chair, at=reopened)
    freeze_item_scoring(pitch, actor=chair, at=frozen)
    remove_item(other, reason="Candidature retirée.", actor=chair, at=removed)

    logged_changes = [
        (entry.action, entry.actor, entry.at, as_times(entry.changes))
        for entry in AuditEntry.objects.filter(action__in=AGENDA_ACTIONS).order_by("pk")
    ]
    assert logged_changes == [
        (
            "jury.reopen_item_scoring",
            chair,
            reopened,
            {"scoring_reopened_at": [None, reopened]},
        ),
        (
            "jury.freeze_item_scoring",
            chair,
            frozen,
            {"scoring_reopened_at": [reopened, None]},
        ),
        ("jury.remove_item", chair, removed, {"removed_at": [None, removed]}),
    ]
    pitch.refresh_from_db()
    other.refresh_from_db()
    assert (pitch.scoring_reopened_at, pitch.scoring_reopen_reason) == (
        None,
        "Question à l'équipe.",
    )
    assert (other.removed_at, other.removed_by, other.removal_reason) == (
        removed,
        chair,
        "Candidature retirée.",
    )


def test_the_agenda_refusals_name_their_rule(staff):
    closed = SessionFactory(
        pitches=1, convened=1, closed=True, decisions=[Outcome.NOT_SELECTED], moved_by=staff
    )
    sitting_session = SessionFactory(pitches=2, convened=1, deliberation=True, moved_by=staff)
    removed, kept = sitting_session.items.order_by("position")
    remove_item(removed, reason="Candidature retirée.", actor=staff)

    assert removal_refusals(closed.items.get()) == ["La séance est close."]
    assert reopen_refusals(removed) == ["Ce point a été retiré de l'ordre du jour."]
    assert reopen_refusals(kept, reason=" ") == [
        "Indiquez pourquoi la notation de ce point est rouverte."
    ]
