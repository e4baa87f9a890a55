"""What happens during a session: members withdraw, score, and the chair records each
decision with its reasons and its vote."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.enums import OUTCOMES_BY_KIND, ItemKind, MemberRole, Outcome, SessionStatus
from jury.models import ConflictOfInterest, Decision, Score, Session
from jury.transitions import outcome_refusals
from programme import audit
from programme.actions import verb
from programme.lifecycles import ActionRefused
from projects.enums import ReintegrationOutcome

DECLARE_CONFLICT = verb("jury.declare_conflict", _("Déport déclaré"))
RECORD_SCORE = verb("jury.record_score", _("Note enregistrée"))
RECORD_DECISION = verb("jury.record_decision", _("Décision enregistrée"))
DECISION_FIELDS = (*Decision.ENTERED_FIELDS, "chaired_by")


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
    if item.is_removed:
        refusals.append(_("Ce point a été retiré de l'ordre du jour."))
    elif session.status == SessionStatus.DELIBERATION and not item.scoring_is_open:
        refusals.append(
            _(
                "Les notes sont figées depuis l'ouverture de la délibération ; la présidence "
                "peut rouvrir la notation de ce point, avec un motif."
            )
        )
    elif not item.scoring_is_open:
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
    return outcome_refusals(item, outcome)


def casting_vote_refusals(item, chair, casting_vote_by=None):
    """Why the casting vote cannot be taken on ``item``: it is the chair's of the item
    (the president, or the substitute chair when the president withdrew or is away)."""
    president = item.session.members.filter(role=MemberRole.PRESIDENT).first()
    if casting_vote_by is not None and casting_vote_by != chair:
        if item.conflicts.filter(member=casting_vote_by).exists():
            return [
                _(
                    "%(name)s s'est déporté·e sur ce point : la voix prépondérante revient à "
                    "la présidence suppléante."
                )
                % {"name": casting_vote_by.user}
            ]
        return [
            _("La voix prépondérante sur ce point revient à %(chair)s.")
            % {"chair": chair.user if chair else _("la présidence")}
        ]
    if chair is None:
        reason = (
            _("la présidence s'est déportée sur ce point")
            if president and item.conflicts.filter(member=president).exists()
            else _("la présidence ne siège pas sur ce point")
        )
        return [
            _(
                "Personne ne peut trancher l'égalité : %(reason)s, et aucune présidence "
                "suppléante ne siège. Votez à nouveau."
            )
            % {"reason": reason}
        ]
    return []


def vote_refusals(
    item,
    *,
    votes_for=0,
    votes_against=0,
    votes_abstain=0,
    casting_vote_used=False,
    chair=None,
    casting_vote_by=None,
):
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
    elif casting_vote_used:
        refusals += casting_vote_refusals(item, chair, casting_vote_by)
    return refusals


def decision_state_refusals(item):
    """Why no decision can be recorded on ``item`` now, whatever it says."""
    session = item.session
    if session.is_closed:
        return [_("La séance est close : ses décisions sont figées.")]
    if session.status != SessionStatus.DELIBERATION:
        return [_("Les décisions s'enregistrent pendant la délibération.")]
    if item.is_removed:
        return [_("Ce point a été retiré de l'ordre du jour.")]
    if item.scoring_reopened_at is not None:
        return [
            _("La notation de ce point est rouverte : refermez-la avant d'enregistrer la décision.")
        ]
    return session.quorum_refusals(item)


def record_decision(item, *, outcome, actor, at=None, casting_vote_by=None, **details):
    """Record (or correct, until the session closes) the decision on ``item``.

    ``details`` are the decision's other fields: reasons, vote tally, casting vote,
    reintegration outcome. The decision names who chaired the item (``Session.chair_of``),
    whose the casting vote is; ``casting_vote_by``, when given, must be them. The
    decision takes effect when the session closes. Side effects: writes the decision;
    writes the audit entry with the fields changed.
    """
    state_refusals = decision_state_refusals(item)
    if state_refusals:
        raise ActionRefused(state_refusals)
    chair = item.session.chair_of(item)
    details["chaired_by"] = chair
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
    if votes or casting_vote_by is not None:
        refusals += vote_refusals(item, chair=chair, casting_vote_by=casting_vote_by, **votes)
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
