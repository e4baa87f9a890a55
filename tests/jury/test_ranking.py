"""The deliberation's ranking on known grids."""

from decimal import Decimal
from fractions import Fraction

import pytest

from jury.models import Score
from jury.ranking import rank
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.jury.reference_ranking import comparable, member_total, reference_rank

pytestmark = pytest.mark.django_db


def score(item, member, criterion, value):
    return Score.objects.create(
        item=item, member=member, criterion=criterion, value=value, scale_max=criterion.scale_max
    )


@pytest.fixture
def grid():
    session = SessionFactory()
    value = CriterionFactory(session=session, name="Valeur", weight=Decimal("2"), scale_max=5)
    feasibility = CriterionFactory(
        session=session, name="Faisabilité", weight=Decimal("1"), scale_max=5
    )
    members = [ConvocationFactory(session=session).member for _ in range(2)]
    return session, value, feasibility, members


def ranked(session):
    """The SQL ranking, once checked equal to the Python reference on the same grid."""
    items = session.items.prefetch_related("scores__criterion", "conflicts__member__user")
    grids = {"selection": list(session.criteria.order_by("position"))}
    ranking = rank(items, grids)
    assert comparable(ranking) == comparable(reference_rank(items, grids))
    return ranking["selection"]


def test_member_total_weighs_each_criterion_and_scales_to_20(grid):
    session, value, feasibility, (member, _other) = grid
    item = SelectionItemFactory(session=session)

    total = member_total([score(item, member, value, 5), score(item, member, feasibility, 0)])

    assert total == Fraction(40, 3)  # (2 * 5/5 + 1 * 0/5) / 3 * 20, exactly


def test_weighted_ranking_on_a_known_grid_gives_the_expected_order(grid):
    session, value, feasibility, (first, second) = grid
    strong_value = SelectionItemFactory(session=session, application__title="Valeur forte")
    strong_feasibility = SelectionItemFactory(session=session, application__title="Faisable")
    for member in (first, second):
        score(strong_value, member, value, 5)
        score(strong_value, member, feasibility, 1)
        score(strong_feasibility, member, value, 2)
        score(strong_feasibility, member, feasibility, 5)

    rows = ranked(session)

    assert [(row.rank, str(row.item.subject), round(row.mean, 2)) for row in rows] == [
        (1, "Valeur forte", 14.67),
        (2, "Faisable", 12.0),
    ]
    assert [row.tied for row in rows] == [False, False]
    assert rows[0].criterion_means[0][1] == 5
    assert (rows[0].scorers, rows[0].spread) == (2, 0)


def test_equal_means_share_a_rank_and_are_flagged(grid):
    session, value, feasibility, (member, _other) = grid
    items = [SelectionItemFactory(session=session) for _ in range(3)]
    for item, marks in zip(items, [(4, 4), (4, 4), (1, 1)], strict=True):
        score(item, member, value, marks[0])
        score(item, member, feasibility, marks[1])

    rows = ranked(session)

    assert [(row.rank, row.tied) for row in rows] == [(1, True), (1, True), (3, False)]


def test_a_withdrawn_members_scores_never_count(grid):
    session, value, _feasibility, (honest, withdrawn) = grid
    item = SelectionItemFactory(session=session)
    score(item, honest, value, 2)
    score(item, withdrawn, value, 5)
    item.conflicts.create(member=withdrawn, declared_by=withdrawn.user)

    (row,) = ranked(session)

    assert (round(row.mean, 2), row.scorers) == (8.0, 1)
    assert row.withdrawn == [str(withdrawn.user)]
