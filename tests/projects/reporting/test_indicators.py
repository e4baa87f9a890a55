"""Impact indicators and their measurements, from the follow-up pages."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Measurement
from tests.projects.factories import (
    MeasurementFactory,
)
from tests.projects.reporting.helpers import url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("keeper", ["team", "coach"])
def test_team_and_coach_add_an_indicator_recorded_as_theirs(client, project, keeper):
    user = project.application.created_by if keeper == "team" else project.coach
    client.force_login(user)

    response = client.post(
        url("indicator_add", project),
        {
            "name": "Ménages repérés",
            "unit": "ménages",
            "baseline": "0",
            "target": "120",
            "method": "Registre partagé.",
            "position": "1",
            "is_published": "on",
        },
    )

    indicator = project.indicators.get()
    assert response.headers["Location"] == url("indicator_edit", project, indicator.pk)
    assert (indicator.name, indicator.target, indicator.created_by) == (
        "Ménages repérés",
        Decimal("120"),
        user,
    )
    assert indicator.is_published is False


def test_a_second_click_on_adding_an_indicator_does_not_duplicate_it(team, project):
    data = {"name": "Ruches suivies", "position": "1"}

    team.post(url("indicator_add", project), data)
    response = team.post(url("indicator_add", project), data, follow=True)

    assert project.indicators.count() == 1
    assert "Cet indicateur existe déjà." in response.content.decode()


def test_indicator_without_a_name_is_refused_in_french_and_keeps_the_text(team, project):
    response = team.post(
        url("indicator_add", project), {"name": "", "method": "Comptage mensuel.", "position": "1"}
    )

    content = response.content.decode()
    assert "Ce champ est obligatoire." in content
    assert "Comptage mensuel." in content
    assert not project.indicators.exists()


def test_indicator_page_shows_its_measurements_and_that_validated_ones_go_public(
    team, project, indicator
):
    MeasurementFactory(indicator=indicator, value=Decimal("12"), source="Carnet du rucher.")
    MeasurementFactory(indicator=indicator, rejected=True)

    content = team.get(url("indicator_edit", project, indicator.pk)).content.decode()

    assert "Carnet du rucher." in content
    assert "À valider" in content and "Refusée" in content and "Source absente." in content
    assert "Les mesures validées d'un indicateur publié sont publiques" in content
    assert 'name="is_published"' not in content


def test_editing_an_indicator_keeps_its_author(client, project, indicator):
    client.force_login(project.coach)

    client.post(
        url("indicator_edit", project, indicator.pk), {"name": "Ruches vivantes", "position": "2"}
    )

    indicator.refresh_from_db()
    assert (indicator.name, indicator.position) == ("Ruches vivantes", 2)
    assert indicator.created_by == project.application.created_by


def test_indicator_page_query_count_stays_flat_as_measurements_grow(team, project, indicator):
    MeasurementFactory(indicator=indicator)
    with CaptureQueriesContext(connection) as small:
        team.get(url("indicator_edit", project, indicator.pk))
    for day in range(2, 11):
        MeasurementFactory(indicator=indicator, measured_on=datetime.date(2022, 5, day))

    with CaptureQueriesContext(connection) as large:
        team.get(url("indicator_edit", project, indicator.pk))

    assert len(large) == len(small)


def test_a_measurement_is_saved_as_proposed_with_who_entered_it(client, project, indicator):
    client.force_login(project.coach)

    response = client.post(
        url("measurement_add", project, indicator.pk),
        {"measured_on": "2022-05-31", "value": "18", "source": "Relevé des apiculteurs."},
        follow=True,
    )

    measurement = indicator.measurements.get()
    assert (measurement.status, measurement.entered_by) == ("proposed", project.coach)
    assert (measurement.value, measurement.source) == (Decimal("18"), "Relevé des apiculteurs.")
    assert "L&#x27;équipe innovation la vérifiera avant qu&#x27;elle puisse être publiée." in (
        response.content.decode()
    )


def test_a_second_click_on_a_measurement_does_not_duplicate_it(team, project, indicator):
    data = {"measured_on": "2022-05-31", "value": "18", "source": "Relevé."}

    team.post(url("measurement_add", project, indicator.pk), data)
    team.post(url("measurement_add", project, indicator.pk), data)

    assert indicator.measurements.count() == 1


@pytest.mark.parametrize(
    ("data", "message", "kept"),
    [
        (
            {"measured_on": "2099-01-01", "value": "18", "source": "Relevé à garder."},
            "Une mesure ne peut pas être datée dans le futur.",
            "Relevé à garder.",
        ),
        (
            {"measured_on": "2022-05-31", "value": "18.5", "source": ""},
            "Ce champ est obligatoire.",
            'value="18.5"',
        ),
    ],
)
def test_a_bad_measurement_is_refused_in_french_and_keeps_what_was_typed(
    team, project, indicator, data, message, kept
):
    response = team.post(url("measurement_add", project, indicator.pk), data)

    content = response.content.decode()
    assert message in content
    assert kept in content
    assert not Measurement.objects.exists()
