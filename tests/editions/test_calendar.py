"""The editions' calendar: every dated step, soonest first, in the admin and as .ics."""

import datetime

import pytest
from icalendar import Calendar

from editions.calendar import events
from tests.editions.factories import CallFactory, EditionFactory, paris
from tests.jury.factories import SessionFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
PAGE = "/admin/calendrier/"
ICS = "/admin/calendrier.ics"


def build(count):
    """``count`` editions, each with a call, a laureate (its screening published, its
    pre-incubation open) and a session hearing it: five steps each."""
    projects = []
    for index in range(count):
        edition = EditionFactory(name=f"Saison {index + 1}", slug=f"saison-{index + 1}")
        call = CallFactory(edition=edition, title=f"Appel {index + 1}")
        project = ProjectFactory(application__call=call, title=f"Ruches {index + 1}")
        SessionFactory(title=f"Séance {index + 1}", reviews=[{"project": project}])
        projects.append(project)
    return projects


def steps(found):
    return [(event.label, event.title, event.edition) for event in found]


def test_calendar_of_an_edition_lists_its_steps_soonest_first():
    (project,) = build(1)
    other = CallFactory(title="Appel d'une autre saison")

    found = events(project.application.call.edition)

    assert steps(found) == [
        ("Ouverture de l'appel", "Appel 1", "Saison 1"),
        ("Clôture de l'appel", "Appel 1", "Saison 1"),
        ("Présélection publiée aux équipes", "Appel 1", "Saison 1"),
        ("Séance du jury", "Séance 1", ""),
        ("Fin prévue : Pré-incubation", "Ruches 1", "Saison 1"),
    ]
    assert other.title not in {event.title for event in found}
    assert [event.moment for event in found] == sorted(event.moment for event in found)


def test_calendar_page_shows_french_dates_in_paris_time(staff_client):
    build(1)

    content = staff_client.get(PAGE).content.decode()

    assert "<caption>Calendrier — toutes les éditions</caption>" in content
    # The call opens on 1 December 2021 at 9:00 Paris time, 8:00 UTC.
    assert "mercredi 1 décembre 2021 à 09:00" in content
    assert "lundi 31 janvier 2022 à 23:59" in content
    assert 'href="/admin/calendrier.ics"' in content


def test_calendar_page_of_one_edition_links_its_own_file(staff_client):
    build(2)

    response = staff_client.get(PAGE, {"edition": "saison-2"})

    content = response.content.decode()
    assert "<caption>Calendrier — Saison 2</caption>" in content
    assert "Appel 2" in content
    assert "Appel 1" not in content
    assert 'href="/admin/calendrier.ics?edition=saison-2"' in content


def test_calendar_of_an_unknown_edition_is_not_found(staff_client):
    response = staff_client.get(PAGE, {"edition": "nulle-part"})

    assert response.status_code == 404


def test_calendar_file_holds_every_step_in_paris_time(staff_client):
    build(1)

    response = staff_client.get(ICS, {"edition": "saison-1"})

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="calendrier-saison-1.ics"'
    # As every admin page (``admin_view``): no cache keeps staff's copy.
    assert "no-store" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    entries = list(calendar.walk("VEVENT"))
    assert [str(entry["summary"]) for entry in entries] == [
        "Ouverture de l'appel — Appel 1 (Saison 1)",
        "Clôture de l'appel — Appel 1 (Saison 1)",
        "Présélection publiée aux équipes — Appel 1 (Saison 1)",
        "Séance du jury — Séance 1",
        "Fin prévue : Pré-incubation — Ruches 1 (Saison 1)",
    ]
    opening = entries[0]["dtstart"].dt
    assert (opening, str(opening.tzinfo)) == (paris(2021, 12, 1, 9, 0), "Europe/Paris")
    assert entries[-1]["dtstart"].dt == datetime.date(2022, 6, 15)
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert len({str(entry["uid"]) for entry in entries}) == 5


@pytest.mark.parametrize("url", [PAGE, ICS])
@pytest.mark.parametrize("count", [1, 50])
def test_calendar_costs_the_same_queries_for_1_and_50_editions(
    staff_client, django_assert_num_queries, url, count
):
    build(count)
    # The session and the user are read on each request: count one first.
    staff_client.get(url)

    with django_assert_num_queries(QUERIES[url]):
        response = staff_client.get(url)

    assert response.status_code == 200


# The session, the user, the second factor, the permissions (twice), one query per
# source (calls, screening, periods, sessions); the page adds the programme (the site's
# header) and the editions of its filter.
QUERIES = {PAGE: 11, ICS: 9}


@pytest.mark.parametrize("role", ["staff_without_permission", "jury_member", "coach", "applicant"])
@pytest.mark.parametrize("url", [PAGE, ICS])
def test_calendar_is_refused_to_other_roles(client_as, world, role, url):
    response = client_as(role).get(url)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")
    assert b"VEVENT" not in response.content
    assert "Ouverture de l'appel" not in response.content.decode()
