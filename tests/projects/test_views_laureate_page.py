"""A laureate's public page: the project, its timeline, its team, its results."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.enums import Phase
from projects.enums import MemberKind
from projects.public.laureates import public_team
from tests.editions.factories import paris
from tests.programme.factories import (
    OrganisationFactory,
    UserFactory,
)
from tests.projects.factories import (
    ImpactIndicatorFactory,
    MeasurementFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.projects.helpers import JURY_REASON, jury_move

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


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
