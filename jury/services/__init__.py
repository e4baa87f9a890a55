"""The jury's workflows. Each mutating function takes the acting user as ``actor``.

- ``deliberation``: conflicts, scores, attendance, decisions;
- ``session``: the session's lifecycle, closing applies the decisions;
- ``publication``: invitations, and decisions told to teams and the public.
"""

from jury.services.deliberation import (
    decision_refusals,
    declare_conflict,
    record_attendance,
    record_decision,
    record_score,
    score_refusals,
)
from jury.services.publication import invite_members, publish_decisions
from jury.services.session import add_default_criteria, move_session, session_refusals

__all__ = [
    "add_default_criteria",
    "decision_refusals",
    "declare_conflict",
    "invite_members",
    "move_session",
    "publish_decisions",
    "record_attendance",
    "record_decision",
    "record_score",
    "score_refusals",
    "session_refusals",
]
