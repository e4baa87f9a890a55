"""What happens during a session: members withdraw, score, and the chair records each
decision with its reasons and its vote."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.enums import OUTCOMES_BY_KIND, Attendance, ItemKind, Outcome, SessionStatus
from jury.models import ConflictOfInterest, Convocation, Decision, Score, Session
from jury.transitions import outcome_move
from programme import audit
from programme.actions import verb
from programme.lifecycles import ActionRefused
from projects.enums import ReintegrationOutcome

DECLARE_CONFLICT = verb("jury.declare_conflict", _("Déport déclaré"))
RECORD_SCORE = verb("jury.record_score", _("Note enregistrée"))
RECORD_DECISION = verb("jury.record_decision", _("Décision enregistrée"))
RECORD_ATTENDANCE = verb("jury.record_attendance", _("Présence enregistrée"))
DECISION_FIELDS = (
    "outcome",
    "reintegration_outcome",
    "public_reasons",
    "private_reasons",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "casting_vote_used",
)


def declare_conflict(item, *, member, actor, reason=""):
    """Record that ``member`` withdraws from ``item``. Idempotent.

    Side effects: creates the withdrawal and, the first time, its audit entry.
    """
    if item.session.is_closed:
        raise ActionRefused([_("La séance est close.")])
    with transaction.atomic():
        conflict, created = ConflictOfInterest.objects.get_or_create(
            item=item, member=member, defaults={"declared_by": actor, "reason": reason}
        )
        if created:
            audit.record(
                item,
                DECLARE_CONFLICT,
                actor=actor,
                changes={"conflicts": [None, str(member)]},
                reason=reason,
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
    """Create or update ``member``'s mark on ``criterion`` for ``item``.

    The member is the actor. Side effects, in order: locks the session; checks the
    mark; writes it; writes the audit entry with the mark before and after.
    """
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=item.session_id)
        refusals = score_refusals(item, member=member, criterion=criterion, value=value)
        if refusals:
            raise ActionRefused(refusals)
        previous = Score.objects.filter(item=item, member=member, criterion=criterion).first()
        score, _created = Score.objects.update_or_create(
            item=item,
            member=member,
            criterion=criterion,
            defaults={"value": value, "scale_max": criterion.scale_max, "comment": comment},
        )
        before = {"value": previous.value, "comment": previous.comment} if previous else {}
        changes = {
            name: [before.get(name), getattr(score, name)]
            for name in ("value", "comment")
            if before.get(name) != getattr(score, name)
        }
        audit.record(score, RECORD_SCORE, actor=member.user, changes=changes, reason=criterion.name)
    return score


def decision_refusals(item, outcome):
    """Why ``outcome`` cannot be decided on ``item``: a list, empty if it can.

    The outcome names a move of the item's subject (``jury.transitions.OUTCOME_MOVES``):
    it applies only from that move's source state.
    """
    if outcome not in OUTCOMES_BY_KIND[ItemKind(item.kind)]:
        return [_("Cette décision ne correspond pas à l'objet du point.")]
    if item.project_id and outcome_move(outcome, item.project) is None:
        return [
            _("Le projet est en « %(phase)s » : « %(outcome)s » ne s'applique pas.")
            % {"phase": item.project.get_phase_display(), "outcome": Outcome(outcome).label}
        ]
    return []


def vote_refusals(item, *, votes_for=0, votes_against=0, votes_abstain=0, casting_vote_used=False):
    """Why this vote tally cannot be recorded on ``item``: a list, empty if it can."""
    session = item.session
    refusals = []
    voters = len(session.voting_members_present(item))
    if votes_for + votes_against + votes_abstain > voters:
        refusals.append(
            _("Il y a plus de voix (%(votes)d) que de membres votants présents (%(voters)d).")
            % {"votes": votes_for + votes_against + votes_abstain, "voters": voters}
        )
    tie = votes_for == votes_against and votes_for > 0
    if casting_vote_used and not tie:
        refusals.append(_("La voix prépondérante ne sert qu'en cas d'égalité des voix."))
    elif tie and not session.casting_vote_enabled:
        refusals.append(
            _("Égalité des voix, et la voix prépondérante n'est pas prévue : votez à nouveau.")
        )
    elif tie and not casting_vote_used:
        refusals.append(
            _("Égalité des voix : indiquez que la voix prépondérante de la présidence a tranché.")
        )
    return refusals


def record_decision(item, *, outcome, actor, at=None, **details):
    """Record (or correct, until the session closes) the decision on ``item``.

    ``details`` are the decision's other fields: reasons, vote tally, casting vote,
    reintegration outcome. The decision takes effect when the session closes. Side
    effects: writes the decision; writes the audit entry with the fields changed.
    """
    if item.session.is_closed:
        raise ActionRefused([_("La séance est close : ses décisions sont figées.")])
    refusals = decision_refusals(item, outcome)
    reintegration = details.get("reintegration_outcome", "")
    if outcome == Outcome.REINTEGRATE and reintegration not in ReintegrationOutcome.values:
        refusals.append(_("Précisez l'issue de la réintégration."))
    if outcome != Outcome.REINTEGRATE:
        details["reintegration_outcome"] = ""
    votes = {
        name: details[name]
        for name in ("votes_for", "votes_against", "votes_abstain", "casting_vote_used")
        if name in details
    }
    if votes:
        refusals += vote_refusals(item, **votes)
    if refusals:
        raise ActionRefused(refusals)
    at = at or timezone.now()
    with transaction.atomic():
        previous = Decision.objects.filter(item=item).first()
        before = (
            audit.snapshot(previous, DECISION_FIELDS)
            if previous
            else dict.fromkeys(DECISION_FIELDS)
        )
        decision, _created = Decision.objects.update_or_create(
            item=item,
            defaults={"outcome": outcome, "recorded_by": actor, "recorded_at": at} | details,
        )
        audit.record(
            decision,
            RECORD_DECISION,
            actor=actor,
            changes=audit.changed(before, decision),
            at=at,
        )
    return decision


def record_attendance(session, *, member, attendance, actor):
    """Mark whether a convened member sits; the minutes freeze it at the close.

    Side effects: writes the attendance; writes the audit entry on the session.
    """
    if session.is_closed:
        raise ActionRefused([_("La séance est close.")])
    if attendance not in Attendance.values:
        raise ActionRefused([_("Présence inconnue.")])
    with transaction.atomic():
        convocation = (
            Convocation.objects.select_for_update().filter(session=session, member=member).first()
        )
        if convocation is None:
            raise ActionRefused([_("Ce membre n'est pas convoqué à cette séance.")])
        before = audit.snapshot(convocation, ["attendance"])
        convocation.attendance = attendance
        convocation.save(update_fields=["attendance"])
        changes = audit.changed(before, convocation)
        if changes:
            audit.record(
                convocation, RECORD_ATTENDANCE, actor=actor, changes=changes, reason=str(member)
            )
