"""Open data: the laureates' CSV and JSON files validate against the documented fields;
the /donnees/ page documents every data set (the indicators' files are tested in
``test_open_data_indicators``)."""

import csv
import datetime
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.enums import Phase
from projects.public.open_data import LAUREATES
from projects.public.open_data_indicators import INDICATORS
from tests.programme.factories import ProgrammeFactory
from tests.projects.factories import ProjectFactory
from tests.projects.helpers import decide_project

pytestmark = pytest.mark.django_db

DATETIME_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def read_csv(client, path="/donnees/laureats.csv"):
    response = client.get(path)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def read_json(client, path="/donnees/laureats.json"):
    response = client.get(path)
    assert response.headers["Content-Type"] == "application/json"
    return json.loads(response.content)


def assert_valid(record, schema):
    """Check one record against the Table Schema the site publishes."""
    assert list(record) == [field["name"] for field in schema["fields"]]
    for field in schema["fields"]:
        value = record[field["name"]]
        constraints = field["constraints"]
        if value in ("", None):
            assert not constraints["required"], field["name"]
            continue
        if "enum" in constraints:
            assert value in constraints["enum"], (field["name"], value)
        kind = field["type"]
        if kind == "integer":
            int(value)
        elif kind == "number":
            float(value)
        elif kind == "date":
            datetime.date.fromisoformat(value)
        elif kind == "datetime":
            assert DATETIME_UTC.match(value), value
        elif field["format"] == "uri":
            assert urlsplit(value).scheme in ("http", "https"), value


@pytest.fixture
def laureates():
    ProgrammeFactory(authority_name="Le Havre Seine Métropole")
    running = ProjectFactory(application__title="Ruches de l'estuaire")
    ended = ProjectFactory(application__title='=HYPERLINK("http://piege")', experimentation=True)
    decide_project(ended, Phase.REINTEGRATION, reason="Motif interne.", outcome="handed_over")
    ProjectFactory(application__title="Projet non publié", is_published=False)
    return running, ended


def test_csv_and_json_hold_one_valid_record_per_public_laureate(client, laureates):
    running, ended = laureates
    schema = json.loads(client.get("/donnees/laureats.schema.json").content)

    rows = read_csv(client)
    data = read_json(client)

    assert [field["name"] for field in schema["fields"]] == LAUREATES.field_names
    assert schema["primaryKey"] == "identifiant"
    assert schema["licenses"][0]["name"] == "etalab-2.0"
    assert [row["identifiant"] for row in rows] == [running.slug, ended.slug]
    assert [record["identifiant"] for record in data["laureats"]] == [running.slug, ended.slug]
    for record in [*rows, *data["laureats"]]:
        assert_valid(record, schema)


def test_records_say_phase_since_when_status_and_address(client, laureates):
    running, _ended = laureates

    first, second = read_json(client)["laureats"]

    assert first["titre"] == "Ruches de l'estuaire"
    assert first["phase"] == "pre_incubation"
    assert first["phase_libelle"] == "Pré-incubation"
    assert first["phase_depuis"] == "2022-03-15"
    assert first["statut"] == "en_cours"
    assert first["issue"] == ""
    assert first["url"] == f"http://testserver/laureats/{running.slug}/"
    assert first["edition"] == running.application.call.edition.name
    assert second["phase"] == "reintegration"
    assert second["statut"] == "termine"
    assert second["issue"] == "Repris par une direction métier"


def test_json_says_licence_producer_and_last_update(client, laureates):
    data = read_json(client)

    assert data["licence"] == "Licence Ouverte / Open Licence version 2.0"
    assert data["licence_url"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert data["producteur"] == "Le Havre Seine Métropole"
    assert data["documentation"] == "http://testserver/donnees/"
    assert data["mise_a_jour"] == max(record["mise_a_jour"] for record in data["laureats"])


def test_csv_defuses_formulas_and_json_keeps_the_exact_value(client, laureates):
    rows = read_csv(client)
    records = read_json(client)["laureats"]

    assert rows[1]["titre"] == '\'=HYPERLINK("http://piege")'
    assert records[1]["titre"] == '=HYPERLINK("http://piege")'


def test_files_are_the_same_in_english_and_open_to_every_site(client, laureates):
    french = client.get("/donnees/laureats.json")
    client.cookies["django_language"] = "en"

    english = client.get("/donnees/laureats.json")

    assert english.content == french.content
    assert english.headers["Access-Control-Allow-Origin"] == "*"


def test_files_leave_out_what_is_not_public(client, laureates):
    csv_text = client.get("/donnees/laureats.csv").content.decode()
    json_text = client.get("/donnees/laureats.json").content.decode()

    for text in (csv_text, json_text):
        assert "Projet non publié" not in text
        assert "Motif interne." not in text
        assert "@exemple.test" not in text


def test_open_data_page_documents_every_field_and_the_licence(client, laureates):
    html = client.get("/donnees/").content.decode()

    for field in (*LAUREATES.fields, *INDICATORS.fields):
        assert f"<code>{field.name}</code>" in html
    for name in ("laureats", "indicateurs"):
        assert f'<a href="/donnees/{name}.csv" type="text/csv">' in html
        assert f'<a href="/donnees/{name}.json" type="application/json">' in html
        assert f'<a href="/donnees/{name}.schema.json" type="application/json">' in html
    assert "Télécharger les mesures des indicateurs au format CSV" in html
    assert "nombre décimal (point comme séparateur)" in html
    assert "Licence Ouverte / Open Licence version 2.0" in html
    assert "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" in html
    assert "Le Havre Seine Métropole publie les projets lauréats" in html


@pytest.mark.parametrize(
    "path",
    [
        "/donnees/laureats.csv",
        "/donnees/laureats.json",
        "/donnees/laureats.schema.json",
        "/donnees/",
        "/sitemap.xml",
    ],
)
def test_open_data_query_count_stays_flat_from_1_to_50_laureates(client, path):
    ProjectFactory()
    with CaptureQueriesContext(connection) as small:
        client.get(path)
    for _ in range(49):
        ProjectFactory()

    with CaptureQueriesContext(connection) as large:
        client.get(path)

    assert len(large) == len(small)
