"""Following a laureate: the only code that moves a milestone, checks a measurement,
records the time a team gave, or saves, submits and reopens a phase report.

Each function that moves a status takes the acting user as the keyword-only ``actor``,
locks the row it changes, records who changed it, when and why, and raises
``TransitionRefused`` with French reasons when the change is not allowed. Plain data (a
coaching entry, a milestone's wording, an indicator, a proposed measurement) is saved
by its form; a report's draft text through ``save_phase_report_draft``, which must not
write over a submission.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects.enums import MeasurementStatus, MilestoneStatus, ReportStatus
from projects.models import Measurement, Milestone, PhaseReport, TimeDeclaration
from projects.services.lifecycle import TransitionRefused
from projects.tasks import notify_report_submitted
from projects.time_tracking import declarable_months
from projects.transitions import MEASUREMENT_LIFECYCLE, MILESTONE_LIFECYCLE

REPORT_REQUIRED_FIELDS = ("problem", "tested", "results", "recommendation")


def set_milestone_status(milestone, status, *, actor, note="", at=None):
    """Move ``milestone`` to ``status``. Dropping one needs a reason.

    Side effects, in order: locks the milestone; writes its status with who moved it,
    when and the note. Returns ``False`` when it already had that status (a double click).
    """
    note = note.strip()
    if status not in MilestoneStatus.values:
        raise TransitionRefused([_("Cet état de jalon n'existe pas.")])
    if status == MilestoneStatus.DROPPED and not note:
        raise TransitionRefused([_("Dites pourquoi le jalon est abandonné.")])
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if locked.status == status:
            return False
        if MILESTONE_LIFECYCLE.find(locked.status, status) is None:
            raise TransitionRefused(
                [
                    _("Un jalon « %(from)s » ne peut pas passer à « %(to)s ».")
                    % {
                        "from": MilestoneStatus(locked.status).label,
                        "to": MilestoneStatus(status).label,
                    }
                ]
            )
        Milestone.objects.filter(pk=locked.pk).update(
            status=status,
            status_changed_at=at or timezone.now(),
            status_changed_by=actor,
            status_note=note,
        )
    milestone.refresh_from_db()
    return True


def review_measurement(measurement, *, actor, accept, note="", at=None):
    """Validate or reject a proposed ``measurement``; a rejection says why.

    Side effects, in order: locks the measurement; writes its new status with the
    reviewer, the time and the note. A validated measurement of a published indicator is
    public from then on. Returns ``False`` when the same review was already recorded.
    """
    note = note.strip()
    target = MeasurementStatus.VALIDATED if accept else MeasurementStatus.REJECTED
    if not accept and not note:
        raise TransitionRefused([_("Dites pourquoi la mesure est refusée : l'équipe le lira.")])
    with transaction.atomic():
        locked = Measurement.objects.select_for_update().get(pk=measurement.pk)
        if locked.status == target:
            return False
        if MEASUREMENT_LIFECYCLE.find(locked.status, target) is None:
            raise TransitionRefused(
                [
                    _("Cette mesure est déjà « %(status)s ».")
                    % {"status": MeasurementStatus(locked.status).label}
                ]
            )
        Measurement.objects.filter(pk=locked.pk).update(
            status=target, reviewed_by=actor, reviewed_at=at or timezone.now(), review_note=note
        )
    measurement.refresh_from_db()
    return True


def declare_time(period, month, days_by_member, *, actor, comments=None):
    """Record the days each team member gave to the project in ``month`` of ``period``.

    ``days_by_member`` maps ``TeamMember`` to a number of days (``None`` leaves a member
    undeclared). Side effects, in order: checks the month belongs to the period and has
    begun; writes one declaration per member (a second declaration replaces the first,
    with who declared it and when). Returns the declarations written.
    """
    comments = comments or {}
    if month not in declarable_months(period):
        raise TransitionRefused(
            [
                _("Le mois de %(month)s n'est pas un mois passé ou en cours de cette période.")
                % {"month": date_format(month, "F Y")}
            ]
        )
    foreign = [m for m in days_by_member if m.application_id != period.project.application_id]
    if foreign:
        raise TransitionRefused([_("Ces personnes ne sont pas membres de l'équipe.")])
    written = []
    with transaction.atomic():
        for member, days in days_by_member.items():
            if days is None:
                continue
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
    return written


def report_refusals(report):
    """Why ``report`` cannot be submitted yet, as French sentences (empty if it can)."""
    if report.is_submitted:
        return [_("Le bilan est déjà déposé.")]
    missing = [
        str(PhaseReport._meta.get_field(name).verbose_name)
        for name in REPORT_REQUIRED_FIELDS
        if not getattr(report, name).strip()
    ]
    if missing:
        return [_("À compléter avant le dépôt : %(fields)s.") % {"fields": " ; ".join(missing)}]
    return []


def save_phase_report_draft(period, fields):
    """Keep what the team wrote in the report of ``period``, complete or not.

    Side effects, in order: creates the period's report if it has none; locks it;
    refuses when it is submitted (read-only then); writes ``fields`` alone, so that a
    save racing a submission never writes the report's status back. Returns the report.
    """
    with transaction.atomic():
        report, _created = PhaseReport.objects.get_or_create(period=period)
        locked = PhaseReport.objects.select_for_update().get(pk=report.pk)
        if locked.is_submitted:
            raise TransitionRefused([_("Le bilan est déposé : il n'est plus modifiable.")])
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*fields, "updated_at"])
    return locked


def submit_phase_report(report, *, actor, at=None, notify=True):
    """Submit the team's end-of-phase ``report``: it is then read-only for the team and
    joins the project's review item at the next jury session.

    Side effects, in order: locks the report; checks it is complete; writes its status
    with who submitted it and when (``at``, by default now); after the commit, unless
    ``notify`` is false, mails the period's coaches and staff. Returns ``False`` when it
    was already submitted (a double click).
    """
    with transaction.atomic():
        locked = PhaseReport.objects.select_for_update().get(pk=report.pk)
        if locked.is_submitted:
            return False
        refusals = report_refusals(locked)
        if refusals:
            raise TransitionRefused(refusals)
        PhaseReport.objects.filter(pk=locked.pk).update(
            status=ReportStatus.SUBMITTED,
            submitted_at=at or timezone.now(),
            submitted_by=actor,
            reopened_reason="",
        )
        if notify:
            transaction.on_commit(lambda: notify_report_submitted.enqueue(report.pk))
    report.refresh_from_db()
    return True


def reopen_phase_report(report, *, actor, reason):
    """Give a submitted ``report`` back to its team (staff), saying why.

    Side effects, in order: locks the report; writes its status back to draft, keeping
    the reason for the team to read. Returns ``False`` when it was already a draft.
    """
    reason = reason.strip()
    if not reason:
        raise TransitionRefused([_("Dites à l'équipe pourquoi son bilan lui est rendu.")])
    with transaction.atomic():
        locked = PhaseReport.objects.select_for_update().get(pk=report.pk)
        if not locked.is_submitted:
            return False
        PhaseReport.objects.filter(pk=locked.pk).update(
            status=ReportStatus.DRAFT,
            reopened_reason=reason,
            reopened_at=timezone.now(),
            reopened_by=actor,
        )
    report.refresh_from_db()
    return True
