"""The public laureates: the home page and the list (filters, search, pages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.enums import Phase
from programme.enums import DecisionSource, NewsStatus
from programme.services import move_news_item
from projects.enums import ApplicationStatus
from tests.editions.factories import CallFactory, EditionFactory
from tests.programme.factories import (
    NewsItemFactory,
    ObjectiveFactory,
    ThemeFactory,
)
from tests.projects.factories import (
    SELECTED_AT,
    ApplicationFactory,
    ProjectFactory,
)
from tests.projects.helpers import decide_application, jury_move

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

# Home -----------------------------------------------------------------------------------


def test_home_shows_published_laureates_and_news_and_nothing_unpublished(client):
    ObjectiveFactory(title="Faire éclore des services publics")
    laureate = ProjectFactory(application__title="Ruches de l'estuaire")
    ProjectFactory(application__title="Projet confidentiel", is_published=False)
    ApplicationFactory(title="Candidature recalée", shortlisted=True)
    NewsItemFactory(title="Brouillon secret")
    news = NewsItemFactory(title="La saison 2 est lancée", published=True)

    content = client.get("/").content.decode()

    assert "Faire éclore des services publics" in content
    assert f'<a class="stretched-link" href="/laureats/{laureate.slug}/">' in content
    assert "Ruches de l&#x27;estuaire" in content
    assert f'<a href="/actualites/{news.slug}/">La saison 2 est lancée</a>' in content
    assert f'href="/editions/{laureate.application.call.edition.slug}/"' in content
    assert "Projet confidentiel" not in content
    assert "Candidature recalée" not in content
    assert "Brouillon secret" not in content


def test_home_query_count_stays_flat_as_laureates_and_news_grow(client, staff):
    ProjectFactory()
    move_news_item(NewsItemFactory(), NewsStatus.PUBLISHED, actor=staff)
    with CaptureQueriesContext(connection) as small:
        client.get("/")
    for _ in range(2):
        ProjectFactory()
        move_news_item(NewsItemFactory(), NewsStatus.PUBLISHED, actor=staff)

    with CaptureQueriesContext(connection) as large:
        client.get("/")

    assert len(large) == len(small)


# The list ------------------------------------------------------------------------------


def test_list_shows_public_laureates_with_their_phase(client):
    laureate = ProjectFactory(application__title="Ruches de l'estuaire", experimentation=True)

    html = client.get("/laureats/").content.decode()

    assert "1 projet lauréat" in html
    assert f'href="/laureats/{laureate.slug}/">Ruches de l&#x27;estuaire</a>' in html
    assert '<span class="badge tremplin-phase tremplin-phase-experimentation">' in html
    assert 'depuis le <time datetime="2022-09-15">15 septembre 2022</time>' in html


def test_list_hides_what_is_not_public(client):
    ProjectFactory(application__title="Projet non publié", is_published=False)
    ProjectFactory(
        application__title="Projet d'une édition cachée",
        application__call__edition=EditionFactory(is_published=False),
    )
    untold = ApplicationFactory(title="Sélection non publiée", shortlisted=True)
    decide_application(
        untold,
        ApplicationStatus.SELECTED,
        decided_by=DecisionSource.JURY,
        at=SELECTED_AT,
    )
    untold.project.is_published = True  # ticked before the jury's decision was published
    untold.project.save()
    ApplicationFactory(title="Candidature non retenue", shortlisted=True)

    html = client.get("/laureats/").content.decode()

    assert "Aucun projet lauréat n'est publié pour le moment." in html
    for title in (
        "Projet non publié",
        "Projet d&#x27;une édition cachée",
        "Sélection non publiée",
        "Candidature non retenue",
    ):
        assert title not in html
    assert client.get(f"/laureats/{untold.project.slug}/").status_code == 404


def test_list_filters_by_edition_theme_and_phase(client):
    bees = ThemeFactory(name="Biodiversité", slug="biodiversite")
    hives = ProjectFactory(application__title="Ruches", application__theme=bees)
    ProjectFactory(application__title="Carbolocal", experimentation=True)
    ProjectFactory(application__title="Pierre2vies", application__theme=bees, experimentation=True)

    by_theme = client.get("/laureats/", {"theme": "biodiversite"}).content.decode()
    by_phase = client.get("/laureats/", {"phase": Phase.EXPERIMENTATION}).content.decode()
    edition = hives.application.call.edition.slug
    by_edition = client.get("/laureats/", {"edition": edition}).content.decode()
    both = client.get(
        "/laureats/", {"theme": "biodiversite", "phase": Phase.PRE_INCUBATION}
    ).content.decode()

    assert sorted(titles(by_theme)) == ["Pierre2vies", "Ruches"]
    assert sorted(titles(by_phase)) == ["Carbolocal", "Pierre2vies"]
    assert titles(by_edition) == ["Ruches"]
    assert titles(both) == ["Ruches"]
    assert '<option value="biodiversite" selected>Biodiversité</option>' in by_theme
    assert "correspondant à vos critères" in both


def titles(html):
    """The laureates' titles on a list page, in order."""
    marker = 'class="stretched-link" href="/laureats/'
    return [chunk.split(">", 1)[1].split("<", 1)[0] for chunk in html.split(marker)[1:]]


def test_list_shows_the_public_phase_when_a_jury_decision_is_not_published(client):
    project = ProjectFactory(application__title="Ruches")
    jury_move(project, Phase.REINTEGRATION, outcome="stopped", published=False)

    reintegrated = client.get("/laureats/", {"phase": Phase.REINTEGRATION}).content.decode()
    incubating = client.get("/laureats/", {"phase": Phase.PRE_INCUBATION}).content.decode()

    assert titles(reintegrated) == []
    assert titles(incubating) == ["Ruches"]


def test_list_search_matches_words_of_title_summary_or_theme(client):
    energy = ThemeFactory(name="Précarité énergétique", slug="precarite")
    ProjectFactory(application__title="Repérage solidaire", application__theme=energy)
    ProjectFactory(
        application__title="Ruches de l'estuaire",
        application__proposed_solution="Enrayer le déclin des abeilles sauvages.",
    )

    by_summary = client.get("/laureats/", {"q": "abeilles"}).content.decode()
    by_theme = client.get("/laureats/", {"q": "Précarité"}).content.decode()
    nothing = client.get("/laureats/", {"q": "tramway"}).content.decode()

    assert titles(by_summary) == ["Ruches de l&#x27;estuaire"]
    assert titles(by_theme) == ["Repérage solidaire"]
    assert titles(nothing) == []
    assert "Aucun projet ne correspond à ces critères." in nothing
    assert 'value="tramway"' in nothing


def test_list_search_stems_french_words_on_postgresql(client):
    ProjectFactory(
        application__title="Repérage solidaire",
        application__proposed_solution="Repérer les ménages en précarité énergétique.",
    )

    html = client.get("/laureats/", {"q": "ménage énergétiques"}).content.decode()

    if connection.vendor == "postgresql":
        # French stemming: « ménage » finds « ménages », « énergétiques » « énergétique ».
        assert titles(html) == ["Repérage solidaire"]
    else:
        # The simple match needs each word as written: « énergétiques » is not there.
        assert titles(html) == []


@pytest.mark.parametrize("typed", ["mellifere", "MELLIFÈRES", "Mellifères", "pollinisateurs"])
def test_list_search_ignores_accents_and_case_on_every_database(client, typed):
    bees = ThemeFactory(name="Biodiversité et pollinisateurs", slug="pollinisateurs")
    ProjectFactory(
        application__title="Ruches de l'estuaire",
        application__theme=bees,
        application__proposed_solution="Cartographier les ressources mellifères.",
    )
    ProjectFactory(application__title="Repérage solidaire")

    html = client.get("/laureats/", {"q": typed}).content.decode()

    assert titles(html) == ["Ruches de l&#x27;estuaire"]


def test_list_ignores_a_wrong_filter_value_and_says_so(client):
    ProjectFactory(application__title="Ruches")

    html = client.get("/laureats/", {"edition": "saison-inconnue"}).content.decode()

    assert titles(html) == ["Ruches"]
    assert 'aria-invalid="true" aria-describedby="id_edition-erreur"' in html
    assert "Sélectionnez un choix valide." in html


def test_list_pages_by_twelve_and_keeps_the_filters_in_page_links(client):
    theme = ThemeFactory(slug="mobilites")
    call = CallFactory()
    for index in range(13):
        ProjectFactory(
            application__title=f"Projet {index:02d}",
            application__theme=theme,
            application__call=call,
        )

    first = client.get("/laureats/", {"theme": "mobilites"}).content.decode()
    second = client.get("/laureats/", {"theme": "mobilites", "page": 2}).content.decode()

    assert len(titles(first)) == 12
    assert titles(second) == ["Projet 12"]
    assert 'href="?theme=mobilites&amp;page=2"' in first
    assert "13 projets lauréats" in second


@pytest.mark.parametrize("query", ["", "?q=projet", "?phase=pre_incubation"])
def test_list_query_count_stays_flat_from_1_to_50_laureates(client, query):
    ProjectFactory()
    with CaptureQueriesContext(connection) as small:
        client.get(f"/laureats/{query}")
    for _ in range(49):
        ProjectFactory()

    with CaptureQueriesContext(connection) as large:
        client.get(f"/laureats/{query}")

    assert len(large) == len(small)


# A laureate's page ---------------------------------------------------------------------
