"""The lifecycle of a jury session, as data. Pure module: no ORM."""

from django.utils.translation import gettext_lazy as _

from jury.enums import SessionStatus
from projects.enums import DecisionSource
from projects.transitions import Lifecycle, Move

STAFF = frozenset({DecisionSource.STAFF})
S = SessionStatus

SESSION_LIFECYCLE = Lifecycle(
    name="session",
    states=SessionStatus,
    initial=S.PLANNED,
    moves=(
        Move(S.PLANNED, S.SCORING, _("Ouvrir la notation"), STAFF),
        Move(S.SCORING, S.DELIBERATION, _("Ouvrir la délibération"), STAFF),
        Move(S.DELIBERATION, S.CLOSED, _("Clore la séance"), STAFF | {DecisionSource.JURY}),
    ),
)
