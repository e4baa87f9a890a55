"""Counts in French words: plurals from two, as French readers expect."""

import pytest
from django.template import Context, Template


def render(source, **context):
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.5, "0,5 jour"), (1, "1 jour"), (1.5, "1,5 jour"), (2, "2 jours"), (3.5, "3,5 jours")],
)
def test_days_take_the_plural_from_two_as_in_french(value, expected):
    assert render("{% load french_words %}{{ value|days }}", value=value) == expected


@pytest.mark.parametrize(("count", "expected"), [(0, "0 projet lauréat"), (1, "1 projet lauréat")])
def test_zero_and_one_take_the_singular_in_french(count, expected):
    source = (
        "{% load i18n %}{% blocktranslate count counter=count %}{{ counter }} projet lauréat"
        "{% plural %}{{ counter }} projets lauréats{% endblocktranslate %}"
    )

    assert render(source, count=count) == expected
    assert render(source, count=2) == "2 projets lauréats"
