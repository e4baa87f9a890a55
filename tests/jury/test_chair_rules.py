"""The chair's rules in the services: who chairs each item and takes its casting vote,
the quorum on each item and at the close, no close before the start, the agenda frozen
once scoring opens and its items withdrawn with a reason."""

import pytest

from jury.enums import Attendance, Outcome, SessionStatus
from jury.models import Decision
from jury.services import (
    declare_conflict,
    move_session,
    record_attendance,
    record_attendance_sheet,
    record_decision,
)
from programme.models import AuditEntry
from tests.editions.factories import paris
from tests.projects.helpers import refusals

pytestmark = pytest.mark.django_db
STARTS_AT = paris(2022, 3, 15, 14, 0)


TIE = {"votes_for": 2, "votes_against": 2, "casting_vote_used": True}
# A tie among the members left on an item the president withdrew from.
TIE_WITHOUT_THE_PRESIDENT = {"votes_for": 1, "votes_against": 1, "casting_vote_used": True}


# Who chairs, and the casting vote -------------------------------------------------------


def test_the_president_chairs_an_item_and_holds_its_casting_vote(sitting, staff):
    _session, people, (pitch, _other) = sitting

    decision = record_decision(pitch, outcome=Outcome.SELECTED, actor=staff, **TIE)

    assert (decision.chaired_by, decision.casting_vote_used) == (people["president"], True)


def test_a_casting_vote_by_a_withdrawn_president_is_refused(sitting, staff):
    _session, people, (pitch, _other) = sitting
    declare_conflict(pitch, member=people["president"], actor=people["president"].user)

    reasons = refusals(
        lambda: record_decision(
            pitch,
            outcome=Outcome.SELECTED,
            actor=staff,
            casting_vote_by=people["president"],
            **TIE_WITHOUT_THE_PRESIDENT,
        )
    )

    assert reasons == [
        f"{people['president'].user} s'est déporté·e sur ce point : la voix prépondérante "
        "revient à la présidence suppléante."
    ]
    assert not Decision.objects.exists()


def test_the_substitute_chair_takes_the_casting_vote_on_an_item_the_president_left(sitting, staff):
    _session, people, (pitch, other) = sitting
    declare_conflict(pitch, member=people["president"], actor=people["president"].user)

    decision = record_decision(
        pitch,
        outcome=Outcome.SELECTED,
        actor=staff,
        casting_vote_by=people["vice"],
        **TIE_WITHOUT_THE_PRESIDENT,
    )
    on_the_other = record_decision(other, outcome=Outcome.SELECTED, actor=staff, votes_for=4)

    assert decision.chaired_by == people["vice"]
    assert on_the_other.chaired_by == people["president"]


def test_without_a_substitute_chair_a_tie_on_an_item_the_president_left_is_voted_again(
    sitting, staff
):
    session, people, (pitch, _other) = sitting
    session.substitute_chair = None
    session.save()
    declare_conflict(pitch, member=people["president"], actor=people["president"].user)

    reasons = refusals(
        lambda: record_decision(
            pitch,
            outcome=Outcome.SELECTED,
            actor=staff,
            **TIE_WITHOUT_THE_PRESIDENT,
        )
    )

    assert reasons == [
        "Personne ne peut trancher l'égalité : la présidence s'est déportée sur ce point, et "
        "aucune présidence suppléante ne siège. Votez à nouveau."
    ]


def test_the_minutes_say_who_chaired_each_item(sitting, staff):
    session, people, (pitch, other) = sitting
    declare_conflict(pitch, member=people["president"], actor=people["president"].user)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff, votes_for=3)
    record_decision(other, outcome=Outcome.NOT_SELECTED, actor=staff, votes_for=4)

    move_session(session, SessionStatus.CLOSED, actor=staff)

    session.refresh_from_db()
    assert [item["chair"] for item in session.minutes["items"]] == [
        str(people["vice"].user),
        str(people["president"].user),
    ]


# The quorum ------------------------------------------------------------------------------


def test_a_decision_needs_the_quorum_on_its_item(sitting, staff):
    session, people, (pitch, _other) = sitting
    session.quorum = 4
    session.save()
    declare_conflict(pitch, member=people["member"], actor=people["member"].user)

    reasons = refusals(lambda: record_decision(pitch, outcome=Outcome.SELECTED, actor=staff))

    assert reasons == [
        "Quorum non atteint sur le point 1 : 3 membre(s) votant(s) présent(s) sans déport, "
        "4 requis."
    ]


def test_a_member_who_arrived_after_an_item_does_not_count_for_it(sitting, staff):
    session, people, (pitch, other) = sitting
    session.quorum = 4
    session.save()
    record_attendance(
        session,
        member=people["other"],
        attendance=Attendance.PRESENT,
        arrived_after=1,
        actor=staff,
    )

    on_the_first = refusals(lambda: record_decision(pitch, outcome=Outcome.SELECTED, actor=staff))
    on_the_second = record_decision(other, outcome=Outcome.SELECTED, actor=staff)

    assert on_the_first == [
        "Quorum non atteint sur le point 1 : 3 membre(s) votant(s) présent(s) sans déport, "
        "4 requis."
    ]
    assert on_the_second.outcome == Outcome.SELECTED


def test_the_close_checks_the_quorum_of_each_item_again(sitting, staff):
    session, people, (pitch, other) = sitting
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
    record_decision(other, outcome=Outcome.SELECTED, actor=staff)
    declare_conflict(other, member=people["member"], actor=people["member"].user)
    declare_conflict(other, member=people["other"], actor=people["other"].user)

    reasons = refusals(lambda: move_session(session, SessionStatus.CLOSED, actor=staff))

    assert reasons == [
        "Quorum non atteint sur le point 2 : 2 membre(s) votant(s) présent(s) sans déport, "
        "3 requis."
    ]


def test_the_close_checks_the_quorum_of_the_session(sitting, staff):
    session, people, pitches = sitting
    for pitch in pitches:
        record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
    record_attendance_sheet(
        session,
        {
            people["member"].pk: (Attendance.EXCUSED, None),
            people["other"].pk: (Attendance.ABSENT, None),
        },
        actor=staff,
    )

    reasons = refusals(lambda: move_session(session, SessionStatus.CLOSED, actor=staff))

    assert reasons == ["Quorum non atteint : 2 membre(s) votant(s) présent(s), 3 requis."]


# The attendance sheet --------------------------------------------------------------------


def test_the_attendance_of_everyone_is_recorded_at_once_with_one_entry_per_change(sitting, staff):
    session, people, _pitches = sitting

    changed = record_attendance_sheet(
        session,
        {
            people["member"].pk: (Attendance.EXCUSED, None),
            people["other"].pk: (Attendance.PRESENT, 1),
            people["vice"].pk: (Attendance.PRESENT, None),
        },
        actor=staff,
    )

    rows = dict(session.convocations.values_list("member_id", "attendance"))
    assert changed == 2
    assert rows[people["member"].pk] == Attendance.EXCUSED
    assert session.convocations.get(member=people["other"]).arrived_after == 1
    assert AuditEntry.objects.filter(action="jury.record_attendance", actor=staff).count() == 2


@pytest.mark.parametrize(
    ("attendance", "arrived_after", "reason"),
    [
        (Attendance.EXCUSED, 1, "Seul un membre présent arrive après un point."),
        (
            Attendance.PRESENT,
            2,
            "L'arrivée se note après un point de l'ordre du jour, du 1er au 1.",
        ),
        ("late", None, "Présence inconnue."),
    ],
)
def test_a_wrong_attendance_sheet_is_refused_whole(
    sitting, staff, attendance, arrived_after, reason
):
    session, people, _pitches = sitting

    reasons = refusals(
        lambda: record_attendance_sheet(
            session,
            {
                people["member"].pk: (Attendance.EXCUSED, None),
                people["other"].pk: (attendance, arrived_after),
            },
            actor=staff,
        )
    )

    assert reasons == [reason]
    assert session.convocations.get(member=people["member"]).attendance == Attendance.PRESENT
