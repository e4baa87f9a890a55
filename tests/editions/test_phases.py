"""The table of phase kinds agrees with the choices and with the project's lifecycle."""

from decimal import Decimal

import pytest

from editions.enums import RUNNING_PHASES, PeriodPhase, Phase
from editions.phases import ENTRY_PHASE, PERIOD_PHASES, PHASE_KINDS, kind_of
from projects.laureates.transitions import PROJECT_LIFECYCLE


def test_every_phase_has_one_kind_in_the_order_of_the_choices():
    assert [kind.phase for kind in PHASE_KINDS] == Phase.values


def test_period_choices_and_running_phases_are_the_period_kinds():
    assert PeriodPhase.values == list(PERIOD_PHASES)
    assert PeriodPhase.labels == [Phase(phase).label for phase in PERIOD_PHASES]
    assert RUNNING_PHASES == PERIOD_PHASES


def test_a_project_starts_in_the_first_period_kind():
    assert PROJECT_LIFECYCLE.initial == ENTRY_PHASE == Phase.PRE_INCUBATION


def test_the_terminal_kinds_are_the_lifecycle_terminal_states():
    terminal = [kind.phase for kind in PHASE_KINDS if not kind.is_period]

    assert terminal == PROJECT_LIFECYCLE.terminal_states


def test_a_kind_renews_exactly_when_the_lifecycle_has_a_move_that_stays_in_it():
    loops = {move.source for move in PROJECT_LIFECYCLE.moves if move.is_loop}

    assert (
        {kind.phase for kind in PHASE_KINDS if kind.renewable} == loops == {Phase.EXPERIMENTATION}
    )


@pytest.mark.parametrize(
    ("phase", "months", "days"),
    [(Phase.PRE_INCUBATION, 3, Decimal("1.0")), (Phase.EXPERIMENTATION, 6, Decimal("2.0"))],
)
def test_period_kinds_have_their_default_length_and_days_a_week(phase, months, days):
    kind = kind_of(phase)

    assert (kind.is_period, kind.default_months, kind.default_days_per_week) == (True, months, days)


@pytest.mark.parametrize("phase", [Phase.REINTEGRATION, Phase.ABANDONED])
def test_terminal_kinds_have_no_length_and_do_not_renew(phase):
    kind = kind_of(phase)

    assert (kind.is_period, kind.renewable, kind.default_months) == (False, False, None)
