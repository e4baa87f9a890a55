"""Dates, months and sizes as French readers write them."""

import datetime

import pytest
from django.template import Context, Template
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from programme.dates import format_date


def render(source, **context):
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 12, 1), "1er décembre 2026"),
        (datetime.date(2026, 12, 2), "2 décembre 2026"),
        (datetime.date(2026, 12, 11), "11 décembre 2026"),
        (datetime.date(2026, 12, 31), "31 décembre 2026"),
    ],
)
def test_the_first_of_the_month_is_written_1er_in_templates_and_messages(day, expected):
    assert render('{{ day|date:"j F Y" }}', day=day) == expected
    assert format_date(day, "j F Y") == expected
    assert format_date(day) == expected  # DATE_FORMAT


def test_a_format_not_starting_with_the_day_is_left_alone():
    day = datetime.date(2026, 12, 1)

    assert (
        render('{{ day|date:"F Y" }} {{ day|date:"Y-m-d" }}', day=day) == "décembre 2026 2026-12-01"
    )


def test_english_keeps_its_own_dates():
    with translation.override("en"):
        assert render('{{ day|date:"j F Y" }}', day=datetime.date(2026, 12, 1)) == "1 December 2026"


@pytest.mark.parametrize(
    ("month", "expected"),
    [(1, "janv."), (2, "févr."), (3, "mars"), (6, "juin"), (7, "juil."), (12, "déc.")],
)
def test_month_abbreviations_are_the_usual_french_ones(month, expected):
    assert render('{{ day|date:"N" }}', day=datetime.date(2026, month, 15)) == expected


def test_file_sizes_read_in_ko_and_mo():
    assert str(filesizeformat(2 * 1024 * 1024)) == "2,0\xa0Mo"
    assert str(filesizeformat(3 * 1024)) == "3,0\xa0Ko"
