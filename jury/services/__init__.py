"""The jury's workflows. Each mutating function takes the acting user as ``actor``.

- ``deliberation``: conflicts, scores, decisions;
- ``attendance``: who sits, from which item on;
- ``agenda``: an item withdrawn from the frozen agenda, an item's scoring reopened;
- ``session``: the session's lifecycle, closing applies the decisions; its averaging;
- ``minutes``: the official PDF of a closed session's minutes, stored once;
- ``publication``: invitations, and decisions told to teams and the public;
- ``pitches``: shortlisted teams invited to pitch, each at its slot.
"""

from jury.services.agenda import (
    freeze_item_scoring,
    removal_refusals,
    remove_item,
    reopen_item_scoring,
    reopen_refusals,
)
from jury.services.attendance import record_attendance, record_attendance_sheet
from jury.services.deliberation import (
    decision_refusals,
    decision_state_refusals,
    declare_conflict,
    record_decision,
    record_score,
    score_refusals,
)
from jury.services.minutes import store_minutes_pdf
from jury.services.pitches import cancel_pitch, invite_teams, team_invitation_refusals
from jury.services.publication import invite_members, publish_decisions
from jury.services.session import (
    add_default_criteria,
    averaging_refusals,
    choose_averaging,
    move_session,
    session_refusals,
)

__all__ = [
    "add_default_criteria",
    "averaging_refusals",
    "cancel_pitch",
    "choose_averaging",
    "decision_refusals",
    "decision_state_refusals",
    "declare_conflict",
    "freeze_item_scoring",
    "invite_members",
    "invite_teams",
    "move_session",
    "publish_decisions",
    "record_attendance",
    "record_attendance_sheet",
    "record_decision",
    "record_score",
    "removal_refusals",
    "remove_item",
    "reopen_item_scoring",
    "reopen_refusals",
    "score_refusals",
    "session_refusals",
    "store_minutes_pdf",
    "team_invitation_refusals",
]
