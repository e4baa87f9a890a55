"""Counts written in words, with French plurals: « 1 jour », « 0,5 jour », « 2 jours »."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def days(value):
    """« 1 jour », « 1,5 jour », « 2 jours »: a number of days, in the plural from two
    (the French rule; the catalogue's Plural-Forms says n > 1)."""
    if value in (None, ""):
        return ""
    return ngettext("%(days)s jour", "%(days)s jours", int(value)) % {
        "days": floatformat(value, "-1")
    }
