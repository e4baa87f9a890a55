"""Who sits: the chair records everyone's attendance on one screen (present, excused,
absent, arrived after item N); the minutes freeze it at the close."""

from django.db import transaction
from django.utils.translation import gettext as _

from jury.enums import Attendance
from jury.models import Convocation
from programme import audit
from programme.actions import verb
from programme.lifecycles import ActionRefused

RECORD_ATTENDANCE = verb("jury.record_attendance", _("Présence enregistrée"))
ATTENDANCE_FIELDS = ["attendance", "arrived_after"]


def attendance_refusals(session, attendance, arrived_after=None):
    """Why this attendance cannot be recorded on ``session``: French sentences."""
    if session.is_closed:
        return [_("La séance est close.")]
    if attendance not in Attendance.values:
        return [_("Présence inconnue.")]
    if arrived_after is None:
        return []
    if attendance != Attendance.PRESENT:
        return [_("Seul un membre présent arrive après un point.")]
    last = session.items.count()
    if not 1 <= arrived_after < last:
        return [
            _("L'arrivée se note après un point de l'ordre du jour, du 1er au %(last)d.")
            % {"last": max(last - 1, 1)}
        ]
    return []


def record_attendance(session, *, member, attendance, actor, arrived_after=None):
    """Mark whether a convened member sits (and from which item on).

    Side effects: writes the attendance; writes the audit entry on the convocation.
    """
    record_attendance_sheet(session, {member.pk: (attendance, arrived_after)}, actor=actor)


def record_attendance_sheet(session, sheet, *, actor):
    """Record the attendance of several members at once: ``sheet`` maps a member's id to
    ``(attendance, arrived_after)``. All of it or nothing.

    Side effects, in order: checks every row; locks the convocations; writes those that
    changed, each with its audit entry on the convocation naming the member. Returns how
    many changed.
    """
    refusals = []
    for attendance, arrived_after in sheet.values():
        refusals += attendance_refusals(session, attendance, arrived_after)
    if refusals:
        raise ActionRefused(list(dict.fromkeys(refusals)))
    with transaction.atomic():
        convocations = {
            c.member_id: c
            for c in Convocation.objects.select_for_update()
            .filter(session=session, member_id__in=sheet)
            .select_related("member__user")
        }
        if set(convocations) != set(sheet):
            raise ActionRefused([_("Ce membre n'est pas convoqué à cette séance.")])
        changed = 0
        for member_id, (attendance, arrived_after) in sheet.items():
            convocation = convocations[member_id]
            before = audit.snapshot(convocation, ATTENDANCE_FIELDS)
            convocation.attendance, convocation.arrived_after = attendance, arrived_after
            changes = audit.changed(before, convocation)
            if not changes:
                continue
            convocation.save(update_fields=ATTENDANCE_FIELDS)
            audit.record(
                convocation,
                RECORD_ATTENDANCE,
                actor=actor,
                changes=changes,
                reason=str(convocation.member),
            )
            changed += 1
    return changed
