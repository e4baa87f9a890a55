"""The arithmetic of time given: working days, days planned per month, shortfalls.

Pure functions on rows already loaded: plain objects stand for the period, members,
commitments and declarations, so these tests touch no database.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from projects.laureates.models.follow_up import working_days
from projects.laureates.time_tracking import (
    MemberMonth,
    declarable_months,
    expected_days,
    month_rows,
    planned_per_week,
    summarise,
)
from projects.models import PhasePeriod

MARCH, APRIL, MAY, JUNE = (datetime.date(2022, month, 1) for month in (3, 4, 5, 6))
LONG_AFTER = datetime.date(2026, 1, 1)


def period(start=datetime.date(2022, 3, 15), end=datetime.date(2022, 6, 15), **fields):
    """A pre-incubation of three months, one day a week, from Tuesday 15 March 2022."""
    # An unsaved period: its dates and their properties, without the database.
    return PhasePeriod(
        planned_start=start,
        planned_end=end,
        actual_start=fields.get("actual_start", start),
        actual_end=fields.get("actual_end"),
        days_per_week=fields.get("days_per_week", Decimal("1.0")),
    )


def member(pk):
    return SimpleNamespace(pk=pk)


def declaration(member_pk, month, days, comment=""):
    return SimpleNamespace(member_id=member_pk, month=month, days_given=days, comment=comment)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (datetime.date(2022, 3, 14), datetime.date(2022, 3, 20), 5),  # Monday to Sunday
        (datetime.date(2022, 3, 19), datetime.date(2022, 3, 20), 0),  # a weekend
        (datetime.date(2022, 3, 14), datetime.date(2022, 3, 14), 1),  # one Monday
        (datetime.date(2022, 3, 1), datetime.date(2022, 3, 31), 23),
        (datetime.date(2022, 3, 15), datetime.date(2022, 3, 31), 13),
        (datetime.date(2022, 3, 20), datetime.date(2022, 3, 14), 0),  # end before start
    ],
)
def test_working_days_count_mondays_to_fridays_both_ends_included(start, end, days):
    assert working_days(start, end) == days


def test_declarable_months_run_from_the_start_month_to_the_end_month():
    assert declarable_months(period(), today=LONG_AFTER) == [MARCH, APRIL, MAY, JUNE]


def test_declarable_months_never_include_a_month_to_come():
    assert declarable_months(period(), today=datetime.date(2022, 5, 10)) == [MARCH, APRIL, MAY]


def test_declarable_months_of_a_period_not_started_are_none():
    assert declarable_months(period(), today=datetime.date(2022, 2, 28)) == []


def test_declarable_months_stop_at_the_actual_end():
    closed = period(actual_end=datetime.date(2022, 4, 20))

    assert declarable_months(closed, today=LONG_AFTER) == [MARCH, APRIL]


@pytest.mark.parametrize(
    ("month", "per_week", "days"),
    [
        (MARCH, Decimal("1"), Decimal("2.6")),  # 13 working days from Tuesday 15 March
        (APRIL, Decimal("1"), Decimal("4.2")),  # 21 working days, a whole month
        (JUNE, Decimal("1"), Decimal("2.2")),  # 11 working days until 15 June
        (APRIL, Decimal("2.5"), Decimal("10.5")),
        (APRIL, Decimal("0"), Decimal("0")),
    ],
    ids=["start month", "full month", "end month", "two and a half days", "nothing planned"],
)
def test_expected_days_count_the_working_days_of_the_month_within_the_period(month, per_week, days):
    assert expected_days(period(), per_week, month, today=LONG_AFTER) == days


def test_expected_days_of_the_current_month_stop_today():
    # Friday 1 April, then Monday 4 to Friday 8 April: 6 working days.
    today = datetime.date(2022, 4, 8)

    assert expected_days(period(), Decimal("1"), APRIL, today=today) == Decimal("1.2")


def test_a_commitment_overrides_the_period_days_per_week():
    commitments = {1: SimpleNamespace(planned_days_per_week=Decimal("2.5"))}

    assert planned_per_week(period(), member(1), commitments) == Decimal("2.5")
    assert planned_per_week(period(), member(2), commitments) == Decimal("1.0")


@pytest.mark.parametrize(
    ("planned", "given", "is_short"),
    [
        (Decimal("4.2"), Decimal("3.0"), True),  # under three quarters (3.15)
        (Decimal("4.2"), Decimal("3.2"), False),
        (Decimal("4.2"), None, False),  # not declared is not a shortfall
        (Decimal("0"), Decimal("0"), False),
    ],
)
def test_a_member_month_is_short_under_three_quarters_of_the_plan(planned, given, is_short):
    assert MemberMonth(member(1), planned=planned, given=given).is_short is is_short


def test_month_rows_and_their_summary_add_up_and_count_undeclared_months():
    members = [member(1), member(2)]
    declarations = [
        declaration(1, MARCH, Decimal("2.5"), "Bien libéré."),
        declaration(2, MARCH, Decimal("1")),
        declaration(1, APRIL, Decimal("4")),
    ]
    commitments = {2: SimpleNamespace(planned_days_per_week=Decimal("0.5"))}

    rows = month_rows(
        period(), [MARCH, APRIL], members, commitments, declarations, today=LONG_AFTER
    )
    summary = summarise(rows)

    march, april = rows
    assert [(cell.planned, cell.given) for cell in march.cells] == [
        (Decimal("2.6"), Decimal("2.5")),
        (Decimal("1.3"), Decimal("1")),
    ]
    assert (march.planned, march.given, march.missing) == (Decimal("3.9"), Decimal("3.5"), [])
    assert march.cells[0].comment == "Bien libéré."
    assert (april.given, april.missing) == (Decimal("4"), [members[1]])
    assert (summary.planned, summary.given, summary.undeclared_months) == (
        Decimal("10.2"),
        Decimal("7.5"),
        1,
    )
    assert (summary.ratio, summary.is_short) == (74, True)


def test_a_summary_without_any_plan_has_no_ratio():
    summary = summarise([])

    assert (summary.ratio, summary.is_short) == (None, False)
