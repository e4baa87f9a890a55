"""The kinds of phase a laureate project goes through, as one table.

Each ``Phase`` has one ``PhaseKind``: whether it is lived as a dated period (pre-incubation,
experimentation) or ends the project's run (reintegration, abandonment), whether the jury
may renew it, and, for a period, the length and days a week an edition starts from
(``editions.EditionPhase`` holds each edition's own values). The moves between the
phases are in ``projects.laureates.transitions``; adding a phase is a row here plus its moves
(see the README, « Add a phase »).

Pure module: no ORM, no I/O.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from editions.enums import Phase


@dataclass(frozen=True)
class PhaseKind:
    """One phase: ``is_period`` if lived as a dated period, else terminal.

    ``offer``: what the phase gives a team, as the public pages say it (« avec des
    coachs »). ``default_months`` and ``default_days_per_week`` are set for a period only.
    """

    phase: str
    is_period: bool
    renewable: bool = False
    default_months: int | None = None
    default_days_per_week: Decimal | None = None
    offer: str = ""

    @property
    def label(self):
        return Phase(self.phase).label


# In the order a project lives them: the first period is where a laureate starts.
PHASE_KINDS = (
    PhaseKind(
        Phase.PRE_INCUBATION,
        is_period=True,
        default_months=3,
        default_days_per_week=Decimal("1.0"),
        offer=_("avec des coachs"),
    ),
    PhaseKind(
        Phase.EXPERIMENTATION,
        is_period=True,
        renewable=True,
        default_months=6,
        default_days_per_week=Decimal("2.0"),
        offer=_("avec des moyens dédiés"),
    ),
    PhaseKind(Phase.REINTEGRATION, is_period=False),
    PhaseKind(Phase.ABANDONED, is_period=False),
)
KINDS = {kind.phase: kind for kind in PHASE_KINDS}
PERIOD_PHASES = tuple(kind.phase for kind in PHASE_KINDS if kind.is_period)
ENTRY_PHASE = PERIOD_PHASES[0]


def kind_of(phase):
    """The ``PhaseKind`` of ``phase``; ``KeyError`` for a value that is not a phase."""
    return KINDS[phase]
