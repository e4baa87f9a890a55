"""Moving a session through its lifecycle. Closing applies every decision through
``projects.services`` in the same transaction as the close: all of them or none.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jury.enums import Attendance, Outcome, SessionStatus
from jury.grids import DEFAULT_GRIDS, DEFAULT_SCALE
from jury.minutes import build_minutes
from jury.models import Criterion, Decision, Session
from jury.services.deliberation import decision_refusals, voting_members_present
from jury.transitions import SESSION_LIFECYCLE
from projects.enums import ApplicationStatus, DecisionSource, Phase
from projects.services import TransitionRefused, move_application, move_project

APPLICATION_TARGETS = {
    Outcome.SHORTLISTED: ApplicationStatus.SHORTLISTED,
    Outcome.NOT_SHORTLISTED: ApplicationStatus.NOT_SHORTLISTED,
    Outcome.SELECTED: ApplicationStatus.SELECTED,
    Outcome.NOT_SELECTED: ApplicationStatus.NOT_SELECTED,
}
PROJECT_TARGETS = {
    Outcome.CONTINUE: Phase.EXPERIMENTATION,
    Outcome.RENEW: Phase.EXPERIMENTATION,
    Outcome.REINTEGRATE: Phase.REINTEGRATION,
}


def session_refusals(session, target, *, decided_by):
    move = SESSION_LIFECYCLE.find(session.status, target)
    if move is None:
        return [
            _("Impossible de passer de « %(from)s » à « %(to)s ».")
            % {"from": session.get_status_display(), "to": SessionStatus(target).label}
        ]
    refusals = []
    if not move.allows(decided_by):
        refusals.append(_("Cette étape revient à l'équipe innovation."))
    if target == SessionStatus.SCORING and not session.items.exists():
        refusals.append(_("L'ordre du jour est vide."))
    if target == SessionStatus.CLOSED:
        undecided = [str(item.position) for item in session.items.filter(decision__isnull=True)]
        if undecided:
            refusals.append(
                _("Points sans décision : %(items)s.") % {"items": ", ".join(undecided)}
            )
        present = len(voting_members_present(session))
        if present < session.quorum:
            refusals.append(
                _(
                    "Quorum non atteint : %(present)d membre(s) votant(s) présent(s), "
                    "%(quorum)d requis."
                )
                % {"present": present, "quorum": session.quorum}
            )
    return refusals


def move_session(session, target, *, actor, decided_by=DecisionSource.STAFF, at=None):
    """Move ``session`` to ``target``; closing applies its decisions and freezes the minutes.

    Side effects, in order:
    1. locks the session row; returns ``None`` if it already has that status;
    2. raises ``TransitionRefused`` if the table or a guard refuses;
    3. on closing, applies each decision in running order through
       ``projects.services`` and links it to the history row it wrote; any refusal
       rolls the whole close back;
    4. on closing, freezes the minutes and records who closed and when;
    5. saves the new status.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.status == target:
            return None
        refusals = session_refusals(locked, target, decided_by=decided_by)
        if refusals:
            raise TransitionRefused(refusals)
        if target == SessionStatus.CLOSED:
            _apply_decisions(locked, actor=actor, at=at)
            locked.convocations.filter(attendance=Attendance.CONVENED).update(
                attendance=Attendance.ABSENT
            )
            locked.minutes = build_minutes(locked)
            locked.closed_at, locked.closed_by = at, actor
        locked.status = target
        locked.save()
    session.status = locked.status
    return locked


def _apply_decisions(session, *, actor, at):
    decisions = Decision.objects.filter(item__session=session).select_related(
        "item__application__call", "item__project"
    )
    session_day = date_format(timezone.localtime(session.starts_at), "DATE_FORMAT")
    for decision in decisions.order_by("item__position"):
        item = decision.item
        reason = _("Décision du jury, séance du %(date)s.") % {"date": session_day}
        if decision.public_reasons:
            reason = f"{reason} {decision.public_reasons}"
        try:
            refusals = decision_refusals(item, decision.outcome)
            if refusals:
                raise TransitionRefused(refusals)
            if decision.outcome in APPLICATION_TARGETS:
                history = move_application(
                    item.application,
                    APPLICATION_TARGETS[decision.outcome],
                    actor=actor,
                    decided_by=DecisionSource.JURY,
                    reason=reason,
                    at=at,
                )
                decision.application_transition = history
            else:
                history = move_project(
                    item.project,
                    PROJECT_TARGETS[decision.outcome],
                    period=item.project.periods.open().first(),
                    actor=actor,
                    decided_by=DecisionSource.JURY,
                    reason=reason,
                    outcome=decision.reintegration_outcome,
                    at=at,
                )
                decision.project_transition = history
        except TransitionRefused as refused:
            raise TransitionRefused(
                [
                    _("Point %(position)d : %(reasons)s")
                    % {"position": item.position, "reasons": " ".join(refused.reasons)}
                ]
            ) from refused
        if history is None:
            raise TransitionRefused(
                [
                    _("Point %(position)d : la décision a déjà été appliquée hors séance.")
                    % {"position": item.position}
                ]
            )
        decision.applied_at = at
        decision.save(update_fields=["applied_at", "application_transition", "project_transition"])


def add_default_criteria(session):
    """Give a session without criteria the default grids (selection and review)."""
    if session.criteria.exists():
        return []
    return Criterion.objects.bulk_create(
        Criterion(
            session=session,
            grid=grid,
            position=position,
            name=str(name),
            weight=weight,
            scale_max=DEFAULT_SCALE,
        )
        for grid, rows in DEFAULT_GRIDS.items()
        for position, (name, weight) in enumerate(rows, start=1)
    )
