from decimal import Decimal

import pytest

from editions.enums import Phase
from editions.services import add_default_phases
from programme.models import AuditEntry
from tests.editions.factories import EditionFactory
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_default_phases_fill_only_the_missing_rows_and_say_so_in_the_log():
    edition = EditionFactory(without_phases=True)
    edition.phases.create(phase=Phase.PRE_INCUBATION, months=4, days_per_week=Decimal("1.5"))
    staff = UserFactory(innovation_staff=True)

    created = add_default_phases(edition, actor=staff)

    assert [(row.phase, row.months) for row in created] == [(Phase.EXPERIMENTATION, 6)]
    assert [(s.phase, s.months) for s in edition.phase_settings] == [
        (Phase.PRE_INCUBATION, 4),
        (Phase.EXPERIMENTATION, 6),
    ]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.changes) == (
        "edition.add_default_phases",
        staff,
        {"phases": [["pre_incubation"], ["experimentation", "pre_incubation"]]},
    )


def test_default_phases_of_a_complete_edition_change_nothing():
    edition = EditionFactory()

    assert add_default_phases(edition, actor=None) == []
    assert AuditEntry.objects.count() == 0
    assert edition.phases.count() == 2
