"""The public pages of the editions: the list, and an edition in figures and laureates."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.enums import Phase
from programme.enums import DecisionSource
from projects.enums import ApplicationStatus
from tests.editions.factories import CallFactory, EditionFactory, paris
from tests.programme.factories import ThemeFactory
from tests.projects.factories import SELECTED_AT, ApplicationFactory, ProjectFactory
from tests.projects.helpers import decide_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition_2():
    """Edition 2: 5 applications (a draft aside), 3 shortlisted, 2 laureates."""
    call = CallFactory(edition=EditionFactory(name="Saison 2", slug="saison-2", year=2022))
    bees = ThemeFactory(name="Biodiversité")
    ProjectFactory(application__call=call, application__title="Ruches", application__theme=bees)
    ProjectFactory(application__call=call, application__title="Repérage solidaire")
    not_selected = ApplicationFactory(call=call, title="Vélo des agents", shortlisted=True)
    decide_application(
        not_selected, ApplicationStatus.NOT_SELECTED, reason="Motif interne.", at=SELECTED_AT
    )
    ApplicationFactory(call=call, title="Chatbot des déchetteries", submitted=True)
    ApplicationFactory(call=call, title="Brouillon abandonné")
    return call.edition


def test_edition_list_shows_published_editions_in_figures(client, edition_2):
    EditionFactory(name="Saison cachée", slug="saison-cachee", is_published=False)

    html = client.get("/editions/").content.decode()

    assert '<a class="stretched-link" href="/editions/saison-2/">Saison 2</a>' in html
    assert "4 candidatures reçues" in html
    assert "2 projets lauréats" in html
    assert "Appel clos" in html
    assert "Saison cachée" not in html


def test_edition_page_tells_the_funnel_calendar_themes_and_laureates(client, edition_2):
    html = client.get("/editions/saison-2/").content.decode()

    assert '<h1 class="tremplin-page-title">Saison 2</h1>' in html
    assert '<span class="tremplin-funnel-figure">4</span>' in html
    assert '<span class="tremplin-funnel-figure">3</span>' in html
    assert '<span class="tremplin-funnel-figure">2</span>' in html
    assert "75 % des candidatures" in html
    assert "50 % des candidatures" in html
    assert "1er décembre 2021" in html  # the call opened
    assert "31 janvier 2022 à 23:59" in html
    assert "15 février 2022" in html  # shortlisting told to the teams
    assert "15 mars 2022" in html  # laureates chosen
    assert "<li>Biodiversité</li>" in html
    assert "Ruches" in html and "Repérage solidaire" in html
    assert 'href="/appels/saison-2/"' in html
    for private in ("Vélo des agents", "Chatbot des déchetteries", "Brouillon abandonné"):
        assert private not in html
    assert "Motif interne." not in html


def test_edition_funnel_counts_only_shortlisting_told_to_the_teams(client, edition_2):
    waiting = ApplicationFactory(call=edition_2.call, title="En attente", submitted=True)
    decide_application(
        waiting,
        ApplicationStatus.SHORTLISTED,
        decided_by=DecisionSource.JURY,
        reason="Décision du jury, pas encore publiée.",
        at=paris(2022, 2, 20, 10, 0),
    )

    html = client.get("/editions/saison-2/").content.decode()

    assert '<span class="tremplin-funnel-figure">5</span>' in html  # received
    assert '<span class="tremplin-funnel-figure">3</span>' in html  # still 3 shortlisted


def test_unpublished_edition_page_is_not_found(client):
    EditionFactory(name="Saison cachée", slug="saison-cachee", is_published=False)

    response = client.get("/editions/saison-cachee/")

    assert response.status_code == 404
    assert "Saison cachée" not in response.content.decode()


def test_edition_without_applications_says_so(client):
    CallFactory(edition=EditionFactory(slug="saison-3"))

    html = client.get("/editions/saison-3/").content.decode()

    assert '<span class="tremplin-funnel-figure">0</span>' in html
    assert "% des candidatures" not in html
    assert "Aucun projet lauréat n'est publié pour cette édition pour le moment." in html


@pytest.mark.parametrize("path", ["/editions/", "/editions/{slug}/"])
def test_edition_pages_query_count_stays_flat_from_1_to_50_laureates(client, path):
    call = CallFactory()
    ProjectFactory(application__call=call)
    url = path.format(slug=call.edition.slug)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(49):
        ProjectFactory(application__call=call)
    for _ in range(2):
        ProjectFactory()  # other editions

    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200

    assert len(large) == len(small)


def test_edition_page_lists_its_phases_from_its_settings(client):
    CallFactory(
        edition=EditionFactory(slug="saison-4", phases={Phase.EXPERIMENTATION: {"months": 12}})
    )

    html = client.get("/editions/saison-4/").content.decode()

    assert "<li>Pré-incubation : 3 mois, 1 jour par semaine, avec des coachs.</li>" in html
    assert (
        "<li>Expérimentation : 12 mois, 2 jours par semaine, avec des moyens dédiés, "
        "renouvelable sur décision du jury.</li>"
    ) in html


def test_a_large_edition_shows_its_first_laureates_and_links_to_all_of_them(client):
    call = CallFactory(edition=EditionFactory(slug="saison-9"))
    bees = ThemeFactory(name="Biodiversité")
    for index in range(14):
        ProjectFactory(
            application__call=call,
            application__title=f"Projet {index:02d}",
            application__theme=bees if index % 2 else None,
        )

    html = client.get("/editions/saison-9/").content.decode()

    shown = [f"Projet {index:02d}" for index in range(14) if f"Projet {index:02d}" in html]
    assert shown == [f"Projet {index:02d}" for index in range(12)]
    assert '<span class="tremplin-funnel-figure">14</span>' in html
    assert "<li>Biodiversité (7)</li>" in html
    assert (
        '<a class="btn btn-outline-primary" href="/laureats/?edition=saison-9">'
        "Voir tous les lauréats de la saison (14)</a>"
    ) in html
    # The filtered list has them all, over its own pages.
    listed = "".join(
        client.get(f"/laureats/?edition=saison-9&page={page}").content.decode() for page in (1, 2)
    )
    assert all(f"Projet {index:02d}" in listed for index in range(14))


def test_an_edition_whose_laureates_all_show_has_no_link_to_more(client, edition_2):
    html = client.get("/editions/saison-2/").content.decode()

    assert "Voir tous les lauréats de la saison" not in html
