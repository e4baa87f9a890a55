"""The mean normalised per juror, so that harsh and lenient jurors weigh the same.

Each member's marks over the session (the marks that count: items on the agenda, never
those of an item the member withdrew from) are put on one scale, each mark out of 20
(``value / scale_max * 20``: marks of criteria on different scales compare), then
standardised over that member's marks: ``z = (mark - member's mean) / member's standard
deviation`` (population). The z-score is rescaled to /20 with the mean ``mean`` and the
standard deviation ``sd`` of all the session's marks (every member): ``mean + z * sd``,
bounded to 0 and 20. A harsh member's marks are raised, a lenient one's lowered, and
the session keeps its level and its spread.

Degenerate cases: a member with a single mark, or whose marks are all identical, has a
standard deviation of 0 — nothing tells their severity from their judgement — so each
of their marks counts as the session's mean (z = 0). With no marks at all, there
is nothing to normalise.

An item's normalised mean is then computed as the raw one (``jury.ranking``): each
member's weighted mean of their normalised marks on the item, averaged over members.

Pure computation over plain rows (``item_id``, ``member_id``, ``criterion_id``, ``value``,
``scale_max``, ``weight``: the caller reads them in one query, as tuples, not model
objects): exact (``Fraction``) wherever the square roots are exact, no query. Each mark
is standardised on its member's marks over the whole session and then bounded to 0 and
20, which no SQL aggregate expresses exactly: this one stays in Python.
"""

import math
from collections import defaultdict
from fractions import Fraction

TOTAL = 20


def mark_key(score):
    """What identifies one mark: its item, its member, its criterion."""
    return (score.item_id, score.member_id, score.criterion_id)


def on_twenty(score):
    return Fraction(score.value, score.scale_max) * TOTAL


def normalise(scores):
    """``{mark_key: normalised mark out of 20}`` for ``scores`` (those that count: the
    caller leaves out the withdrawn members' marks and the items off the agenda)."""
    scores = list(scores)
    if not scores:
        return {}
    marks = {mark_key(score): on_twenty(score) for score in scores}
    mean, deviation = _mean_and_deviation(list(marks.values()))
    by_member = defaultdict(list)
    for key, mark in marks.items():
        by_member[key[1]].append(mark)
    stats = {member: _mean_and_deviation(values) for member, values in by_member.items()}
    normalised = {}
    for key, mark in marks.items():
        member_mean, member_deviation = stats[key[1]]
        z = (mark - member_mean) / member_deviation if member_deviation else Fraction(0)
        normalised[key] = min(max(mean + z * deviation, Fraction(0)), Fraction(TOTAL))
    return normalised


def normalised_member_total(scores, normalised):
    """One member's weighted mean out of 20 of their normalised marks on one item
    (``score.weight``: their criterion's)."""
    weights = sum(Fraction(score.weight) for score in scores)
    if not weights:
        return None
    return sum(Fraction(score.weight) * normalised[mark_key(score)] for score in scores) / weights


def normalised_item_means(scores):
    """``{item_id: the item's exact normalised mean}`` over ``scores`` (those that count
    in the session)."""
    scores = list(scores)
    normalised = normalise(scores)
    by_member = defaultdict(list)
    for score in scores:
        by_member[score.item_id, score.member_id].append(score)
    totals = defaultdict(list)
    for (item_id, _member_id), marks in by_member.items():
        total = normalised_member_total(marks, normalised)
        if total is not None:
            totals[item_id].append(total)
    return {item_id: sum(values) / len(values) for item_id, values in totals.items()}


def _mean_and_deviation(values):
    mean = sum(values) / len(values)
    variance = sum((value - mean) ** 2 for value in values) / len(values)
    return mean, _sqrt(variance)


def _sqrt(fraction):
    """The square root of ``fraction``: exact when both its terms are squares."""
    numerator, denominator = fraction.numerator, fraction.denominator
    root_n, root_d = math.isqrt(numerator), math.isqrt(denominator)
    if root_n * root_n == numerator and root_d * root_d == denominator:
        return Fraction(root_n, root_d)
    return Fraction(math.sqrt(fraction))
