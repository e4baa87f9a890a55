"""The phase settings migration carries each edition's columns over into its rows."""

from decimal import Decimal

import pytest

from tests.migrating import migrate, migrate_to_latest
from tests.programme.factories import ProgrammeFactory

BEFORE = [("editions", "0001_initial")]
AFTER = [("editions", "0002_phase_settings_as_rows")]


def rows(apps):
    return sorted(
        (row.edition.slug, row.phase, row.months, row.days_per_week, row.place)
        for row in apps.get_model("editions", "EditionPhase").objects.select_related("edition")
    )


@pytest.mark.django_db(transaction=True)
def test_phase_settings_migration_copies_the_columns_into_rows_and_back():
    old = migrate(BEFORE)
    # The programme app is not rolled back: its current factory fits.
    programme = ProgrammeFactory()
    Edition = old.get_model("editions", "Edition")
    Edition.objects.create(
        programme_id=programme.pk, number=1, name="Saison 1", year=2021, slug="saison-1"
    )
    Edition.objects.create(
        programme_id=programme.pk,
        number=2,
        name="Saison 2",
        year=2022,
        slug="saison-2",
        preincubation_months=4,
        preincubation_days_per_week=Decimal("1.5"),
        preincubation_place="Cité numérique",
        experimentation_months=9,
        experimentation_days_per_week=Decimal("2.5"),
    )

    new = migrate(AFTER)

    assert rows(new) == [
        ("saison-1", "experimentation", 6, Decimal("2.0"), ""),
        ("saison-1", "pre_incubation", 3, Decimal("1.0"), ""),
        ("saison-2", "experimentation", 9, Decimal("2.5"), ""),
        ("saison-2", "pre_incubation", 4, Decimal("1.5"), "Cité numérique"),
    ]
    new.get_model("editions", "EditionPhase").objects.filter(
        edition__slug="saison-1", phase="experimentation"
    ).update(months=12)

    back = migrate(BEFORE)

    columns = [
        "slug",
        "preincubation_months",
        "preincubation_days_per_week",
        "preincubation_place",
        "experimentation_months",
        "experimentation_days_per_week",
    ]
    assert list(
        back.get_model("editions", "Edition").objects.order_by("number").values_list(*columns)
    ) == [
        ("saison-1", 3, Decimal("1.0"), "", 12, Decimal("2.0")),
        ("saison-2", 4, Decimal("1.5"), "Cité numérique", 9, Decimal("2.5")),
    ]
    migrate_to_latest()
