"""The ``date`` filter of every template (a builtin, so it replaces Django's): the same
formats, with « 1er » for the first of the month in French (``programme.dates``)."""

from django import template

from programme.dates import date_filter

register = template.Library()
register.filter("date", date_filter, expects_localtime=True, is_safe=False)
