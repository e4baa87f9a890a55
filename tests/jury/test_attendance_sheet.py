"""The attendance sheet row by row: an unchanged row does not stop the rows after it, a
refused row refuses the whole sheet wherever it is, a reason is said once, and each
entry names its member and what changed."""

import pytest

from jury.enums import Attendance
from jury.services import record_attendance_sheet
from programme.models import AuditEntry
from tests.jury.factories import JuryMemberFactory, SessionFactory
from tests.projects.helpers import refusals

pytestmark = pytest.mark.django_db


def test_rows_after_an_unchanged_row_are_recorded_and_counted(sitting, staff):
    session, people, _pitches = sitting

    changed = record_attendance_sheet(
        session,
        {
            people["vice"].pk: (Attendance.PRESENT, None),
            people["member"].pk: (Attendance.EXCUSED, None),
            people["other"].pk: (Attendance.ABSENT, None),
        },
        actor=staff,
    )

    rows = dict(session.convocations.values_list("member_id", "attendance"))
    assert changed == 2
    assert (rows[people["member"].pk], rows[people["other"].pk]) == (
        Attendance.EXCUSED,
        Attendance.ABSENT,
    )
    entries = AuditEntry.objects.filter(action="jury.record_attendance").order_by("pk")
    assert [(entry.reason, entry.changes, entry.actor) for entry in entries] == [
        (
            str(people["member"]),
            {"attendance": [Attendance.PRESENT, Attendance.EXCUSED]},
            staff,
        ),
        (str(people["other"]), {"attendance": [Attendance.PRESENT, Attendance.ABSENT]}, staff),
    ]


def test_a_sheet_that_changes_nothing_counts_nothing(sitting, staff):
    session, people, _pitches = sitting

    changed = record_attendance_sheet(
        session, {people["vice"].pk: (Attendance.PRESENT, None)}, actor=staff
    )

    assert changed == 0
    assert not AuditEntry.objects.filter(action="jury.record_attendance").exists()


def test_a_refused_first_row_refuses_the_sheet_even_if_the_last_row_is_fine(sitting, staff):
    session, people, _pitches = sitting

    reasons = refusals(
        lambda: record_attendance_sheet(
            session,
            {
                people["member"].pk: (Attendance.EXCUSED, 1),
                people["other"].pk: ("late", None),
                people["vice"].pk: (Attendance.ABSENT, None),
            },
            actor=staff,
        )
    )

    assert reasons == ["Seul un membre présent arrive après un point.", "Présence inconnue."]
    assert set(session.convocations.values_list("attendance", flat=True)) == {Attendance.PRESENT}


def test_a_reason_shared_by_several_rows_is_said_once(sitting, staff):
    session, people, _pitches = sitting

    reasons = refusals(
        lambda: record_attendance_sheet(
            session,
            {people["member"].pk: ("late", None), people["other"].pk: ("late", None)},
            actor=staff,
        )
    )

    assert reasons == ["Présence inconnue."]


def test_a_member_not_convened_refuses_the_sheet_and_changes_nothing(sitting, staff):
    session, people, _pitches = sitting
    stranger = JuryMemberFactory(programme=session.programme)

    reasons = refusals(
        lambda: record_attendance_sheet(
            session,
            {
                people["member"].pk: (Attendance.EXCUSED, None),
                stranger.pk: (Attendance.PRESENT, None),
            },
            actor=staff,
        )
    )

    assert reasons == ["Ce membre n'est pas convoqué à cette séance."]
    assert session.convocations.get(member=people["member"]).attendance == Attendance.PRESENT


def test_a_late_arrival_after_the_last_item_names_the_last_item_it_can_follow(staff):
    session = SessionFactory(pitches=3, convened=1, deliberation=True, moved_by=staff)
    member = session.convocations.get().member

    reasons = refusals(
        lambda: record_attendance_sheet(session, {member.pk: (Attendance.PRESENT, 3)}, actor=staff)
    )

    assert reasons == ["L'arrivée se note après un point de l'ordre du jour, du 1er au 2."]
    assert session.convocations.get().arrived_after is None
