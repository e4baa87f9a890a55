"""The jury: its members, dated sessions, agenda items, criteria, scores, conflicts, decisions."""

from jury.models.agenda import AgendaItem
from jury.models.deliberation import (
    SCALE_LIMIT,
    ConflictOfInterest,
    Criterion,
    Decision,
    Score,
)
from jury.models.minutes import MinutesRecord
from jury.models.pitches import TeamInvitation
from jury.models.sessions import Convocation, JuryMember, Session

__all__ = [
    "SCALE_LIMIT",
    "AgendaItem",
    "ConflictOfInterest",
    "Convocation",
    "Criterion",
    "Decision",
    "JuryMember",
    "MinutesRecord",
    "Score",
    "Session",
    "TeamInvitation",
]
