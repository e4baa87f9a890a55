"""The deliberation's table: each item's weighted mean, per-criterion means, spread,
number of scorers and withdrawals; ranks within each kind of item; ties flagged.

Pure computation over rows already fetched (items with their scores and conflicts
prefetched): no query here, so the page's query count does not grow with the items.
A withdrawn member's scores never count, whatever path they came by.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

TOTAL = 20  # means are shown out of 20


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

    @property
    def hundredths(self):
        """The exact mean to the hundredth, half up (as it is shown): the tie key."""
        return int(self.exact_mean * 100 + Fraction(1, 2)) if self.exact_mean is not None else None


def member_total(scores):
    """One member's weighted mark out of 20 over the criteria they scored, exactly."""
    weights = sum(Fraction(score.criterion.weight) for score in scores)
    if not weights:
        return None
    earned = sum(
        Fraction(score.criterion.weight) * Fraction(score.value, score.scale_max)
        for score in scores
    )
    return earned / weights * TOTAL


def rank_item(item, criteria):
    withdrawn = {conflict.member_id for conflict in item.conflicts.all()}
    by_member = defaultdict(list)
    by_criterion = defaultdict(list)
    for score in item.scores.all():
        if score.member_id in withdrawn:
            continue
        by_member[score.member_id].append(score)
        by_criterion[score.criterion_id].append(score.value)
    totals = [total for scores in by_member.values() if (total := member_total(scores)) is not None]
    exact_mean = sum(totals) / len(totals) if totals else None
    return RankedItem(
        item=item,
        mean=float(exact_mean) if exact_mean is not None else None,
        exact_mean=exact_mean,
        criterion_means=[
            (
                criterion,
                sum(by_criterion[criterion.pk]) / len(by_criterion[criterion.pk])
                if by_criterion[criterion.pk]
                else None,
            )
            for criterion in criteria
        ],
        spread=float(max(totals) - min(totals)) if totals else None,
        scorers=len(totals),
        withdrawn=[str(conflict.member.user) for conflict in item.conflicts.all()],
    )


def rank(items, criteria_by_grid):
    """The items ranked within their kind (selection, review...), best first.

    Items whose means are equal to the hundredth (half up, as shown) share a rank and are
    flagged as tied.
    """
    groups = defaultdict(list)
    for item in items:
        groups[item.kind].append(rank_item(item, criteria_by_grid.get(item.grid, [])))
    ranked = {}
    for kind, rows in groups.items():
        rows.sort(key=lambda row: (row.mean is None, -(row.exact_mean or 0), row.item.position))
        counts = defaultdict(int)
        for row in rows:
            if row.mean is not None:
                counts[row.hundredths] += 1
        previous, position = None, 0
        for index, row in enumerate(rows, start=1):
            if row.mean is None:
                continue
            key = row.hundredths
            if key != previous:
                position, previous = index, key
            row.rank, row.tied = position, counts[key] > 1
        ranked[kind] = rows
    return ranked
