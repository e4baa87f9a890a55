"""The deliberation's table: each item's weighted mean, per-criterion means, spread,
number of scorers and withdrawals; ranks within each kind of item; ties flagged.

Pure computation over rows already fetched (items with their scores and conflicts
prefetched): no query here, so the page's query count does not grow with the items.
A withdrawn member's scores never count, whatever path they came by.

When the session chose the mean normalised per juror (``jury.normalisation``), each row
carries it beside the raw mean, and it is the one that ranks.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from jury.normalisation import normalised_member_total

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
        return int(mean * 100 + Fraction(1, 2)) if mean is not None else None


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


def rank_item(item, criteria, normalised=None):
    """``item``'s row; ``normalised``: the session's normalised marks
    (``jury.normalisation.normalise``), to give its normalised mean too."""
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
    exact_normalised = None
    if normalised is not None:
        normalised_totals = [
            total
            for scores in by_member.values()
            if (total := normalised_member_total(scores, normalised)) is not None
        ]
        if normalised_totals:
            exact_normalised = sum(normalised_totals) / len(normalised_totals)
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
        normalised=normalised is not None,
        exact_normalised=exact_normalised,
        normalised_mean=float(exact_normalised) if exact_normalised is not None else None,
    )


def rank(items, criteria_by_grid, normalised=None):
    """The items ranked within their kind (selection, review...), best first: by the raw
    weighted mean, or by the mean normalised per juror when ``normalised`` (the session's
    normalised marks) is given.

    Items whose ranking means are equal to the hundredth (half up, as shown) share a rank
    and are flagged as tied.
    """
    groups = defaultdict(list)
    for item in items:
        groups[item.kind].append(rank_item(item, criteria_by_grid.get(item.grid, []), normalised))
    ranked = {}
    for kind, rows in groups.items():
        rows.sort(
            key=lambda row: (row.ranking_mean is None, -(row.ranking_mean or 0), row.item.position)
        )
        counts = defaultdict(int)
        for row in rows:
            if row.ranking_mean is not None:
                counts[row.hundredths] += 1
        previous, position = None, 0
        for index, row in enumerate(rows, start=1):
            if row.ranking_mean is None:
                continue
            key = row.hundredths
            if key != previous:
                position, previous = index, key
            row.rank, row.tied = position, counts[key] > 1
        ranked[kind] = rows
    return ranked
