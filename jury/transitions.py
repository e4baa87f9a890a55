"""The lifecycle of a jury session, as a table of named moves, and the move each of the
jury's outcomes makes. Pure module: no ORM import; the guards read the session given.

The chair (the president, the secretary for the record) or staff make every move; the
close waits for the session's start, a decision on each item left on the agenda that its
subject can still take, and the quorum on the session and on each item."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jury.enums import Outcome, SessionStatus
from programme.dates import format_date
from programme.enums import DecisionSource
from programme.lifecycles import Lifecycle, Move
from projects.applications.transitions import APPLICATION_LIFECYCLE
from projects.laureates.transitions import PROJECT_LIFECYCLE

BY_STAFF_OR_CHAIR = frozenset({DecisionSource.STAFF, DecisionSource.JURY})


def agenda_is_not_empty(session, **context):
    return [] if session.items.on_agenda().exists() else [_("L'ordre du jour est vide.")]


def session_has_started(session, *, at=None, **context):
    """A session is closed on its day or later, never before: its decisions date from it."""
    at = at or timezone.now()
    if at >= session.starts_at:
        return []
    day = format_date(timezone.localtime(session.starts_at), "DATETIME_FORMAT")
    return [
        _("La séance commence le %(date)s : elle ne peut pas être close avant.") % {"date": day}
    ]


def every_item_is_decided(session, *, agenda=None, **context):
    """``agenda``: the items on the agenda in running order with their decisions, when the
    caller read them already (else read here)."""
    if agenda is not None:
        undecided = [str(i.position) for i in agenda if getattr(i, "decision", None) is None]
    else:
        items = session.items.on_agenda().filter(decision__isnull=True).order_by("position")
        undecided = [str(position) for position in items.values_list("position", flat=True)]
    if not undecided:
        return []
    return [_("Points sans décision : %(items)s.") % {"items": ", ".join(undecided)}]


def every_decision_applies(session, *, agenda=None, **context):
    """Each decision names a move its subject can still make (a withdrawn application
    cannot be selected): otherwise the close would fail; the item can leave the agenda.
    ``agenda`` as in ``every_item_is_decided``, with the items' subjects."""
    refusals = []
    if agenda is not None:
        items = [item for item in agenda if getattr(item, "decision", None) is not None]
    else:
        items = session.items.on_agenda().filter(decision__isnull=False)
        items = items.select_related("decision", "application", "project").order_by("position")
    for item in items:
        for reason in outcome_refusals(item, item.decision.outcome):
            refusals.append(
                _("Point %(position)d : %(reason)s") % {"position": item.position, "reason": reason}
            )
    return refusals


def quorum_is_reached(session, *, convocations=None, agenda=None, conflicts=None, **context):
    """The quorum on the session, then on each item (the convocations read once, or
    given: all the session's, with their members, as a page that shows them read them;
    ``agenda`` with ``conflicts``, ``{item id: its conflicts}``, given as well, the
    withdrawals are not read again)."""
    if convocations is None:
        convocations = session.convocations.select_related("member")
    convocations = list(convocations)
    withdrawn = None
    if agenda is not None and conflicts is not None:
        withdrawn = {
            item.position: {conflict.member_id for conflict in conflicts.get(item.pk, ())}
            for item in agenda
        }
    return session.quorum_refusals(convocations=convocations) or session.item_quorum_refusals(
        convocations, withdrawn
    )


def outcome_refusals(item, outcome):
    """Why ``outcome`` cannot apply to ``item``'s subject in the state it is in now."""
    subject = item.project if item.project_id else item.application
    if outcome_move(outcome, subject) is not None:
        return []
    if item.project_id:
        return [
            _("Le projet est en « %(phase)s » : « %(outcome)s » ne s'applique pas.")
            % {"phase": subject.get_phase_display(), "outcome": Outcome(outcome).label}
        ]
    return [
        _("La candidature est « %(status)s » : « %(outcome)s » ne s'applique pas.")
        % {"status": subject.get_status_display(), "outcome": Outcome(outcome).label}
    ]


S = SessionStatus
SESSION_LIFECYCLE = Lifecycle(
    name="session",
    states=SessionStatus,
    initial=S.PLANNED,
    moves=(
        Move(
            "open_scoring",
            S.PLANNED,
            S.SCORING,
            gettext_lazy("Ouvrir la notation"),
            BY_STAFF_OR_CHAIR,
            guards=(agenda_is_not_empty,),
        ),
        Move(
            "open_deliberation",
            S.SCORING,
            S.DELIBERATION,
            gettext_lazy("Ouvrir la délibération"),
            BY_STAFF_OR_CHAIR,
        ),
        Move(
            "close",
            S.DELIBERATION,
            S.CLOSED,
            gettext_lazy("Clore la séance"),
            BY_STAFF_OR_CHAIR,
            guards=(
                session_has_started,
                every_item_is_decided,
                every_decision_applies,
                quorum_is_reached,
            ),
        ),
    ),
)

# The move each outcome makes, by its name in the lifecycle of the item's subject: the
# move's source says from which state the outcome applies, its target where it leads.
OUTCOME_MOVES = {
    Outcome.SHORTLISTED: (APPLICATION_LIFECYCLE, "shortlist"),
    Outcome.NOT_SHORTLISTED: (APPLICATION_LIFECYCLE, "not_shortlist"),
    Outcome.SELECTED: (APPLICATION_LIFECYCLE, "select"),
    Outcome.NOT_SELECTED: (APPLICATION_LIFECYCLE, "not_select"),
    Outcome.CONTINUE: (PROJECT_LIFECYCLE, "continue"),
    Outcome.RENEW: (PROJECT_LIFECYCLE, "renew"),
    Outcome.REINTEGRATE: (PROJECT_LIFECYCLE, "reintegrate"),
}


def outcome_move(outcome, subject):
    """The move ``outcome`` makes from the state ``subject`` is in, or ``None``."""
    lifecycle, name = OUTCOME_MOVES[outcome]
    return lifecycle.named(name, lifecycle.state_of(subject))


def outcome_target(outcome):
    """Where ``outcome`` leads: the target of its move, whatever state it starts from."""
    lifecycle, name = OUTCOME_MOVES[outcome]
    return next(move.target for move in lifecycle.moves if move.name == name)
