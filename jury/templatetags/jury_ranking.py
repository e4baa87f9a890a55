"""The ranking table's figures (``jury/_ranking.html``), as Django's ``floatformat`` shows
them, in one call per cell instead of a template loop per criterion: the table has a row
per item and a mean per criterion, and its lookups were most of the page's time.

Each distinct figure is formatted once per language (``floatformat`` reads only the
value, the places and the active language's number format), since marks on small scales
give the same means again and again.
"""

from functools import lru_cache

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jury.enums import SessionStatus
from programme.escaping import escape

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
def criterion_means(row, labels=None):
    """The ``<li>`` of each criterion's mean of ``row`` (a ``jury.ranking.RankedItem``):
    « name : mean/scale » (« name: mean/scale » in English), the mean to the tenth, « — »
    for a criterion nobody marked. ``labels``: a dict kept by the caller across rows, each
    criterion's name and scale escaped once."""
    language = get_language()
    labels = {} if labels is None else labels
    html = []
    for criterion, mean in row.criterion_means:
        label = labels.get(criterion.pk)
        if label is None:
            label = labels[criterion.pk] = (
                f"<li>{escape(criterion.name)}{_colon(language)}",
                f"/{escape(_localized(language, criterion.scale_max))}</li>",
            )
        if mean is None:
            html.append(f"{label[0]}{NONE}</li>")
        else:
            html.append(f"{label[0]}{_formatted(language, mean, 1)}{label[1]}")
    return mark_safe("".join(html))


def _colon(language):
    """A colon after a label: in French after the narrow no-break space the typography
    would put there (written here, the table's hundreds of them need no search)."""
    return "\u202f: " if language == "fr" else ": "


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


def _decision(item):
    """The item's decision, or ``None`` (the template's ``row.item.decision``)."""
    try:
        return item.decision
    except ObjectDoesNotExist:
        return None


@register.simple_tag(takes_context=True)
def ranking_rows(context, rows, show_decisions=False):
    """The ``<tr>`` of each row of a ranking table, in one call: a template loop over a
    hundred rows, with their lookups, filters and links, was most of the page's time.
    The labels are translated (as ``{% translate %}`` does, unescaped) and the links
    reversed once per table."""
    session = context["session"]
    normalised = session.is_normalised
    language = get_language()
    tied = f' <span class="badge text-bg-warning">{_("ex æquo")}</span>'
    deliberating = show_decisions and session.status == SessionStatus.DELIBERATION
    if deliberating:
        change, decide, remove = (
            _("Modifier"),
            _("Enregistrer la décision"),
            _("Retirer de l'ordre du jour"),
        )
        decision_url = item_url(context, "jury:decision", session.pk, _ITEM)
        remove_url = item_url(context, "jury:remove_item", session.pk, _ITEM)
    html, labels, outcomes = [], {}, {}
    for row in rows:
        item = row.item
        subject = escape(item.subject)
        cells = [
            f"<td>{escape(row.rank) if row.rank else NONE}{tied if row.tied else ''}</td>",
            f'<th scope="row">{escape(item.position)}. {subject}</th>',
            f"<td>{_figure(language, row.mean, 2)}</td>",
        ]
        if normalised:
            cells.append(f"<td>{_figure(language, row.normalised_mean, 2)}</td>")
        cells += [
            f'<td><ul class="list-unstyled mb-0 small">{criterion_means(row, labels)}</ul></td>',
            f"<td>{_figure(language, row.spread, 2)}</td>",
            f"<td>{escape(row.scorers)}</td>",
            f"<td>{', '.join(escape(w) for w in row.withdrawn) or NONE}</td>",
        ]
        if show_decisions:
            cells.append(
                _decision_cell(
                    item,
                    subject,
                    outcomes,
                    deliberating and (change, decide, remove),
                    deliberating and (decision_url, remove_url),
                )
            )
        html.append("<tr>" + "".join(cells) + "</tr>")
    return mark_safe("\n".join(html))


def _figure(language, value, places):
    return NONE if value is None else _formatted(language, value, places)


def _decision_cell(item, subject, outcomes, labels, urls):
    """The decision's cell; ``outcomes``: each outcome's label, escaped once per table."""
    decision = _decision(item)
    parts = []
    if decision:
        outcome = outcomes.get(decision.outcome)
        if outcome is None:
            outcome = outcomes[decision.outcome] = escape(decision.get_outcome_display())
        parts.append(f"{outcome}<br>")
        if decision.chaired_by:
            name = escape(decision.chaired_by.user)
            chaired = _("présidé par %(name)s") % {"name": name}
            parts.append(f'<span class="small">{chaired}</span><br>')
    if labels:
        change, decide, remove = labels
        decision_url, remove_url = (url.replace(str(_ITEM), str(int(item.pk))) for url in urls)
        hidden = f'<span class="visually-hidden"> — {subject}</span>'
        parts.append(
            f'<a href="{decision_url}">{change if decision else decide}{hidden}</a><br>'
            f'<a class="small" href="{remove_url}">{remove}{hidden}</a>'
        )
    return "<td>" + "".join(parts) + "</td>"


@register.simple_tag(takes_context=True)
def agenda_rows(context, rows):
    """The ``<li>`` of each item of the session page's agenda (``jury.views.member``'s
    rows), in one call, as ``ranking_rows`` does for the ranking."""
    session, member = context["session"], context.get("member")
    counts = member is not None and member.can_vote
    withdrawn_label = _("vous vous êtes déporté·e")
    scored_label = _("%(done)s critère(s) noté(s) sur %(total)s")
    item_link = item_url(context, "jury:item", session.pk, _ITEM)
    # Each kind's label once: ``get_kind_display`` reads the choices on every call.
    kinds = {}
    html = []
    for row in rows:
        item = row["item"]
        subject = escape(item.subject)
        if row["withdrawn"]:
            title = f"{subject} — <em>{withdrawn_label}</em>"
        else:
            url = item_link.replace(str(_ITEM), str(int(item.pk)))
            title = f'<a href="{url}">{subject}</a>'
        kind = kinds.get(item.kind)
        if kind is None:
            kind = kinds[item.kind] = escape(item.get_kind_display())
        line = (
            '<li class="list-group-item d-flex flex-wrap justify-content-between gap-2">'
            f'<div><span class="badge text-bg-light">{kind}</span> {title}</div>'
        )
        if counts and not row["withdrawn"]:
            scored = scored_label % {
                "done": escape(row["scored"]),
                "total": escape(row["expected"]),
            }
            line += f"<span>{scored}</span>"
        html.append(line + "</li>")
    return mark_safe("\n".join(html))
