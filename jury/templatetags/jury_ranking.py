"""The ranking table's figures (``jury/_ranking.html``), as Django's ``floatformat`` shows
them, in one call per cell instead of a template loop per criterion: the table has a row
per item and a mean per criterion, and its lookups were most of the page's time.

Each distinct figure is formatted once per language (``floatformat`` reads only the
value, the places and the active language's number format), since marks on small scales
give the same means again and again.
"""

from functools import lru_cache

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

NONE = "—"


@lru_cache(maxsize=4096, typed=True)
def _formatted(_language, value, places):
    # ``_language``: a part of the key only (the format is the active language's).
    return floatformat(value, places)


@lru_cache(maxsize=256, typed=True)
def _localized(_language, value):
    return formats.localize(value)


@register.filter(is_safe=True)
def figure(value, places):
    """``value|floatformat:places``, or « — » when there is no figure (``None``)."""
    if value is None:
        return NONE
    return _formatted(get_language(), value, places)


@register.simple_tag
def criterion_means(row):
    """The ``<li>`` of each criterion's mean of ``row`` (a ``jury.ranking.RankedItem``):
    « name : mean/scale », the mean to the tenth, « — » for a criterion nobody marked."""
    language = get_language()
    return mark_safe(
        "".join(
            f"<li>{conditional_escape(criterion.name)} : "
            + (
                f"{_formatted(language, mean, 1)}/"
                f"{conditional_escape(_localized(language, criterion.scale_max))}"
                if mean is not None
                else NONE
            )
            + "</li>"
            for criterion, mean in row.criterion_means
        )
    )


# Stands for the item's pk in a reversed URL: no session's pk holds these digits.
_ITEM = 918273645546372819


@register.simple_tag(takes_context=True)
def item_url(context, name, session_pk, item_pk):
    """``{% url name session_pk item_pk %}`` for a row of a table of items: reversed once
    per template render and URL name, then the item's pk put in (a hundred rows)."""
    cache = context.render_context.setdefault("jury_item_urls", {})
    if (name, session_pk) not in cache:
        cache[name, session_pk] = reverse(name, args=[session_pk, _ITEM]).split(str(_ITEM))
    before, after = cache[name, session_pk]
    return f"{before}{int(item_pk)}{after}"
