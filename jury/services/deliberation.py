"""What happens during a session: members withdraw, score, and the chair records each
decision with its reasons and its vote."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.enums import OUTCOMES_BY_KIND, Attendance, ItemKind, Outcome, SessionStatus
from jury.models import ConflictOfInterest, Convocation, Decision, Score, Session
from projects.enums import Phase, ReintegrationOutcome
from projects.services import TransitionRefused

# A continuation follows a pre-incubation, a renewal an experimentation.
PROJECT_SOURCE_PHASES = {
    Outcome.CONTINUE: Phase.PRE_INCUBATION,
    Outcome.RENEW: Phase.EXPERIMENTATION,
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


def voting_members_present(session, item=None):
    """The voting members marked present, less those who withdrew from ``item``."""
    convocations = session.convocations.filter(attendance=Attendance.PRESENT).select_related(
        "member"
    )
    withdrawn = set(item.conflicts.values_list("member_id", flat=True)) if item else set()
    return [c.member for c in convocations if c.member.can_vote and c.member_id not in withdrawn]


def vote_refusals(item, *, votes_for=0, votes_against=0, votes_abstain=0, casting_vote_used=False):
    """Why this vote tally cannot be recorded on ``item``: a list, empty if it can."""
    session = item.session
    refusals = []
    voters = len(voting_members_present(session, item))
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
    reintegration outcome. The decision takes effect when the session closes.
    """
    if item.session.is_closed:
        raise TransitionRefused([_("La séance est close : ses décisions sont figées.")])
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
        raise TransitionRefused(refusals)
    decision, _created = Decision.objects.update_or_create(
        item=item,
        defaults={"outcome": outcome, "recorded_by": actor, "recorded_at": at or timezone.now()}
        | details,
    )
    return decision


def record_attendance(session, *, member, attendance, actor):
    """Mark whether a convened member sits; the minutes freeze it at the close."""
    if session.is_closed:
        raise TransitionRefused([_("La séance est close.")])
    if attendance not in Attendance.values:
        raise TransitionRefused([_("Présence inconnue.")])
    updated = Convocation.objects.filter(session=session, member=member).update(
        attendance=attendance
    )
    if not updated:
        raise TransitionRefused([_("Ce membre n'est pas convoqué à cette séance.")])
