"""The pages every public site owes: accessibility statement, legal notice, personal data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme.enums import AccessibilityStatus
from tests.programme.factories import ObjectiveFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

LEGAL_PATHS = ["/accessibilite/", "/mentions-legales/", "/donnees-personnelles/"]


@pytest.fixture
def programme():
    return ProgrammeFactory(
        name="Appel à innovateur territorial",
        authority_name="Le Havre Seine Métropole",
        contact_email="innovation@exemple.test",
    )


def test_accessibility_statement_without_audit_declares_the_site_not_compliant(client, programme):
    html = client.get("/accessibilite/").content.decode()

    assert '<h1 class="tremplin-page-title">Déclaration d\'accessibilité</h1>' in html
    assert "Le Havre Seine Métropole s'engage à rendre ses sites internet accessibles" in html
    assert "article 47 de la loi n° 2005-102 du 11 février 2005" in html
    assert "est <strong>non conforme</strong> avec le référentiel général" in html
    assert "Aucun audit de conformité au RGAA n'a encore été réalisé" in html
    assert 'href="mailto:innovation@exemple.test"' in html
    assert "Défenseur des droits" in html
    assert "Libre réponse 71120, 75342 Paris CEDEX 07" in html


def test_accessibility_statement_shows_the_audit_staff_entered(client, programme):
    programme.accessibility_status = AccessibilityStatus.PARTIAL
    programme.accessibility_audit = "Audit réalisé en mai 2024 : 82 % des critères respectés."
    programme.accessibility_statement_on = datetime.date(2024, 6, 3)
    programme.save()

    html = client.get("/accessibilite/").content.decode()

    assert "est <strong>partiellement conforme</strong> avec le référentiel général" in html
    assert "Audit réalisé en mai 2024 : 82 % des critères respectés." in html
    assert '<time datetime="2024-06-03">3 juin 2024</time>' in html
    assert "Aucun audit" not in html


def test_every_page_footer_states_the_accessibility_status(client, programme):
    html = client.get("/").content.decode()

    assert '<a href="/accessibilite/">Accessibilité : non conforme</a>' in html
    assert '<a href="/mentions-legales/">Mentions légales</a>' in html
    assert '<a href="/donnees-personnelles/">Données personnelles</a>' in html
    assert '<a href="/donnees/">Données ouvertes</a>' in html


def test_legal_notice_names_publisher_director_and_host(client, programme):
    programme.postal_address = "19 rue Georges Braque\n76600 Le Havre"
    programme.publication_director = "Le président de la Communauté urbaine"
    programme.hosting_provider = "Hébergeur public, 1 rue de l'Hébergement, 75000 Paris"
    programme.save()

    html = client.get("/mentions-legales/").content.decode()

    assert "édité par Le Havre Seine Métropole" in html
    assert "19 rue Georges Braque<br>76600 Le Havre" in html
    assert "Le président de la Communauté urbaine" in html
    assert "Hébergeur public, 1 rue de l&#x27;Hébergement, 75000 Paris" in html
    assert "Licence Ouverte 2.0" in html


def test_legal_notice_falls_back_on_the_legal_representative(client, programme):
    html = client.get("/mentions-legales/").content.decode()

    assert "Le représentant légal de Le Havre Seine Métropole." in html
    assert "Les coordonnées de l'hébergeur sont disponibles auprès de" in html


def test_personal_data_page_names_the_controller_rights_and_cookies(client, programme):
    html = client.get("/donnees-personnelles/").content.decode()

    assert "Le Havre Seine Métropole est responsable des traitements" in html
    assert "article 6.1.e" in html
    assert "<code>sessionid</code>" in html
    assert "<code>csrftoken</code>" in html
    assert "<code>django_language</code>" in html
    assert "ne déposent aucun cookie" in html
    assert 'href="mailto:innovation@exemple.test"' in html
    assert "https://www.cnil.fr/fr/plaintes" in html


def test_personal_data_page_prefers_the_data_protection_officer(client, programme):
    programme.dpo_email = "dpo@exemple.test"
    programme.save()

    html = client.get("/donnees-personnelles/").content.decode()

    assert 'href="mailto:dpo@exemple.test"' in html


@pytest.mark.parametrize("path", LEGAL_PATHS)
def test_legal_pages_have_one_heading_and_a_breadcrumb(client, programme, path):
    html = client.get(path).content.decode()

    assert html.count("<h1") == 1
    assert '<nav aria-label="Fil d\u2019Ariane">' in html
    assert '<html lang="fr">' in html


@pytest.mark.parametrize("path", LEGAL_PATHS)
def test_legal_pages_query_count_stays_flat(client, programme, path):
    ObjectiveFactory(programme=programme)
    with CaptureQueriesContext(connection) as small:
        client.get(path)
    for _ in range(3):
        ObjectiveFactory(programme=programme)

    with CaptureQueriesContext(connection) as large:
        client.get(path)

    assert len(large) == len(small)
