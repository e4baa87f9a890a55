"""The lifecycle of a jury session, as a table of named moves, and the move each of the
jury's outcomes makes. Pure module: no ORM import; the guards read the session given."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jury.enums import Outcome, SessionStatus
from programme.enums import DecisionSource
from programme.lifecycles import Lifecycle, Move
from projects.applications.transitions import APPLICATION_LIFECYCLE
from projects.laureates.transitions import PROJECT_LIFECYCLE

BY_STAFF = frozenset({DecisionSource.STAFF})
BY_STAFF_OR_CHAIR = frozenset({DecisionSource.STAFF, DecisionSource.JURY})


def agenda_is_not_empty(session, **context):
    return [] if session.items.exists() else [_("L'ordre du jour est vide.")]


def every_item_is_decided(session, **context):
    undecided = [str(item.position) for item in session.items.filter(decision__isnull=True)]
    if not undecided:
        return []
    return [_("Points sans décision : %(items)s.") % {"items": ", ".join(undecided)}]


def quorum_is_reached(session, **context):
    return session.quorum_refusals()


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
            BY_STAFF,
            guards=(agenda_is_not_empty,),
        ),
        Move(
            "open_deliberation",
            S.SCORING,
            S.DELIBERATION,
            gettext_lazy("Ouvrir la délibération"),
            BY_STAFF,
        ),
        Move(
            "close",
            S.DELIBERATION,
            S.CLOSED,
            gettext_lazy("Clore la séance"),
            BY_STAFF_OR_CHAIR,
            guards=(every_item_is_decided, quorum_is_reached),
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
