"""The ranking's edges: unscored items, marks of 0, ties to the hundredth, withdrawals."""

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import timezone

from jury.enums import CriterionGrid
from jury.ranking import COMMON_SCALE, RankedItem, agenda_withdrawals, rank, withdrawals
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    ScoreFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.jury.reference_ranking import comparable, reference_rank

pytestmark = pytest.mark.django_db


def ranked(session, criteria_by_grid=None):
    items = session.items.prefetch_related("scores__criterion", "conflicts__member__user")
    if criteria_by_grid is None:
        criteria_by_grid = {CriterionGrid.SELECTION: list(session.criteria.order_by("position"))}
    ranking = rank(items, criteria_by_grid)
    # The SQL ranking equals the Python reference on each of these grids.
    assert comparable(ranking) == comparable(reference_rank(items, criteria_by_grid))
    return ranking["selection"]


@pytest.fixture
def session():
    return SessionFactory()


@pytest.fixture
def out_of_20(session):
    """One criterion marked out of 20, so that a member's mark is their total."""
    return CriterionFactory(session=session, name="Valeur", scale_max=20)


def members(session, count):
    return [ConvocationFactory(session=session).member for _index in range(count)]


def marked(session, criterion, marks, **item_fields):
    """An item each of ``len(marks)`` members marked on ``criterion``."""
    item = SelectionItemFactory(session=session, **item_fields)
    for member, value in zip(members(session, len(marks)), marks, strict=True):
        ScoreFactory(item=item, member=member, criterion=criterion, value=value)
    return item


def test_unscored_items_come_last_in_running_order_without_a_rank(session, out_of_20):
    first = SelectionItemFactory(session=session)
    scored = marked(session, out_of_20, [12])
    third = SelectionItemFactory(session=session)

    rows = ranked(session)

    assert [row.item for row in rows] == [scored, first, third]
    assert [(row.rank, row.tied) for row in rows] == [(1, False), (None, False), (None, False)]
    assert [(row.mean, row.spread, row.scorers) for row in rows[1:]] == [(None, None, 0)] * 2
    assert rows[1].criterion_means == [(out_of_20, None)]


def test_a_higher_mean_ranks_first_whatever_the_running_order(session, out_of_20):
    weaker = marked(session, out_of_20, [8])
    stronger = marked(session, out_of_20, [15])

    rows = ranked(session)

    assert [(row.item, row.rank, row.mean) for row in rows] == [
        (stronger, 1, 15.0),
        (weaker, 2, 8.0),
    ]


def test_a_mark_of_zero_counts_and_ranks_below_any_positive_mean(session, out_of_20):
    zero = marked(session, out_of_20, [0, 0])
    one = marked(session, out_of_20, [1, 1])

    rows = ranked(session)

    assert [(row.item, row.rank, row.mean, row.scorers) for row in rows] == [
        (one, 1, 1.0, 2),
        (zero, 2, 0.0, 2),
    ]
    assert rows[1].criterion_means == [(out_of_20, 0.0)]


def score_with_details(session, criterion, value, details):
    """Three members mark each item ``value`` on ``criterion`` and, on a criterion
    weighing 0.01 out of 20, the item's ``details`` (one mark per member)."""
    light = CriterionFactory(session=session, name="Détail", weight=Decimal("0.01"), scale_max=20)
    for item, marks in details.items():
        for member, detail in zip(members(session, 3), marks, strict=True):
            ScoreFactory(item=item, member=member, criterion=criterion, value=value)
            ScoreFactory(item=item, member=member, criterion=light, value=detail)


def test_unequal_means_equal_to_the_hundredth_share_a_rank(session, out_of_20):
    # A criterion weighing 0.01 moves a member's total by less than a hundredth.
    lower, higher = SelectionItemFactory(session=session), SelectionItemFactory(session=session)
    score_with_details(session, out_of_20, 10, {lower: [0, 0, 0], higher: [0, 0, 1]})

    rows = ranked(session)

    assert [row.item for row in rows] == [higher, lower]
    assert [round(row.mean, 4) for row in rows] == [9.9043, 9.901]
    assert [(row.rank, row.tied) for row in rows] == [(1, True), (1, True)]


def test_means_apart_by_less_than_one_point_are_not_tied(session, out_of_20):
    twelve = marked(session, out_of_20, [12, 12])
    twelve_and_a_half = marked(session, out_of_20, [12, 13])

    rows = ranked(session)

    assert [(row.item, row.mean, row.rank, row.tied) for row in rows] == [
        (twelve_and_a_half, 12.5, 1, False),
        (twelve, 12.0, 2, False),
    ]


def test_a_withdrawn_members_score_never_counts_even_read_first(session, out_of_20):
    withdrawn, honest = members(session, 2)
    item = SelectionItemFactory(session=session)
    # Scores are read member by member: the withdrawn member's comes first.
    ScoreFactory(item=item, member=withdrawn, criterion=out_of_20, value=20)
    ScoreFactory(item=item, member=honest, criterion=out_of_20, value=6)
    item.conflicts.create(member=withdrawn, declared_by=withdrawn.user)

    (row,) = ranked(session)

    assert (row.mean, row.scorers, row.spread) == (6.0, 1, 0.0)
    assert row.criterion_means == [(out_of_20, 6.0)]


def test_an_item_whose_grid_has_no_criteria_listed_is_still_ranked(session, out_of_20):
    item = marked(session, out_of_20, [14])

    (row,) = ranked(session, criteria_by_grid={})

    assert (row.item, row.mean, row.rank, row.criterion_means) == (item, 14.0, 1, [])


def test_means_equal_in_fact_share_a_rank_despite_float_arithmetic(session, out_of_20):
    second = CriterionFactory(session=session, name="Détail", weight=Decimal("0.6"), scale_max=20)
    member = members(session, 1)[0]
    first_item = SelectionItemFactory(session=session)
    second_item = SelectionItemFactory(session=session)
    # (2 + 0.6 * 17) / 1.6 = (8 + 0.6 * 7) / 1.6 = 7.625
    for item, marks in ((first_item, (2, 17)), (second_item, (8, 7))):
        ScoreFactory(item=item, member=member, criterion=out_of_20, value=marks[0])
        ScoreFactory(item=item, member=member, criterion=second, value=marks[1])

    rows = ranked(session)

    assert [(row.item, row.rank, row.tied) for row in rows] == [
        (first_item, 1, True),
        (second_item, 1, True),
    ]


def test_tie_key_equals_the_fraction_rounded_half_up_on_a_seeded_grid():
    """``RankedItem.hundredths`` counts in integers what ``int(mean * 100 + 1/2)`` gives."""
    generator = random.Random(18)
    means = [Fraction(n, 200) for n in range(-5, 6)]
    for _ in range(2000):
        denominator = COMMON_SCALE * generator.randint(1, 999)
        means.append(Fraction(generator.randint(-(10**12), 20 * 10**12), denominator))
    for mean in means:
        row = RankedItem(item=None, mean=float(mean), exact_mean=mean)
        assert row.hundredths == int(mean * 100 + Fraction(1, 2))
    assert RankedItem(item=None, mean=None).hundredths is None


def test_members_who_scored_different_criteria_each_count_on_their_own_weights(session):
    value = CriterionFactory(session=session, name="Valeur", weight=Decimal("2"), scale_max=5)
    feasibility = CriterionFactory(
        session=session, name="Faisabilité", weight=Decimal("1"), scale_max=5
    )
    item = SelectionItemFactory(session=session)
    both, best, partial, lowest = members(session, 4)
    # Two members score both criteria (weights 3), two only the first (weights 2).
    for member, marks in ((both, (5, 2)), (best, (5, 5)), (partial, (3,)), (lowest, (1,))):
        for criterion, mark in zip((value, feasibility), marks, strict=False):
            ScoreFactory(item=item, member=member, criterion=criterion, value=mark)

    (row,) = ranked(session)

    # Out of 20: (2 + 0.4) / 3, 3 / 3, 1.2 / 2 and 0.4 / 2; their mean, the spread 20 - 4.
    assert (row.exact_mean, row.spread, row.scorers) == (13, 16.0, 4)
    assert row.criterion_means == [(value, 3.5), (feasibility, 3.5)]


def test_a_member_withdrawn_from_another_item_still_counts_on_this_one(session, out_of_20):
    member, colleague = members(session, 2)
    scored = SelectionItemFactory(session=session)
    left = SelectionItemFactory(session=session)
    ScoreFactory(item=scored, member=member, criterion=out_of_20, value=16)
    ScoreFactory(item=scored, member=colleague, criterion=out_of_20, value=10)
    left.conflicts.create(member=member, declared_by=member.user)

    rows = ranked(session)

    assert [(row.item, row.mean, row.scorers, row.withdrawn) for row in rows] == [
        (scored, 13.0, 2, []),
        (left, None, 0, [str(member.user)]),
    ]


def test_an_item_scored_zero_ranks_ahead_of_an_unscored_one_before_it(session, out_of_20):
    unscored = SelectionItemFactory(session=session)
    zero = marked(session, out_of_20, [0])

    rows = ranked(session)

    assert [(row.item, row.rank, row.mean) for row in rows] == [
        (zero, 1, 0.0),
        (unscored, None, None),
    ]


def test_a_mean_just_above_zero_comes_before_a_zero_tied_with_it_to_the_hundredth(session):
    out_of_20 = CriterionFactory(session=session, name="Valeur", scale_max=20)
    zero, above = SelectionItemFactory(session=session), SelectionItemFactory(session=session)
    score_with_details(session, out_of_20, 0, {zero: [0, 0, 0], above: [1, 0, 0]})

    rows = ranked(session)

    # 0.01 / 20 / 1.01 * 20 / 3: about 0.0033, which shows as 0.00.
    assert [(row.item, row.exact_mean) for row in rows] == [
        (above, Fraction(1, 303)),
        (zero, 0),
    ]
    assert [(row.rank, row.tied) for row in rows] == [(1, True), (1, True)]


def test_the_normalised_mean_ranks_when_given_and_is_carried_beside_the_raw_one(session, out_of_20):
    raw_first = marked(session, out_of_20, [15])
    normalised_first = marked(session, out_of_20, [10])
    not_normalised = marked(session, out_of_20, [18])
    means = {raw_first.pk: Fraction(-1, 2), normalised_first.pk: Fraction(3, 4)}

    ranking = rank(
        session.items.all(), {CriterionGrid.SELECTION: [out_of_20]}, normalised_means=means
    )

    rows = [
        (row.item, row.mean, row.normalised, row.exact_normalised, row.normalised_mean, row.rank)
        for row in ranking["selection"]
    ]
    assert rows == [
        (normalised_first, 10.0, True, Fraction(3, 4), 0.75, 1),
        (raw_first, 15.0, True, Fraction(-1, 2), -0.5, 2),
        (not_normalised, 18.0, True, None, None, None),
    ]


def test_without_normalised_means_the_rows_carry_none(session, out_of_20):
    item = marked(session, out_of_20, [15])

    (row,) = ranked(session)

    assert (row.item, row.normalised, row.exact_normalised, row.normalised_mean) == (
        item,
        False,
        None,
        None,
    )


def test_no_items_rank_nothing_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert rank([], {}) == {}


def test_withdrawals_are_read_with_their_members_names_in_one_query(
    session, django_assert_num_queries
):
    first, second = SelectionItemFactory(session=session), SelectionItemFactory(session=session)
    left, right = members(session, 2)
    for item, member in ((first, left), (first, right), (second, right)):
        item.conflicts.create(member=member, declared_by=member.user)

    with django_assert_num_queries(1):
        names = {
            item_id: [str(conflict.member.user) for conflict in conflicts]
            for item_id, conflicts in withdrawals([first.pk, second.pk]).items()
        }

    assert names == {
        first.pk: [str(left.user), str(right.user)],
        second.pk: [str(right.user)],
    }


def test_the_agendas_withdrawals_leave_out_removed_items_and_other_sessions(
    session, django_assert_num_queries
):
    kept, removed = SelectionItemFactory(session=session), SelectionItemFactory(session=session)
    removed.removed_at = timezone.now()
    removed.save()
    elsewhere = SelectionItemFactory(session=SessionFactory())
    member = members(session, 1)[0]
    for item in (kept, removed, elsewhere):
        item.conflicts.create(member=member, declared_by=member.user)

    with django_assert_num_queries(1):
        names = {
            item_id: [str(conflict.member.user) for conflict in conflicts]
            for item_id, conflicts in agenda_withdrawals(session).items()
        }

    assert names == {kept.pk: [str(member.user)]}
