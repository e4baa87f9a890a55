"""The ranking computed in Python over every mark, as it was before it moved to the
database (``jury.ranking``): the reference the SQL ranking must equal, mark for mark.

``items`` carry their scores (with their criteria) and conflicts prefetched;
``normalised``: the session's normalised marks (``jury.normalisation.normalise``).
"""

from collections import defaultdict
from fractions import Fraction

from jury.normalisation import normalised_member_total
from jury.ranking import TOTAL, RankedItem, order


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
    withdrawn = {conflict.member_id for conflict in item.conflicts.all()}
    by_member = defaultdict(list)
    by_criterion = defaultdict(list)
    for score in item.scores.all():
        if score.member_id in withdrawn:
            continue
        score.weight = score.criterion.weight
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


def reference_rank(items, criteria_by_grid, normalised=None):
    groups = defaultdict(list)
    for item in items:
        groups[item.kind].append(rank_item(item, criteria_by_grid.get(item.grid, []), normalised))
    return {kind: order(rows) for kind, rows in groups.items()}


def comparable(ranking):
    """What the table shows and ranks by, per kind, in order: to compare two rankings."""
    return {
        kind: [
            (
                row.item.pk,
                row.rank,
                row.tied,
                row.exact_mean,
                row.mean,
                row.spread,
                row.scorers,
                [(criterion.pk, mean) for criterion, mean in row.criterion_means],
                row.withdrawn,
                row.exact_normalised,
                row.normalised_mean,
            )
            for row in rows
        ]
        for kind, rows in ranking.items()
    }
