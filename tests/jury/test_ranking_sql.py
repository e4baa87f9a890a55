"""The ranking from the database's aggregates (``jury.ranking``) equals the ranking
computed in Python over every mark (``tests.jury.reference_ranking``): on the known
grids (``test_ranking*.py`` compare both in their ``ranked``) and on 50 random grids,
seeded, with ties, zeros, missing marks, withdrawn members, items off the agenda, both
kinds of item, weights and scales of every sort, raw and normalised averaging."""

import random
from decimal import Decimal

import pytest
from django.db.models import Prefetch
from django.utils import timezone

from jury.enums import Averaging, CriterionGrid
from jury.models import AgendaItem, ConflictOfInterest, Score
from jury.normalisation import normalise
from jury.ranking import criterion_means, item_figures, rank
from jury.views.member import session_normalisation
from tests.jury.factories import (
    CriterionFactory,
    JuryMemberFactory,
    SessionFactory,
)
from tests.jury.reference_ranking import comparable, reference_rank
from tests.projects.factories import ApplicationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

WEIGHTS = ["1", "2", "0.5", "0.29", "0.07", "0.01", "1.33", "3.5", "99.99"]
SCALES = [1, 3, 5, 7, 10, 20]


def random_grid(seed, applications, projects, members):
    """A session built from ``seed``: its criteria, items, marks and withdrawals."""
    draw = random.Random(seed)
    session = SessionFactory(
        averaging=Averaging.NORMALISED if draw.random() < 0.5 else Averaging.RAW
    )
    criteria = {
        grid: [
            CriterionFactory(
                session=session,
                grid=grid,
                weight=Decimal(
                    draw.choice(WEIGHTS)
                    if draw.random() < 0.8
                    else f"{draw.randint(1, 9999) / 100}"
                ),
                scale_max=draw.choice(SCALES) if draw.random() < 0.8 else draw.randint(1, 20),
            )
            for _index in range(draw.randint(low, high))
        ]
        for grid, low, high in ((CriterionGrid.SELECTION, 1, 4), (CriterionGrid.REVIEW, 0, 3))
    }
    subjects = [("selection", application) for application in applications[: draw.randint(0, 7)]]
    subjects += [("review", project) for project in projects[: draw.randint(0, 3)]]
    draw.shuffle(subjects)
    jurors = members[: draw.randint(1, len(members))]
    missing = draw.choice([0, 0.1, 0.5])
    marks, earlier = [], {}
    for position, (kind, subject) in enumerate(subjects, start=1):
        item = AgendaItem.objects.create(
            session=session,
            position=position,
            kind=kind,
            **{"application" if kind == "selection" else "project": subject},
            removed_at=timezone.now() if draw.random() < 0.1 else None,
        )
        grid = criteria[item.grid]
        copied = earlier.get(kind) if draw.random() < 0.3 else None
        for member in jurors:
            for criterion in grid:
                if copied is not None:
                    value = copied.get((member.pk, criterion.pk))
                elif draw.random() < missing:
                    value = None
                else:
                    value = draw.choice(
                        [0, criterion.scale_max, draw.randint(0, criterion.scale_max)]
                    )
                if value is not None:
                    marks.append(
                        Score(
                            item=item,
                            member=member,
                            criterion=criterion,
                            value=value,
                            scale_max=criterion.scale_max,
                        )
                    )
        earlier[kind] = {
            (mark.member.pk, mark.criterion.pk): mark.value for mark in marks if mark.item == item
        }
        for member in draw.sample(jurors, k=min(len(jurors), draw.choice([0, 0, 1, 2]))):
            ConflictOfInterest.objects.create(item=item, member=member, declared_by=member.user)
    Score.objects.bulk_create(marks)
    return session, criteria


def both_rankings(session, criteria):
    """The deliberation page's ranking (items on the agenda), from SQL and from Python."""
    items = (
        AgendaItem.objects.on_agenda()
        .filter(session=session)
        .prefetch_related(
            "conflicts__member__user",
            Prefetch("scores", queryset=Score.objects.select_related("criterion")),
        )
        .order_by("position")
    )
    reference_marks = None
    if session.is_normalised:
        reference_marks = normalise(Score.objects.counted_in(session))
    return (
        comparable(rank(items, criteria, session_normalisation(session))),
        comparable(reference_rank(items, criteria, reference_marks)),
    )


def test_the_sql_ranking_equals_the_python_ranking_on_50_random_grids():
    applications = [ApplicationFactory(shortlisted=True) for _index in range(7)]
    projects = [ProjectFactory() for _index in range(3)]
    members = [JuryMemberFactory() for _index in range(6)]
    tied = scored = 0
    for seed in range(50):
        session, criteria = random_grid(seed, applications, projects, members)

        from_sql, from_python = both_rankings(session, criteria)

        assert from_sql == from_python, f"seed {seed}"
        rows = [row for rows in from_sql.values() for row in rows]
        tied += sum(1 for row in rows if row[2])
        scored += sum(1 for row in rows if row[1] is not None)
    # The grids do reach the cases they are for.
    assert tied > 10
    assert scored > 100


def test_a_session_without_items_ranks_nothing_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert rank([], {}) == {}


def test_figures_of_several_sessions_at_once_are_each_sessions_own():
    # The aggregates are compiled once per number of sessions: the ids read are those
    # asked for, in whatever order, never those of the first call.
    applications = [ApplicationFactory(shortlisted=True) for _index in range(7)]
    projects = [ProjectFactory() for _index in range(3)]
    members = [JuryMemberFactory() for _index in range(6)]
    sessions = [random_grid(seed, applications, projects, members)[0] for seed in (3, 4, 5)]
    alone = {}
    for session in sessions:
        alone |= item_figures({session.pk})
        alone |= {("means", *key): mean for key, mean in criterion_means({session.pk}).items()}

    pairs = [{sessions[1].pk, sessions[0].pk}, {sessions[2].pk, sessions[1].pk}]
    together = [
        item_figures(pair) | {("means", *key): mean for key, mean in criterion_means(pair).items()}
        for pair in pairs
    ]

    assert len(alone) > 20
    session_of = dict(AgendaItem.objects.values_list("pk", "session_id"))
    for pair, figures in zip(pairs, together, strict=True):
        expected = {
            key: value
            for key, value in alone.items()
            if session_of[key[1] if isinstance(key, tuple) else key] in pair
        }
        assert figures == expected
