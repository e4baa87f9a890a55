"""The follow-up migration keeps what the first indicator and resource fields held."""

import datetime
from decimal import Decimal

import pytest

from tests.editions.factories import CallFactory
from tests.migrating import migrate, migrate_to_latest
from tests.programme.factories import UserFactory

BEFORE = [("projects", "0003_public_results")]
AFTER = [("projects", "0004_follow_up")]


@pytest.mark.django_db(transaction=True)
def test_follow_up_migration_turns_values_into_measurements_and_budgets_into_resources():
    old = migrate(BEFORE)
    # The other apps are not rolled back: their current factories fit.
    user, call = UserFactory(), CallFactory()
    application = old.get_model("projects", "Application").objects.create(
        call_id=call.pk,
        title="Carbolocal",
        status="selected",
        submitted_at=call.closes_at,
        created_by_id=user.pk,
    )
    project = old.get_model("projects", "Project").objects.create(
        application=application,
        title="Carbolocal",
        slug="carbolocal",
        phase="experimentation",
        phase_since=datetime.date(2021, 9, 15),
    )
    old.get_model("projects", "PhasePeriod").objects.create(
        project=project,
        sequence=2,
        phase="experimentation",
        planned_start=datetime.date(2021, 9, 15),
        planned_end=datetime.date(2022, 3, 15),
        budget_granted=Decimal("12000"),
        resources_granted="Un poste de chargé de mission",
    )
    old.get_model("projects", "ImpactIndicator").objects.create(
        project=project,
        name="Ménages accompagnés",
        value=Decimal("48"),
        unit="ménages",
        measured_on=datetime.date(2022, 3, 1),
        description="Registre du CCAS",
        is_published=True,
    )

    new = migrate(AFTER)

    indicator = new.get_model("projects", "ImpactIndicator").objects.get()
    measurement = new.get_model("projects", "Measurement").objects.get()
    resources = new.get_model("projects", "Resource").objects.order_by("kind")
    assert indicator.method == "Registre du CCAS"
    assert (measurement.value, measurement.measured_on, measurement.status) == (
        Decimal("48"),
        datetime.date(2022, 3, 1),
        "validated",
    )
    assert [(r.kind, r.amount_granted, r.label) for r in resources] == [
        ("budget", Decimal("12000"), "Budget"),
        ("other", None, "Un poste de chargé de mission"),
    ]
    migrate_to_latest()
