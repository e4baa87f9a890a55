import datetime
from decimal import Decimal

import pytest

from editions.enums import CallState, Phase
from editions.models import Call, Edition, EditionPhase, add_months
from tests.constraints import refused_by_the_database
from tests.editions.factories import CallFactory, EditionFactory, paris


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2022, 3, 15), 3, datetime.date(2022, 6, 15)),
        (datetime.date(2022, 11, 30), 3, datetime.date(2023, 2, 28)),
        (datetime.date(2021, 8, 31), 6, datetime.date(2022, 2, 28)),
        (datetime.date(2023, 8, 31), 6, datetime.date(2024, 2, 29)),
    ],
)
def test_add_months_keeps_the_day_or_clamps_to_the_end_of_a_short_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (paris(2021, 12, 1, 8, 59, 59), CallState.UPCOMING),
        (paris(2021, 12, 1, 9, 0, 0), CallState.OPEN),
        (paris(2022, 1, 31, 23, 59, 59), CallState.OPEN),
        (paris(2022, 2, 1, 0, 0, 0), CallState.CLOSED),
    ],
)
def test_call_state_at_the_edges_of_its_window_in_paris_time(moment, state):
    call = CallFactory()

    assert call.state_at(moment) == state
    assert Call.objects.open_at(moment).exists() == (state == CallState.OPEN)


@pytest.mark.django_db
def test_call_closing_before_it_opens_is_refused_by_the_database():
    with refused_by_the_database(Call, "call_closes_after_opening"):
        CallFactory(closes_at=paris(2021, 11, 1, 0, 0))


@pytest.mark.django_db
def test_two_editions_with_the_same_number_are_refused_by_the_database():
    edition = EditionFactory()

    with refused_by_the_database(Edition, "edition_unique_number"):
        EditionFactory(programme=edition.programme, number=edition.number, slug="autre")


@pytest.mark.django_db
def test_edition_phase_lengths_follow_its_settings():
    edition = EditionFactory(
        phases={Phase.PRE_INCUBATION: {"months": 3}, Phase.EXPERIMENTATION: {"months": 6}}
    )

    assert edition.period_end(Phase.PRE_INCUBATION, datetime.date(2022, 3, 15)) == datetime.date(
        2022, 6, 15
    )
    assert edition.period_end(Phase.EXPERIMENTATION, datetime.date(2022, 3, 15)) == datetime.date(
        2022, 9, 15
    )


@pytest.mark.django_db
def test_edition_phase_settings_follow_the_kinds_order_with_its_own_values():
    edition = EditionFactory(phases={Phase.EXPERIMENTATION: {"months": 9, "place": "Fablab"}})

    assert [(s.phase, s.months, s.place) for s in edition.phase_settings] == [
        (Phase.PRE_INCUBATION, 3, ""),
        (Phase.EXPERIMENTATION, 9, "Fablab"),
    ]
    assert edition.phase_setting(Phase.EXPERIMENTATION).kind.renewable


@pytest.mark.django_db
def test_edition_without_rows_reads_the_kinds_defaults():
    edition = EditionFactory(without_phases=True)

    assert [(s.pk, s.phase, s.months, s.days_per_week) for s in edition.phase_settings] == [
        (None, Phase.PRE_INCUBATION, 3, Decimal("1.0")),
        (None, Phase.EXPERIMENTATION, 6, Decimal("2.0")),
    ]


@pytest.mark.django_db
def test_a_terminal_phase_has_no_settings():
    edition = EditionFactory()

    with pytest.raises(ValueError):
        edition.phase_setting(Phase.REINTEGRATION)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"months": 0}, "edition_phase_months_at_least_1"),
        ({"days_per_week": Decimal("0.0")}, "edition_phase_days_in_range"),
        ({"days_per_week": Decimal("5.5")}, "edition_phase_days_in_range"),
        ({"phase": Phase.ABANDONED}, "edition_phase_phase_valid"),
    ],
)
def test_edition_phase_out_of_range_is_refused_by_the_database(values, constraint):
    edition = EditionFactory(without_phases=True)
    row = EditionPhase.default(edition, Phase.PRE_INCUBATION)
    for field, value in values.items():
        setattr(row, field, value)

    with refused_by_the_database(EditionPhase, constraint):
        row.save()


@pytest.mark.django_db
def test_two_rows_for_one_phase_of_an_edition_are_refused_by_the_database():
    edition = EditionFactory()

    with refused_by_the_database(EditionPhase, "edition_phase_unique"):
        EditionPhase.default(edition, Phase.PRE_INCUBATION).save()
