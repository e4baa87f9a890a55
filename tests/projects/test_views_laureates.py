"""The public laureates: home, the list (filters, search, pages) and a laureate's page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.enums import Phase
from programme.enums import DecisionSource, NewsStatus
from programme.services import move_news_item
from projects.enums import ApplicationStatus, MemberKind
from projects.public.laureates import public_team
from projects.publication import publish_history
from tests.editions.factories import CallFactory, EditionFactory, paris
from tests.programme.factories import (
    NewsItemFactory,
    ObjectiveFactory,
    OrganisationFactory,
    ThemeFactory,
    UserFactory,
)
from tests.projects.factories import (
    REVIEWED_AT,
    SELECTED_AT,
    ApplicationFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.projects.helpers import decide_application, decide_project

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

JURY_REASON = "Décision du jury, séance du 15 septembre 2022. Un prototype prometteur."


def jury_move(project, target, *, reason=JURY_REASON, outcome="", published=True):
    history = decide_project(
        project,
        target,
        decided_by=DecisionSource.JURY,
        reason=reason,
        outcome=outcome,
        at=REVIEWED_AT,
    )
    if published:
        publish_history(
            history, actor=None, at=REVIEWED_AT + datetime.timedelta(days=2), notify=False
        )
    return history


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


def test_laureate_page_shows_the_project_its_edition_theme_and_phase(client):
    project = ProjectFactory(
        application__title="Ruches de l'estuaire",
        application__proposed_solution="Cartographier les ressources mellifères.",
    )
    edition = project.application.call.edition

    html = client.get(f"/laureats/{project.slug}/").content.decode()

    assert html.count("<h1") == 1
    assert '<h1 class="tremplin-page-title">Ruches de l&#x27;estuaire</h1>' in html
    assert "Cartographier les ressources mellifères." in html
    assert f'<a href="/editions/{edition.slug}/">{edition.name}</a>' in html
    assert project.theme.name in html
    assert "<title>Ruches de l&#x27;estuaire — Projets lauréats — " in html
    assert '<meta property="og:title" content="Ruches de l&#x27;estuaire">' in html
    assert f'<link rel="canonical" href="http://testserver/laureats/{project.slug}/">' in html
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver/en/laureats/{project.slug}/">'
        in html
    )


def test_laureate_timeline_shows_staff_decisions_without_their_reasons(client):
    project = ProjectFactory(experimentation=True)

    html = client.get(f"/laureats/{project.slug}/").content.decode()

    assert "Décision de test." not in html  # the staff's reason is internal
    assert "Décision de l&#x27;équipe innovation." in html
    assert "Projet retenu comme lauréat." in html
    assert (
        'du <time datetime="2022-03-15">15 mars 2022</time> au '
        '<time datetime="2022-09-15">15 septembre 2022</time>'
    ) in html


def test_laureate_timeline_shows_a_published_jury_decision_with_its_public_reasons(client):
    project = ProjectFactory()
    jury_move(project, Phase.EXPERIMENTATION)

    html = client.get(f"/laureats/{project.slug}/").content.decode()

    assert JURY_REASON in html
    assert '<span class="badge tremplin-phase tremplin-phase-experimentation">' in html


def test_laureate_page_hides_a_jury_decision_until_it_is_published(client):
    project = ProjectFactory()
    jury_move(
        project,
        Phase.REINTEGRATION,
        reason="Décision du jury. Motif pas encore publié.",
        outcome="handed_over",
        published=False,
    )

    html = client.get(f"/laureats/{project.slug}/").content.decode()

    assert "Motif pas encore publié" not in html
    assert "Repris par une direction métier" not in html
    assert "Réintégration" not in html
    assert '<span class="badge tremplin-phase tremplin-phase-pre_incubation">' in html
    assert "fin prévue le" in html  # the period is still open, for the public


def test_laureate_page_shows_a_published_reintegration_and_its_outcome(client):
    project = ProjectFactory()
    jury_move(project, Phase.REINTEGRATION, outcome="scaled")

    html = client.get(f"/laureats/{project.slug}/").content.decode()

    assert "Réintégration : Déployé à plus grande échelle" in html
    assert '<span class="tremplin-outcome">Déployé à plus grande échelle</span>' in html


def test_laureate_team_names_only_the_members_who_agreed(client):
    project = ProjectFactory()
    application = project.application
    application.team_members.update(public_name_consent=False)
    TeamMemberFactory(
        application=application,
        first_name="Chantal",
        last_name="Lemaire",
        public_name_consent=True,
        public_name_consent_at=paris(2022, 1, 10, 9, 0),
    )
    TeamMemberFactory(
        application=application,
        first_name="Olivier",
        last_name="Discret",
        email="olivier.discret@exemple.test",
    )
    TeamMemberFactory(application=application, student=True, first_name="Inès")

    html = client.get(f"/laureats/{project.slug}/").content.decode()

    assert "Une équipe de 3 agents et 1 étudiant." in html
    assert "<li>Chantal Lemaire</li>" in html
    assert "et 3 autres membres." in html
    assert "Olivier" not in html and "Discret" not in html
    assert "Inès" not in html
    assert "olivier.discret@exemple.test" not in html
    assert application.created_by.last_name not in html


def test_laureate_team_without_any_consent_is_described_not_named(client):
    project = ProjectFactory()

    html = client.get(f"/laureats/{project.slug}/").content.decode()

    assert "Une équipe de 1 agent." in html
    assert "Avec leur accord" not in html


def test_laureate_page_names_the_coaching_organisations_not_the_coaches(client):
    project = ProjectFactory()
    incubator = OrganisationFactory(incubator=True, name="Incubateur des territoires")
    coach = UserFactory(first_name="Yanis", last_name="Coachmann", organisation=incubator)
    project.periods.get().coaches.add(coach)

    html = client.get(f"/laureats/{project.slug}/").content.decode()

    assert "Incubateur des territoires" in html
    assert "Coachmann" not in html


def test_laureate_page_shows_period_results_once_published(client):
    project = ProjectFactory(experimentation=True)
    first = project.periods.get(sequence=1)
    first.results_summary = "Problème confirmé auprès de 40 ménages."
    first.results_published = True
    first.save()
    second = project.periods.get(sequence=2)
    second.results_summary = "Bilan provisoire, interne."
    second.save()

    html = client.get(f"/laureats/{project.slug}/").content.decode()

    assert "Problème confirmé auprès de 40 ménages." in html
    assert "Bilan provisoire, interne." not in html


def test_laureate_page_of_a_hidden_project_is_not_found(client):
    project = ProjectFactory(application__title="Projet non publié", is_published=False)

    response = client.get(f"/laureats/{project.slug}/")

    assert response.status_code == 404
    assert "Projet non publié" not in response.content.decode()


def test_laureate_page_in_english_has_its_own_address(client):
    project = ProjectFactory()

    response = client.get(f"/en/laureats/{project.slug}/")

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_laureate_page_query_count_stays_flat_as_its_history_team_and_indicators_grow(client):
    project = ProjectFactory()
    MeasurementFactory(indicator=ImpactIndicatorFactory(project=project), validated=True)
    with CaptureQueriesContext(connection) as small:
        client.get(f"/laureats/{project.slug}/")
    jury_move(project, Phase.EXPERIMENTATION)
    jury_move(project, Phase.EXPERIMENTATION)
    for _ in range(3):
        TeamMemberFactory(application=project.application, public_name_consent=False)
    for period in project.periods.all():
        period.coaches.add(UserFactory(organisation=OrganisationFactory(incubator=True)))
    for index in range(3):
        indicator = ImpactIndicatorFactory(project=project)
        for month in range(1, 5):
            MeasurementFactory(
                indicator=indicator,
                measured_on=datetime.date(2022, month, 28),
                value=index * month,
                validated=True,
            )
        MeasurementFactory(indicator=indicator)  # proposed: not shown

    with CaptureQueriesContext(connection) as large:
        client.get(f"/laureats/{project.slug}/")

    assert len(large) == len(small)


def test_public_team_counts_members_of_unknown_profile():
    members = [
        TeamMemberFactory.build(kind=MemberKind.AGENT, public_name_consent=False),
        TeamMemberFactory.build(kind="", public_name_consent=False),
    ]

    team = public_team(members)

    assert team.composition == "Une équipe de 1 agent et 1 membre."
    assert team.named == []
    assert team.unnamed == 2
