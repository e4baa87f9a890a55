"""The tables staff export: applications, projects and indicator measurements."""

import datetime
from decimal import Decimal

import pytest

from projects.applications.exports import applications_table
from projects.enums import MeasurementStatus
from projects.staff.exports import indicators_table, projects_table
from tests.projects.factories import (
    ApplicationFactory,
    CoachingEntryFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    ProjectFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2023, 6, 1)


def as_dicts(table):
    header, rows = table
    return [dict(zip([str(label) for label in header], row, strict=True)) for row in rows]


def test_applications_table_counts_the_team_by_profile_and_pending_agreements():
    application = ApplicationFactory(
        submitted=True,
        title="Ruches de l'estuaire",
        lead__first_name="Inès",
        lead__last_name="Caron",
    )
    TeamMemberFactory(application=application, student=True)
    TeamMemberFactory(application=application, manager_agreed=False)

    (row,) = as_dicts(applications_table())

    assert row["identifiant"] == application.pk
    assert row["édition"] == application.call.edition.name
    assert row["titre"] == "Ruches de l'estuaire"
    assert row["statut"] == "Déposée"
    assert row["déposée le"] == datetime.datetime(2022, 1, 15, 18, 0)
    assert row["porteur ou porteuse"] == "Inès Caron"
    assert row["e-mail du porteur ou de la porteuse"] == application.created_by.email
    assert (row["membres"], row["agents"], row["étudiants"]) == (3, 2, 1)
    assert row["accords en attente"] == 1
    assert row["pièces jointes"] == 0


def test_applications_table_keeps_only_the_chosen_edition():
    kept = ApplicationFactory(title="Gardée")
    ApplicationFactory(title="Autre édition")

    rows = as_dicts(applications_table(edition=kept.call.edition))

    assert [row["titre"] for row in rows] == ["Gardée"]


def test_projects_table_sums_the_follow_up_of_each_project():
    project = ProjectFactory(experimentation=True, title="Ruches de l'estuaire")
    period = project.periods.open().get()
    CoachingEntryFactory(period=period, duration_hours=Decimal("2.0"))
    CoachingEntryFactory(period=period, duration_hours=Decimal("1.5"))
    MilestoneFactory(period=period, due_on=TODAY - datetime.timedelta(days=1))
    MilestoneFactory(period=period, due_on=TODAY + datetime.timedelta(days=1))
    indicator = ImpactIndicatorFactory(project=project)
    MeasurementFactory(indicator=indicator, validated=True)
    MeasurementFactory(indicator=indicator)
    ProjectFactory(title="Sans suivi")

    rows = {row["projet"]: row for row in as_dicts(projects_table(today=TODAY))}

    followed = rows["Ruches de l'estuaire"]
    assert followed["phase"] == "Expérimentation"
    assert followed["périodes"] == 2
    assert followed["période en cours ou dernière"] == str(period)
    assert followed["fin prévue"] == period.planned_end
    assert followed["séances d'accompagnement"] == 2
    assert followed["heures d'accompagnement"] == Decimal("3.5")
    assert followed["jalons en retard"] == 1
    assert (followed["indicateurs"], followed["mesures validées"]) == (1, 1)
    assert followed["mesures à valider"] == 1
    empty = rows["Sans suivi"]
    assert (empty["séances d'accompagnement"], empty["heures d'accompagnement"]) == (0, 0)


def test_indicators_table_has_one_row_per_measurement_with_its_indicator_and_reviewer():
    indicator = ImpactIndicatorFactory(name="Ménages repérés", baseline=Decimal("5"))
    validated = MeasurementFactory(
        indicator=indicator, validated=True, measured_on=datetime.date(2022, 6, 1)
    )
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2022, 7, 1))

    first, second = as_dicts(indicators_table())

    assert first["indicateur"] == "Ménages repérés"
    assert first["projet"] == indicator.project.title
    assert first["édition"] == indicator.project.edition.name
    assert (first["valeur de départ"], first["cible"]) == (Decimal("5.00"), Decimal("100.00"))
    assert first["unité"] == "ménages"
    assert first["date de la mesure"] == datetime.date(2022, 6, 1)
    assert first["valeur"] == Decimal("42.00")
    assert first["état"] == MeasurementStatus.VALIDATED.label
    assert first["vérifiée par"] == str(validated.reviewed_by)
    assert (second["état"], second["vérifiée par"]) == ("À valider", "")


def test_indicators_table_keeps_only_the_chosen_edition():
    kept = MeasurementFactory(source="Gardée")
    MeasurementFactory(source="Autre édition")

    rows = as_dicts(indicators_table(edition=kept.indicator.project.edition))

    assert [row["source"] for row in rows] == ["Gardée"]
