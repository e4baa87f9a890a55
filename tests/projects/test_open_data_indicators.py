"""Open data: the measurements of impact indicators, as CSV and JSON with their Table
Schema. Only what a laureate's page shows: validated measurements of published
indicators of public projects."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from projects.laureates.services.follow_up import review_measurement
from projects.public.open_data import utc_stamp
from projects.public.open_data_indicators import INDICATORS
from tests.programme.factories import ProgrammeFactory, UserFactory
from tests.projects.factories import (
    ImpactIndicatorFactory,
    MeasurementFactory,
    ProjectFactory,
    validated_measurements,
)
from tests.projects.test_open_data import assert_valid, read_csv, read_json

pytestmark = pytest.mark.django_db

INDICATOR_FILES = [
    "/donnees/indicateurs.csv",
    "/donnees/indicateurs.json",
    "/donnees/indicateurs.schema.json",
]
# What a laureate's page does not show, so neither may the files.
HIDDEN_SOURCES = (
    "Source proposée",
    "Source refusée",
    "Source d'un indicateur non publié",
    "Source d'un projet non publié",
)
HIDDEN_TEXTS = (
    *HIDDEN_SOURCES,
    "Indicateur non publié",
    "Indicateur d'un projet non publié",
    "Projet non publié",
    "4242",
    "5353",
    "6464",
)


@pytest.fixture
def measurements():
    """Two validated measurements of a public project's published indicator, and next
    to them every measurement the public must not see."""
    ProgrammeFactory(authority_name="Le Havre Seine Métropole")
    project = ProjectFactory(application__title="Ruches de l'estuaire")
    hives = ImpactIndicatorFactory(
        project=project,
        name="Ruches installées",
        unit="ruches",
        baseline=Decimal("2.00"),
        target=Decimal("12.50"),
        method="Comptage par les apiculteurs.",
    )
    first, _second = validated_measurements(
        hives,
        (datetime.date(2022, 6, 1), Decimal("7.00"), "Relevé des apiculteurs"),
        (datetime.date(2022, 9, 1), Decimal("9.50"), '=HYPERLINK("http://piege")'),
    )
    MeasurementFactory(indicator=hives, value=Decimal("4242"), source="Source proposée")
    MeasurementFactory(
        indicator=hives, value=Decimal("5353"), source="Source refusée", rejected=True
    )
    unpublished = ImpactIndicatorFactory(
        project=project, name="Indicateur non publié", is_published=False
    )
    MeasurementFactory(
        indicator=unpublished,
        value=Decimal("6464"),
        source="Source d'un indicateur non publié",
        validated=True,
    )
    hidden = ProjectFactory(application__title="Projet non publié", is_published=False)
    MeasurementFactory(
        indicator__project=hidden,
        indicator__name="Indicateur d'un projet non publié",
        source="Source d'un projet non publié",
        validated=True,
    )
    return project, first


def test_indicator_files_hold_one_valid_record_per_public_measurement(client, measurements):
    project, _first = measurements
    schema = json.loads(client.get("/donnees/indicateurs.schema.json").content)

    rows = read_csv(client, "/donnees/indicateurs.csv")
    data = read_json(client, "/donnees/indicateurs.json")

    assert [field["name"] for field in schema["fields"]] == INDICATORS.field_names
    assert list(rows[0]) == INDICATORS.field_names
    assert [(row["projet_identifiant"], row["date_mesure"]) for row in rows] == [
        (project.slug, "2022-06-01"),
        (project.slug, "2022-09-01"),
    ]
    assert [record["date_mesure"] for record in data["mesures"]] == ["2022-06-01", "2022-09-01"]
    for record in [*rows, *data["mesures"]]:
        assert_valid(record, schema)


def test_indicator_record_gives_the_indicator_and_the_measurement(client, measurements):
    project, first = measurements

    record = read_json(client, "/donnees/indicateurs.json")["mesures"][0]
    row = read_csv(client, "/donnees/indicateurs.csv")[0]

    assert record == {
        "projet_identifiant": project.slug,
        "projet_titre": "Ruches de l'estuaire",
        "edition": project.application.call.edition.name,
        "edition_annee": project.application.call.edition.year,
        "indicateur": "Ruches installées",
        "unite": "ruches",
        "valeur_depart": 2,
        "cible": 12.5,
        "methode": "Comptage par les apiculteurs.",
        "date_mesure": "2022-06-01",
        "valeur": 7,
        "source": "Relevé des apiculteurs",
        "url": f"http://testserver/laureats/{project.slug}/",
        # Reviewed after the indicator was last saved: the review is the last change.
        "mise_a_jour": utc_stamp(first.reviewed_at),
    }
    assert (row["valeur_depart"], row["cible"], row["valeur"]) == ("2", "12.5", "7")


def test_indicator_schema_types_the_fields_and_states_the_licence(client, measurements):
    schema = json.loads(client.get("/donnees/indicateurs.schema.json").content)

    types = {field["name"]: field["type"] for field in schema["fields"]}
    required = {field["name"] for field in schema["fields"] if field["constraints"]["required"]}
    assert schema["name"] == "indicateurs"
    assert schema["title"] == "Mesures des indicateurs d'impact"
    assert schema["path"] == "http://testserver/donnees/indicateurs.csv"
    assert schema["licenses"][0]["name"] == "etalab-2.0"
    assert "primaryKey" not in schema
    assert (types["valeur"], types["cible"], types["valeur_depart"]) == ("number",) * 3
    assert (types["date_mesure"], types["edition_annee"]) == ("date", "integer")
    assert {"valeur_depart", "cible", "unite", "methode"}.isdisjoint(required)
    assert {"projet_identifiant", "date_mesure", "valeur", "source"} <= required


def test_indicator_records_join_the_laureates_by_identifier(client, measurements):
    laureates = {record["identifiant"] for record in read_json(client)["laureats"]}

    records = read_json(client, "/donnees/indicateurs.json")["mesures"]

    assert {record["projet_identifiant"] for record in records} <= laureates


def test_indicator_json_says_licence_producer_and_last_update(client, measurements):
    data = read_json(client, "/donnees/indicateurs.json")

    assert data["titre"] == "Mesures des indicateurs d'impact"
    assert data["licence"] == "Licence Ouverte / Open Licence version 2.0"
    assert data["producteur"] == "Le Havre Seine Métropole"
    assert data["schema"] == "http://testserver/donnees/indicateurs.schema.json"
    assert data["mise_a_jour"] == max(record["mise_a_jour"] for record in data["mesures"])


def test_indicator_csv_defuses_formulas_and_json_keeps_the_exact_value(client, measurements):
    rows = read_csv(client, "/donnees/indicateurs.csv")
    records = read_json(client, "/donnees/indicateurs.json")["mesures"]

    assert rows[1]["source"] == '\'=HYPERLINK("http://piege")'
    assert records[1]["source"] == '=HYPERLINK("http://piege")'


@pytest.mark.parametrize("path", INDICATOR_FILES[:2])
def test_indicator_files_leave_out_measurements_the_public_does_not_see(client, measurements, path):
    text = client.get(path).content.decode()

    assert [hidden for hidden in HIDDEN_TEXTS if hidden in text] == []
    assert "Relevé des apiculteurs" in text


def test_indicator_file_shows_a_measurement_once_staff_validate_it(client, measurements):
    project, _first = measurements
    proposed = MeasurementFactory(
        indicator=project.indicators.get(name="Ruches installées"),
        measured_on=datetime.date(2022, 12, 1),
        source="Relevé de décembre",
    )
    before = client.get("/donnees/indicateurs.json")

    review_measurement(proposed, actor=UserFactory(innovation_staff=True), accept=True)
    after = client.get("/donnees/indicateurs.json", headers={"if-none-match": before["ETag"]})

    assert "Relevé de décembre" not in before.content.decode()
    assert after.status_code == 200
    assert "Relevé de décembre" in after.content.decode()


@pytest.mark.parametrize("path", INDICATOR_FILES)
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_indicator_files_are_the_same_in_any_language_for_everyone_and_cacheable(
    client, measurements, path, signed_in
):
    anonymous = Client().get(path)
    client.cookies["django_language"] = "en"
    if signed_in:
        client.force_login(UserFactory())

    response = client.get(path)
    again = client.get(path, headers={"if-none-match": response["ETag"]})

    assert response.content == anonymous.content
    assert response.cookies == {}
    assert "Cookie" not in response.headers.get("Vary", "")
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert again.status_code == 304


@pytest.mark.parametrize("path", [*INDICATOR_FILES, "/donnees/"])
def test_indicator_files_query_count_stays_flat_from_1_to_30_measurements(client, path):
    MeasurementFactory(validated=True)
    with CaptureQueriesContext(connection) as small:
        client.get(path)
    for _ in range(29):
        MeasurementFactory(validated=True)

    with CaptureQueriesContext(connection) as large:
        response = client.get(path)

    if path.endswith("indicateurs.json"):
        assert len(json.loads(response.content)["mesures"]) == 30
    assert len(large) == len(small)
