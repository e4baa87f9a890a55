"""The rows' escaping gives what Django's ``conditional_escape`` gives, faster."""

import pytest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from programme.escaping import escape


@pytest.mark.parametrize(
    "value",
    [
        'Les « Ruches » <b>&</b> l\'"atelier"',
        "",
        42,
        0,
        True,
        None,
        3.5,
        mark_safe("<em>déjà sûr</em>"),
        gettext_lazy("Présences enregistrées."),
    ],
)
def test_escape_gives_what_conditional_escape_gives(value):
    escaped = escape(value)

    assert escaped == conditional_escape(value)
    assert isinstance(escaped, SafeString)


def test_a_string_already_safe_is_not_escaped_twice():
    assert escape(mark_safe("a &amp; b")) == "a &amp; b"
