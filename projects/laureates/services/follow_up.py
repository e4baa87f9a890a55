"""Following a laureate: the only code that moves a milestone, checks a measurement,
records the time a team gave, or saves, submits and reopens a phase report.

Each function takes the acting user as the keyword-only ``actor``, locks the row it
changes, asks the lifecycle table (``projects.laureates.transitions``) for a move, writes the
audit entry (who, when, why, the fields changed), and raises ``MoveRefused`` (a move) or
``ActionRefused`` (a time declaration, a draft) with French reasons when refused. Plain
data (a coaching entry, a milestone's wording, an indicator, a proposed measurement) is
saved by its form; a report's draft text through ``save_phase_report_draft``, which
must not write over a submission.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programme import audit
from programme.actions import verb
from programme.dates import format_date
from programme.enums import DecisionSource
from programme.lifecycles import ActionRefused, MoveRefused
from projects.enums import MeasurementStatus, MilestoneStatus, ReportStatus
from projects.laureates.time_tracking import declarable_months
from projects.laureates.transitions import (
    MEASUREMENT_LIFECYCLE,
    MILESTONE_LIFECYCLE,
    REPORT_LIFECYCLE,
)
from projects.models import Measurement, Milestone, PhaseReport, TimeDeclaration
from projects.tasks import notify_report_submitted

DECLARE_TIME = verb("follow_up.declare_time", _("Déclaration du temps passé"))
SAVE_REPORT_DRAFT = verb("phase_report.save_draft", _("Brouillon du bilan enregistré"))


def set_milestone_status(milestone, status, *, actor, note="", at=None):
    """Move ``milestone`` to ``status``. Dropping one needs a reason.

    Side effects, in order: locks the milestone; asks the milestone table; writes its
    status with who moved it, when and the note, and the audit entry. Returns ``False``
    when it already had that status (a double click).
    """
    note = note.strip()
    if status not in MilestoneStatus.values:
        raise MoveRefused([_("Cet état de jalon n'existe pas.")])
    at = at or timezone.now()
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if locked.status == status:
            return False
        move = MILESTONE_LIFECYCLE.check(
            locked, status, decided_by=DecisionSource.TEAM, reason=note
        )
        before = audit.snapshot(locked, ["status", "status_note"])
        locked.status, locked.status_note = status, note
        locked.status_changed_at, locked.status_changed_by = at, actor
        locked.save(
            update_fields=["status", "status_note", "status_changed_at", "status_changed_by"]
        )
        audit.record_move(
            locked,
            MILESTONE_LIFECYCLE,
            move,
            actor=actor,
            before=before,
            reason=note,
            at=at,
        )
    milestone.refresh_from_db()
    return True


def review_measurement(measurement, *, actor, accept, note="", at=None):
    """Validate or reject a proposed ``measurement``; a rejection says why.

    Side effects, in order: locks the measurement; asks the measurement table; writes
    its new status with the reviewer, the time and the note, and the audit entry. A
    validated measurement of a published indicator is public from then on. Returns
    ``False`` when the same review was already recorded.
    """
    note = note.strip()
    target = MeasurementStatus.VALIDATED if accept else MeasurementStatus.REJECTED
    at = at or timezone.now()
    with transaction.atomic():
        locked = Measurement.objects.select_for_update().get(pk=measurement.pk)
        if locked.status == target:
            return False
        if MEASUREMENT_LIFECYCLE.find(locked.status, target) is None:
            raise MoveRefused(
                [
                    _("Cette mesure est déjà « %(status)s ».")
                    % {"status": MeasurementStatus(locked.status).label}
                ]
            )
        move = MEASUREMENT_LIFECYCLE.check(
            locked, target, decided_by=DecisionSource.STAFF, reason=note
        )
        before = audit.snapshot(locked, ["status", "review_note"])
        locked.status, locked.review_note = target, note
        locked.reviewed_by, locked.reviewed_at = actor, at
        locked.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
        audit.record_move(
            locked,
            MEASUREMENT_LIFECYCLE,
            move,
            actor=actor,
            before=before,
            reason=note,
            at=at,
        )
    measurement.refresh_from_db()
    return True


def declare_time(period, month, days_by_member, *, actor, comments=None):
    """Record the days each team member gave to the project in ``month`` of ``period``.

    ``days_by_member`` maps ``TeamMember`` to a number of days (``None`` leaves a member
    undeclared). Side effects, in order: checks the month belongs to the period and has
    begun; writes one declaration per member (a second declaration replaces the first,
    with who declared it and when); writes one audit entry on the period with the days
    before and after, per member. Returns the declarations written.
    """
    comments = comments or {}
    if month not in declarable_months(period):
        raise ActionRefused(
            [
                _("Le mois de %(month)s n'est pas un mois passé ou en cours de cette période.")
                % {"month": format_date(month, "F Y")}
            ]
        )
    foreign = [m for m in days_by_member if m.application_id != period.project.application_id]
    if foreign:
        raise ActionRefused([_("Ces personnes ne sont pas membres de l'équipe.")])
    written, changes = [], {}
    with transaction.atomic():
        before = {
            declaration.member_id: declaration.days_given
            for declaration in TimeDeclaration.objects.filter(period=period, month=month)
        }
        for member, days in days_by_member.items():
            if days is None:
                continue
            if before.get(member.pk) != days:
                changes[member.full_name or member.email] = [before.get(member.pk), days]
            declaration, _created = TimeDeclaration.objects.update_or_create(
                period=period,
                member=member,
                month=month,
                defaults={
                    "days_given": days,
                    "comment": comments.get(member, ""),
                    "declared_by": actor,
                },
            )
            written.append(declaration)
        audit.record(
            period,
            DECLARE_TIME,
            actor=actor,
            changes=changes,
            reason=format_date(month, "F Y"),
        )
    return written


def report_refusals(report):
    """Why ``report`` cannot be submitted yet, as French sentences (empty if it can)."""
    if report.is_submitted:
        return [_("Le bilan est déjà déposé.")]
    return REPORT_LIFECYCLE.refusals(report, ReportStatus.SUBMITTED, decided_by=DecisionSource.TEAM)


def save_phase_report_draft(period, fields, *, actor):
    """Keep what the team wrote in the report of ``period``, complete or not.

    Side effects, in order: creates the period's report if it has none; locks it;
    refuses when it is submitted (read-only then); writes ``fields`` alone, so that a
    save racing a submission never writes the report's status back; writes the audit
    entry with the fields changed. Returns the report.
    """
    with transaction.atomic():
        report, _created = PhaseReport.objects.get_or_create(period=period)
        locked = PhaseReport.objects.select_for_update().get(pk=report.pk)
        if locked.is_submitted:
            raise ActionRefused([_("Le bilan est déposé : il n'est plus modifiable.")])
        before = audit.snapshot(locked, fields)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*fields, "updated_at"])
        changes = audit.changed(before, locked)
        if changes:
            audit.record(locked, SAVE_REPORT_DRAFT, actor=actor, changes=changes)
    return locked


def _move_report(report, target, *, decided_by, actor, reason, at, stamp):
    """Lock ``report`` and make the move of its table to ``target``: the status, the
    reason it was given back (blank on a submission), who and when in the ``stamp``
    fields (``submitted`` or ``reopened``), and the audit entry. ``None`` when already
    there."""
    locked = PhaseReport.objects.select_for_update().get(pk=report.pk)
    if locked.status == target:
        return None
    move = REPORT_LIFECYCLE.check(locked, target, decided_by=decided_by, reason=reason)
    before = audit.snapshot(locked, ["status", "reopened_reason"])
    locked.status, locked.reopened_reason = target, reason
    setattr(locked, f"{stamp}_at", at)
    setattr(locked, f"{stamp}_by", actor)
    locked.save(update_fields=["status", "reopened_reason", f"{stamp}_at", f"{stamp}_by"])
    audit.record_move(
        locked, REPORT_LIFECYCLE, move, actor=actor, before=before, reason=reason, at=at
    )
    return locked


def submit_phase_report(report, *, actor, at=None, notify=True):
    """Submit the team's end-of-phase ``report``: it is then read-only for the team and
    joins the project's review item at the next jury session.

    Side effects, in order: locks the report; checks it is complete (the report table's
    guard); writes its status with who submitted it and when (``at``, by default now),
    and the audit entry; after the commit, unless ``notify`` is false, mails the
    period's coaches and staff. Returns ``False`` when it was already submitted (a
    double click).
    """
    with transaction.atomic():
        moved = _move_report(
            report,
            ReportStatus.SUBMITTED,
            decided_by=DecisionSource.TEAM,
            actor=actor,
            reason="",
            at=at or timezone.now(),
            stamp="submitted",
        )
        if moved and notify:
            transaction.on_commit(partial(notify_report_submitted.enqueue, report.pk))
    report.refresh_from_db()
    return moved is not None


def reopen_phase_report(report, *, actor, reason, at=None):
    """Give a submitted ``report`` back to its team (staff), saying why.

    Side effects, in order: locks the report; asks the report table (a reason is
    required); writes its status back to draft, keeping the reason for the team to
    read, and the audit entry. Returns ``False`` when it was already a draft.
    """
    reason = reason.strip()
    give_back = REPORT_LIFECYCLE.named("give_back", ReportStatus.SUBMITTED)
    if not reason:
        raise MoveRefused([str(give_back.reason_prompt)])
    with transaction.atomic():
        moved = _move_report(
            report,
            ReportStatus.DRAFT,
            decided_by=DecisionSource.STAFF,
            actor=actor,
            reason=reason,
            at=at or timezone.now(),
            stamp="reopened",
        )
    report.refresh_from_db()
    return moved is not None
