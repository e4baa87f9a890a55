"""The pages every public site owes: accessibility statement, legal notice, personal data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme.enums import AccessibilityStatus
from tests.programme.factories import ObjectiveFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

LEGAL_PATHS = ["/accessibilite/", "/mentions-legales/", "/donnees-personnelles/"]

# Each row: the page, what staff entered on the programme first, the texts the page must
# show and those it must not.
LEGAL_PAGE_CASES = [
    pytest.param(
        "/accessibilite/",
        {},
        [
            '<h1 class="tremplin-page-title">Déclaration d\'accessibilité</h1>',
            "Le Havre Seine Métropole s'engage à rendre ses sites internet accessibles",
            "article 47 de la loi n° 2005-102 du 11 février 2005",
            "est <strong>non conforme</strong> avec le référentiel général",
            "Aucun audit de conformité au RGAA n'a encore été réalisé",
            'href="mailto:innovation@exemple.test"',
            "Défenseur des droits",
            "Libre réponse 71120, 75342 Paris CEDEX 07",
        ],
        [],
        id="accessibility statement without audit declares the site not compliant",
    ),
    pytest.param(
        "/accessibilite/",
        {
            "accessibility_status": AccessibilityStatus.PARTIAL,
            "accessibility_audit": "Audit réalisé en mai 2024 : 82 % des critères respectés.",
            "accessibility_statement_on": datetime.date(2024, 6, 3),
        },
        [
            "est <strong>partiellement conforme</strong> avec le référentiel général",
            "Audit réalisé en mai 2024 : 82 % des critères respectés.",
            '<time datetime="2024-06-03">3 juin 2024</time>',
        ],
        ["Aucun audit"],
        id="accessibility statement shows the audit staff entered",
    ),
    pytest.param(
        "/",
        {},
        [
            '<a href="/accessibilite/">Accessibilité : non conforme</a>',
            '<a href="/mentions-legales/">Mentions légales</a>',
            '<a href="/donnees-personnelles/">Données personnelles</a>',
            '<a href="/donnees/">Données ouvertes</a>',
        ],
        [],
        id="every page footer states the accessibility status",
    ),
    pytest.param(
        "/mentions-legales/",
        {
            "postal_address": "19 rue Georges Braque\n76600 Le Havre",
            "publication_director": "Le président de la Communauté urbaine",
            "hosting_provider": "Hébergeur public, 1 rue de l'Hébergement, 75000 Paris",
        },
        [
            "édité par Le Havre Seine Métropole",
            "19 rue Georges Braque<br>76600 Le Havre",
            "Le président de la Communauté urbaine",
            "Hébergeur public, 1 rue de l&#x27;Hébergement, 75000 Paris",
            "Licence Ouverte 2.0",
        ],
        [],
        id="legal notice names publisher director and host",
    ),
    pytest.param(
        "/mentions-legales/",
        {},
        [
            "Le représentant légal de Le Havre Seine Métropole.",
            "Les coordonnées de l'hébergeur sont disponibles auprès de",
        ],
        [],
        id="legal notice falls back on the legal representative",
    ),
    pytest.param(
        "/donnees-personnelles/",
        {},
        [
            "Le Havre Seine Métropole est responsable des traitements",
            "article 6.1.e",
            "<code>sessionid</code>",
            "<code>csrftoken</code>",
            "<code>django_language</code>",
            "ne déposent aucun cookie",
            'href="mailto:innovation@exemple.test"',
            "https://www.cnil.fr/fr/plaintes",
        ],
        [],
        id="personal data page names the controller rights and cookies",
    ),
    pytest.param(
        "/donnees-personnelles/",
        {"dpo_email": "dpo@exemple.test"},
        ['href="mailto:dpo@exemple.test"'],
        [],
        id="personal data page prefers the data protection officer",
    ),
]


@pytest.fixture
def programme():
    return ProgrammeFactory(
        name="Appel à innovateur territorial",
        authority_name="Le Havre Seine Métropole",
        contact_email="innovation@exemple.test",
    )


@pytest.mark.parametrize(("path", "entered", "shown", "absent"), LEGAL_PAGE_CASES)
def test_legal_page_shows_what_the_programme_entered(
    client, programme, path, entered, shown, absent
):
    for field, value in entered.items():
        setattr(programme, field, value)
    programme.save()

    html = client.get(path).content.decode()

    for text in shown:
        assert text in html
    for text in absent:
        assert text not in html


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
