"""Dates as French readers write them: « 1er décembre », not « 1 décembre ».

``format_date`` is Django's ``date_format`` with that rule; the template filter ``date``
(``programme.templatetags.french_dates``, a builtin of the templates) applies it too, so
every page and message says « le 1er mars ». Other languages are left as Django formats.
"""

from django.template import defaultfilters
from django.utils import formats
from django.utils.translation import get_language


def _first_of_month(formatted, value, format_string):
    """``formatted`` with « 1er » for a first of the month, when the format starts with
    the day of the month (« j F Y », « DATE_FORMAT », « DATETIME_FORMAT »)."""
    if not formatted or not (get_language() or "").startswith("fr"):
        return formatted
    if getattr(value, "day", None) != 1:
        return formatted
    pattern = formats.get_format(format_string) if format_string.isupper() else format_string
    if pattern.startswith("j") and formatted.startswith("1") and not formatted[1:2].isdigit():
        return "1er" + formatted[1:]
    return formatted


def format_date(value, format_string="DATE_FORMAT"):
    return _first_of_month(formats.date_format(value, format_string), value, format_string)


def date_filter(value, arg=None):
    """Django's ``date`` filter, with « 1er »."""
    formatted = defaultfilters.date(value, arg)
    return _first_of_month(formatted, value, arg or "DATE_FORMAT")
