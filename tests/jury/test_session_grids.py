"""A session's grids: the default criteria, or those of the latest earlier session of
its programme that has some, copied in running order."""

from decimal import Decimal

import pytest

from jury.enums import CriterionGrid
from jury.services import add_default_criteria
from programme.models import AuditEntry
from tests.editions.factories import paris
from tests.jury.factories import CriterionFactory, SessionFactory
from tests.programme.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_a_session_without_criteria_gets_both_default_grids():
    session = SessionFactory()

    created = add_default_criteria(session, actor=None)

    rows = list(session.criteria.values_list("grid", "position", "name", "weight", "scale_max"))
    assert len(created) == 8
    assert rows[0] == (CriterionGrid.REVIEW, 1, "Résultats au regard des objectifs", Decimal(2), 5)
    assert rows[3] == (CriterionGrid.SELECTION, 1, "Valeur pour le service public", Decimal(2), 5)
    assert [row[1] for row in rows] == [1, 2, 3, 1, 2, 3, 4, 5]
    assert set(session.criteria.values_list("description", flat=True)) == {""}


def test_a_new_session_starts_from_the_grids_staff_adapted_for_the_last_one(staff):
    last = SessionFactory(starts_at=paris(2022, 3, 15, 14, 0))
    CriterionFactory(
        session=last,
        name="Ancrage territorial",
        description="Le projet sert un territoire précis.",
        weight=Decimal(3),
        scale_max=10,
    )
    CriterionFactory(session=SessionFactory(starts_at=paris(2023, 9, 1, 14, 0)), name="Après")
    session = SessionFactory(programme=last.programme, starts_at=paris(2023, 3, 14, 14, 0))

    add_default_criteria(session, actor=staff)

    rows = list(session.criteria.values_list("name", "description", "weight", "scale_max"))
    assert rows == [("Ancrage territorial", "Le projet sert un territoire précis.", Decimal(3), 10)]
    (entry,) = AuditEntry.objects.filter(action="session.add_default_criteria")
    assert entry.changes["copied_from"] == [None, str(last)]
    assert entry.actor == staff


def test_a_session_with_criteria_keeps_them():
    session = SessionFactory()
    criterion = CriterionFactory(session=session)

    assert add_default_criteria(session, actor=None) == []
    assert list(session.criteria.all()) == [criterion]


def test_a_new_session_copies_the_latest_earlier_session_of_its_programme_with_criteria(staff):
    latest = SessionFactory(starts_at=paris(2022, 9, 1, 14, 0))
    CriterionFactory(session=latest, name="De septembre")
    programme = latest.programme
    older = SessionFactory(programme=programme, starts_at=paris(2022, 3, 15, 14, 0))
    CriterionFactory(session=older, name="De mars")
    SessionFactory(programme=programme, starts_at=paris(2022, 12, 1, 14, 0))  # no criteria
    elsewhere = SessionFactory(
        programme=ProgrammeFactory(slug="autre-programme"), starts_at=paris(2023, 1, 10, 14, 0)
    )
    CriterionFactory(session=elsewhere, name="D'un autre programme")
    session = SessionFactory(programme=programme, starts_at=paris(2023, 3, 14, 14, 0))

    add_default_criteria(session, actor=staff)

    assert list(session.criteria.values_list("name", flat=True)) == ["De septembre"]
    (entry,) = AuditEntry.objects.filter(action="session.add_default_criteria")
    assert entry.changes["copied_from"] == [None, str(latest)]


def test_of_two_earlier_sessions_at_the_same_hour_the_last_created_gives_its_grids(staff):
    first = SessionFactory(starts_at=paris(2022, 9, 1, 14, 0))
    CriterionFactory(session=first, name="De la première")
    second = SessionFactory(programme=first.programme, starts_at=first.starts_at)
    CriterionFactory(session=second, name="De la seconde")
    session = SessionFactory(programme=first.programme, starts_at=paris(2023, 3, 14, 14, 0))

    add_default_criteria(session, actor=staff)

    assert list(session.criteria.values_list("name", flat=True)) == ["De la seconde"]


def test_the_copied_criteria_come_by_grid_then_position_in_the_audit_entry(staff):
    # Created neither in running order nor in the order of their names.
    last = SessionFactory(starts_at=paris(2022, 3, 15, 14, 0))
    for grid, position, name in [
        (CriterionGrid.SELECTION, 2, "Besoin"),
        (CriterionGrid.REVIEW, 1, "Impact"),
        (CriterionGrid.SELECTION, 1, "Valeur"),
        (CriterionGrid.REVIEW, 2, "Coût"),
    ]:
        CriterionFactory(session=last, grid=grid, position=position, name=name)
    session = SessionFactory(programme=last.programme, starts_at=paris(2023, 3, 14, 14, 0))

    created = add_default_criteria(session, actor=staff)

    names = ["Impact", "Coût", "Valeur", "Besoin"]  # the review grid, then the selection's
    assert [criterion.name for criterion in created] == names
    (entry,) = AuditEntry.objects.filter(action="session.add_default_criteria")
    assert entry.changes["criteria"] == [None, names]
