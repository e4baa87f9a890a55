"""The dashboard of the most recent editions (the cumulated figures still count the
earlier ones), all of them on request, and its lists cut at their first rows: a page
whose rows, queries and cost stay flat as editions and projects grow."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.enums import ApplicationStatus
from projects.staff import dashboard
from tests.editions.factories import CallFactory
from tests.projects.factories import ApplicationFactory
from tests.projects.test_dashboard import advance, build_projects, by_edition, editions

pytestmark = pytest.mark.django_db


def seasons(first, last):
    """Editions « Saison first » to « Saison last », each with a submitted application
    (its lead agent is a new person)."""
    for number in range(first, last + 1):
        call = CallFactory(edition__name=f"Saison {number}", edition__number=number)
        advance(ApplicationFactory(call=call), ApplicationStatus.SUBMITTED)


def edition_rows(content):
    return sorted(set(re.findall(r'<th scope="row">(Saison \d+)</th>', content)))


def test_objectives_of_the_recent_editions_cumulate_the_earlier_ones():
    seasons(1, 4)

    recent = [by_edition(table) for table in dashboard.objectives(editions()[:2])]
    every = [by_edition(table) for table in dashboard.objectives(editions())]

    assert [sorted(table) for table in recent] == [["Saison 3", "Saison 4"]] * 3
    assert recent == [
        {name: cells for name, cells in table.items() if name in ("Saison 3", "Saison 4")}
        for table in every
    ]
    # Agents in the applications: one a season, four since the first.
    assert recent[1]["Saison 4"][0] == (1, 4)


def test_dashboard_shows_the_recent_editions_and_links_to_all_of_them(staff_client, monkeypatch):
    monkeypatch.setattr(dashboard, "RECENT_EDITIONS", 2)
    seasons(1, 3)

    recent = staff_client.get("/admin/").content.decode()
    every = staff_client.get("/admin/?editions=toutes").content.decode()

    assert edition_rows(recent) == ["Saison 2", "Saison 3"]
    assert "Chiffres des 2 éditions les plus récentes" in recent
    assert 'href="?editions=toutes"' in recent
    assert edition_rows(every) == ["Saison 1", "Saison 2", "Saison 3"]
    assert "Chiffres de toutes les éditions." in every
    assert 'href="?"' in every


def test_dashboard_rows_and_queries_stay_flat_as_editions_grow(staff_client, monkeypatch):
    monkeypatch.setattr(dashboard, "RECENT_EDITIONS", 2)
    seasons(1, 3)
    with CaptureQueriesContext(connection) as few:
        small = staff_client.get("/admin/").content.decode()
    seasons(4, 8)

    with CaptureQueriesContext(connection) as many:
        large = staff_client.get("/admin/").content.decode()

    assert len(many) == len(few)
    assert large.count("<tr") == small.count("<tr")
    assert edition_rows(large) == ["Saison 7", "Saison 8"]


def test_dashboard_lists_their_first_rows_and_say_there_are_more(staff_client, monkeypatch):
    monkeypatch.setattr(dashboard, "LISTED", 2)
    build_projects(3, CallFactory())

    content = staff_client.get("/admin/").content.decode()

    assert content.count("Dans 10 jours") == 2
    assert "Les 2 premières périodes seulement" in content
    assert content.count("3 jours</span>") == 2
    assert "Les 2 premiers jalons en retard seulement" in content


@pytest.mark.parametrize("query", ["", "?editions=toutes"])
def test_the_dashboard_of_a_programme_without_an_edition_yet_answers(staff_client, query):
    """No edition: each kept statement's filter matches no row; the page still answers."""
    response = staff_client.get(f"/admin/{query}")

    assert response.status_code == 200
    assert "<h1" in response.content.decode()
