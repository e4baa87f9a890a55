import datetime

import pytest
from django.db import IntegrityError, transaction

from editions.enums import CallState
from editions.models import Call, Edition, add_months
from tests.constraints import violates
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
    with (
        pytest.raises(IntegrityError, match=violates(Call, "call_closes_after_opening")),
        transaction.atomic(),
    ):
        CallFactory(closes_at=paris(2021, 11, 1, 0, 0))


@pytest.mark.django_db
def test_two_editions_with_the_same_number_are_refused_by_the_database():
    edition = EditionFactory()

    with (
        pytest.raises(IntegrityError, match=violates(Edition, "edition_unique_number")),
        transaction.atomic(),
    ):
        EditionFactory(programme=edition.programme, number=edition.number, slug="autre")


@pytest.mark.django_db
def test_edition_phase_lengths_follow_its_settings():
    edition = EditionFactory(preincubation_months=3, experimentation_months=6)

    assert edition.preincubation_end(datetime.date(2022, 3, 15)) == datetime.date(2022, 6, 15)
    assert edition.experimentation_end(datetime.date(2022, 3, 15)) == datetime.date(2022, 9, 15)
