"""The deliberation's table: each item's weighted mean, per-criterion means, spread,
number of scorers and withdrawals; ranks within each kind of item; ties flagged.

The figures come from the database as aggregates (``item_figures``, ``criterion_means``:
two queries whatever the number of marks), never as one object per mark. They stay
exact: each member's total on an item is summed in SQL as integers (weights in
hundredths, every mark brought to one common scale, ``COMMON_SCALE``), grouped by item
and by the member's sum of weights, and only the last division is done here, with
``Fraction``. Ranks and ties compare these exact means; rounding happens once, to the
hundredth half up, in ``RankedItem.hundredths`` (what ties compare) and at display.

A withdrawn member's marks never count, whatever path they came by. When the session
chose the mean normalised per juror (``jury.normalisation``), each row carries it beside
the raw mean, and it is the one that ranks.
"""

import functools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db import connections
from django.db.models import BigIntegerField, Count, Exists, F, OuterRef, Sum, Value
from django.db.models.functions import Cast, Round

from jury.models import ConflictOfInterest, Score
from jury.models.deliberation import SCALE_LIMIT

TOTAL = 20  # means are shown out of 20
# What the ranking and the tables of items read of an item and its subject, for
# ``QuerySet.only`` (with ``select_related("application", "project")``): the subjects'
# other columns, a few dozen, were most of the time of loading a hundred items.
ITEM_FIELDS = (
    "session_id",
    "position",
    "kind",
    "application_id",
    "project_id",
    "removed_at",
    "scoring_reopened_at",
    "application__title",
    "application__status",
    "project__title",
    "project__phase",
)
# And of its decision, with ``select_related("decision__chaired_by__user")``.
DECISION_FIELDS = (
    "decision__outcome",
    "decision__reintegration_outcome",
    "decision__chaired_by__user__first_name",
    "decision__chaired_by__user__last_name",
    "decision__chaired_by__user__email",
)
# Every scale a criterion may have divides this one, so that ``value * COMMON_SCALE //
# scale_max`` is an exact integer in SQL (232,792,560: sums stay far below 2**63).
COMMON_SCALE = math.lcm(*range(1, SCALE_LIMIT + 1))


@dataclass
class RankedItem:
    item: object
    mean: float | None
    criterion_means: list = field(default_factory=list)
    spread: float | None = None
    scorers: int = 0
    withdrawn: list = field(default_factory=list)
    rank: int | None = None
    tied: bool = False
    # The mean computed exactly (weights are decimals, marks integers): what ranks and
    # ties compare, so that two equal means never differ by a float's rounding.
    exact_mean: Fraction | None = None
    # The mean normalised per juror, when the session chose it (else ``None``).
    normalised_mean: float | None = None
    exact_normalised: Fraction | None = None
    normalised: bool = False

    @property
    def ranking_mean(self):
        """The exact mean that ranks: the normalised one when chosen, else the raw one."""
        return self.exact_normalised if self.normalised else self.exact_mean

    @property
    def hundredths(self):
        """The ranking mean to the hundredth, half up (as it is shown): the tie key."""
        mean = self.ranking_mean
        if mean is None:
            return None
        # int(mean * 100 + 1/2) in integers: Fraction arithmetic on these denominators
        # (multiples of COMMON_SCALE) was a good part of ranking a hundred items.
        top, bottom = 200 * mean.numerator + mean.denominator, 2 * mean.denominator
        return top // bottom if top >= 0 else -(-top // bottom)


def withdrawals(item_ids):
    """``{item id: [its conflicts, by member]}`` for ``item_ids``, each with its member's
    user (what ``rank`` shows, the names): one query, as a plain list. A prefetch on the
    items read the same rows but built a QuerySet for each item, most of the time of
    loading a hundred of them."""
    if not item_ids:
        return defaultdict(list)
    return _by_item(ConflictOfInterest.objects.filter(item_id__in=item_ids))


def agenda_withdrawals(session):
    """``withdrawals`` of every item on ``session``'s agenda, whoever reads: one query."""
    return _by_item(
        ConflictOfInterest.objects.filter(item__session=session, item__removed_at__isnull=True)
    )


def _by_item(conflicts):
    by_item = defaultdict(list)
    # In their model's order, as ``item.conflicts.all()`` gives them.
    for conflict in conflicts.select_related("member__user"):
        by_item[conflict.item_id].append(conflict)
    return by_item


def counted_marks(session_ids):
    """The marks of the sessions' items that count: never a withdrawn member's."""
    withdrawn = ConflictOfInterest.objects.filter(item=OuterRef("item"), member=OuterRef("member"))
    return Score.objects.filter(item__session_id__in=session_ids).exclude(Exists(withdrawn))


def item_figures(session_ids):
    """``{item_id: (exact mean /20, exact spread /20, scorers)}`` for the items scored in
    the sessions: one query, one row per item (and per distinct sum of weights among its
    members, one in the usual case where every member scored every criterion)."""
    alias, sql, params = compiled(member_totals, session_ids)
    parts = defaultdict(list)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT item_id, weights, SUM(earned), MAX(earned), MIN(earned), COUNT(*) "
            f"FROM ({sql}) member_totals WHERE weights > 0 GROUP BY item_id, weights",
            params,
        )
        for item_id, weights, earned, highest, lowest, count in cursor.fetchall():
            parts[item_id].append((int(weights), int(earned), int(highest), int(lowest), count))
    scale = Fraction(TOTAL, COMMON_SCALE)
    figures = {}
    for item_id, groups in parts.items():
        if len(groups) == 1:
            # Every member gave the same sum of weights (the usual case): one division
            # each, in integers, instead of sums and products of fractions.
            weights, earned, highest, lowest, scorers = groups[0]
            figures[item_id] = (
                Fraction(TOTAL * earned, COMMON_SCALE * weights * scorers),
                Fraction(TOTAL * (highest - lowest), COMMON_SCALE * weights),
                scorers,
            )
            continue
        scorers = sum(group[4] for group in groups)
        mean = scale * sum(Fraction(earned, weights) for weights, earned, *_ in groups) / scorers
        highest = max(Fraction(group[2], group[0]) for group in groups)
        lowest = min(Fraction(group[3], group[0]) for group in groups)
        figures[item_id] = (mean, scale * (highest - lowest), scorers)
    return figures


def criterion_means(session_ids):
    """``{(item_id, criterion_id): mean mark}`` (on the criterion's own scale): one query."""
    alias, sql, params = compiled(criterion_totals, session_ids)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {(item_id, criterion_id): total / count for item_id, criterion_id, total, count in rows}


def member_totals(session_ids):
    """Each member's weighted total on each item and their sum of weights, as integers
    (``item_figures`` groups these rows)."""
    weight = Cast(Round(F("criterion__weight") * 100), BigIntegerField())
    return (
        counted_marks(session_ids)
        .values("item_id", "member_id")
        .annotate(
            earned=Sum(weight * F("value") * (Value(COMMON_SCALE) / F("scale_max"))),
            weights=Sum(weight),
        )
        .order_by()
    )


def criterion_totals(session_ids):
    """The sum and number of the marks on each criterion of each item."""
    return (
        counted_marks(session_ids)
        .values_list("item_id", "criterion_id")
        .annotate(total=Sum("value"), count=Count("id"))
        .order_by()
    )


# Stand for the sessions' ids while a query is compiled: no session's pk holds these digits.
_SESSION = 918273645546372819


def compiled(build, session_ids):
    """``(database alias, sql, params)`` of the QuerySet ``build(session_ids)``.

    Compiling these aggregates was a good part of the deliberation page's time, the same
    work on every request: each is compiled once per process and number of sessions, with
    stand-ins for the ids, which are put in the parameters here."""
    ids = sorted(session_ids)
    alias, sql, params = _compile(build, len(ids))
    return alias, sql, [_actual(param, ids) for param in params]


def _actual(param, ids):
    if type(param) is int and _SESSION <= param < _SESSION + len(ids):
        return ids[param - _SESSION]
    return param


@functools.lru_cache(maxsize=16)
def _compile(build, count):
    queryset = build(list(range(_SESSION, _SESSION + count)))
    sql, params = queryset.query.sql_with_params()
    return queryset.db, sql, tuple(params)


def rank(items, criteria_by_grid, normalised_means=None, conflicts=None):
    """The items ranked within their kind (selection, review...), best first: by the raw
    weighted mean, or by the mean normalised per juror when ``normalised_means`` (``{item
    id: exact normalised mean}``, ``jury.normalisation.normalised_item_means``) is given.

    ``conflicts``: the items' withdrawals as ``withdrawals`` gives them, when the caller
    read them already (else read here, one query). Items whose ranking means are equal
    to the hundredth (half up, as shown) share a rank and are flagged as tied.
    """
    items = list(items)
    session_ids = {item.session_id for item in items}
    figures = item_figures(session_ids) if items else {}
    means = criterion_means(session_ids) if items else {}
    if conflicts is None:
        conflicts = withdrawals([item.pk for item in items])
    criteria = {
        grid: [(criterion, criterion.pk) for criterion in grid_criteria]
        for grid, grid_criteria in criteria_by_grid.items()
    }
    groups = defaultdict(list)
    for item in items:
        item_id = item.pk
        exact_mean, spread, scorers = figures.get(item_id, (None, None, 0))
        exact_normalised = None if normalised_means is None else normalised_means.get(item_id)
        groups[item.kind].append(
            RankedItem(
                item=item,
                mean=float(exact_mean) if exact_mean is not None else None,
                exact_mean=exact_mean,
                criterion_means=[
                    (criterion, means.get((item_id, criterion_id)))
                    for criterion, criterion_id in criteria.get(item.grid, ())
                ],
                spread=float(spread) if spread is not None else None,
                scorers=scorers,
                withdrawn=[str(conflict.member.user) for conflict in conflicts.get(item_id, ())],
                normalised=normalised_means is not None,
                exact_normalised=exact_normalised,
                normalised_mean=float(exact_normalised) if exact_normalised is not None else None,
            )
        )
    return {kind: order(rows) for kind, rows in groups.items()}


def order(rows):
    """``rows`` (of one kind) best first, with their ranks and ties: unscored rows last, in
    running order, without a rank."""
    # The rounded mean first (integers, in the same order as the exact means): the exact
    # ones, fractions, are compared only between rows equal to the hundredth.
    keyed = sorted(
        ((row.hundredths, row) for row in rows),
        key=lambda pair: (
            pair[0] is None,
            -(pair[0] or 0),
            -(pair[1].ranking_mean or 0),
            pair[1].item.position,
        ),
    )
    rows[:] = [row for _key, row in keyed]
    keys = [key for key, _row in keyed]
    counts = defaultdict(int)
    for key in keys:
        if key is not None:
            counts[key] += 1
    previous, position = None, 0
    for index, (row, key) in enumerate(zip(rows, keys, strict=True), start=1):
        if key is None:
            continue
        if key != previous:
            position, previous = index, key
        row.rank, row.tied = position, counts[key] > 1
    return rows
