"""The pitch slots a shortlisted team was invited to, as its space shows them.

``projects`` does not import ``jury``: the jury tells the team space the slots of an
application through ``register_pitch_slots`` (see ``jury.apps``).
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class InvitedSlot:
    """A slot the team was invited to pitch at: when (aware datetimes), where, and in
    which session."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    session: str


_sources = []


def register_pitch_slots(source):
    """``source(application)`` returns the ``InvitedSlot``s still to come of its team."""
    if source not in _sources:
        _sources.append(source)


def pitch_slots(application):
    return [slot for source in _sources for slot in source(application)]
