"""Jury workflows: scoring, conflicts, decisions, and moving a session to its close.

Closing a session applies every decision through ``projects.services`` in the same
transaction as the close: all of them or none.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jury.enums import OUTCOMES_BY_KIND, Attendance, ItemKind, Outcome, SessionStatus
from jury.minutes import build_minutes
from jury.models import ConflictOfInterest, Decision, Score, Session
from jury.transitions import SESSION_LIFECYCLE
from projects.enums import ApplicationStatus, DecisionSource, Phase
from projects.services import TransitionRefused, move_application, move_project

APPLICATION_TARGETS = {
    Outcome.SHORTLISTED: ApplicationStatus.SHORTLISTED,
    Outcome.NOT_SHORTLISTED: ApplicationStatus.NOT_SHORTLISTED,
    Outcome.SELECTED: ApplicationStatus.SELECTED,
    Outcome.NOT_SELECTED: ApplicationStatus.NOT_SELECTED,
}
# A continuation follows a pre-incubation, a renewal an experimentation.
PROJECT_SOURCE_PHASES = {
    Outcome.CONTINUE: Phase.PRE_INCUBATION,
    Outcome.RENEW: Phase.EXPERIMENTATION,
}
PROJECT_TARGETS = {
    Outcome.CONTINUE: Phase.EXPERIMENTATION,
    Outcome.RENEW: Phase.EXPERIMENTATION,
    Outcome.REINTEGRATE: Phase.REINTEGRATION,
}


def declare_conflict(item, *, member, actor, reason=""):
    """Record that ``member`` withdraws from ``item``. Idempotent."""
    if item.session.is_closed:
        raise TransitionRefused([_("La séance est close.")])
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        item=item, member=member, defaults={"declared_by": actor, "reason": reason}
    )
    return conflict


def score_refusals(item, *, member, criterion, value):
    session = item.session
    refusals = []
    if session.status not in (SessionStatus.SCORING, SessionStatus.DELIBERATION):
        refusals.append(_("La notation n'est pas ouverte pour cette séance."))
    if not member.can_vote:
        refusals.append(_("Le ou la secrétaire de séance ne note pas."))
    if not session.convocations.filter(member=member).exists():
        refusals.append(_("Ce membre n'est pas convoqué à cette séance."))
    if item.conflicts.filter(member=member).exists():
        refusals.append(_("Ce membre s'est déporté sur ce point."))
    if criterion.session_id != session.pk or criterion.grid != item.grid:
        refusals.append(_("Ce critère ne s'applique pas à ce point."))
    if not 0 <= value <= criterion.scale_max:
        refusals.append(
            _("La note doit être comprise entre 0 et %(max)d.") % {"max": criterion.scale_max}
        )
    return refusals


def record_score(item, *, member, criterion, value, comment=""):
    """Create or update ``member``'s mark on ``criterion`` for ``item``."""
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=item.session_id)
        refusals = score_refusals(item, member=member, criterion=criterion, value=value)
        if refusals:
            raise TransitionRefused(refusals)
        score, _created = Score.objects.update_or_create(
            item=item,
            member=member,
            criterion=criterion,
            defaults={"value": value, "scale_max": criterion.scale_max, "comment": comment},
        )
    return score


def decision_refusals(item, outcome):
    """Why ``outcome`` cannot be decided on ``item``: a list, empty if it can."""
    if outcome not in OUTCOMES_BY_KIND[ItemKind(item.kind)]:
        return [_("Cette décision ne correspond pas à l'objet du point.")]
    expected_phase = PROJECT_SOURCE_PHASES.get(outcome)
    if expected_phase and item.project.phase != expected_phase:
        return [
            _("Le projet est en « %(phase)s » : « %(outcome)s » ne s'applique pas.")
            % {"phase": item.project.get_phase_display(), "outcome": Outcome(outcome).label}
        ]
    return []


def record_decision(item, *, outcome, actor, at=None, **details):
    """Record (or correct, until the session closes) the decision on ``item``.

    ``details`` are the decision's other fields: reasons, vote tally, casting vote,
    reintegration outcome. The decision takes effect when the session closes.
    """
    if item.session.is_closed:
        raise TransitionRefused([_("La séance est close : ses décisions sont figées.")])
    refusals = decision_refusals(item, outcome)
    if refusals:
        raise TransitionRefused(refusals)
    decision, _created = Decision.objects.update_or_create(
        item=item,
        defaults={"outcome": outcome, "recorded_by": actor, "recorded_at": at or timezone.now()}
        | details,
    )
    return decision


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
