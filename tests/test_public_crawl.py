"""Crawl every public page — from the sitemap and from the links of each page — over the
demo data plus data that must never leak, and find none of it.

What must never show: drafts, applications that were not selected, scores and their
comments, e-mail addresses, the jury's private reasons, decisions staff have not
published, the internal reasons of staff decisions, unpublished results and indicators,
the names of team members who did not agree to be named, hidden editions and projects.
"""

import json

import pytest

from jury.models import Decision, Score
from projects.models import (
    Measurement,
    Project,
)
from tests.french import plain_spaces, untranslated, visible_text
from tests.public_crawling import (
    build_leaky_demo,
    crawl,
    forbidden_strings,
    readable,
    sitemap_paths,
)
from tests.url_table import PUBLIC_PAGES_WITHOUT_AN_OBJECT

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaky_demo(settings):
    """The demo story, and next to it everything a public page must not show."""
    return build_leaky_demo(settings)


def test_no_public_page_feed_or_file_leaks_private_data(client, leaky_demo):
    forbidden = forbidden_strings(leaky_demo)
    start = sitemap_paths(client) | {"/", "/en/", "/sitemap.xml", "/actualites/flux.atom"}

    pages = crawl(client, start)

    broken = {
        path: response.status_code
        for path, response in pages.items()
        if response.status_code != 200
    }
    assert broken == {}
    leaks = {
        path: sorted(text for text in forbidden if text in readable(response))
        for path, response in pages.items()
    }
    assert {path: found for path, found in leaks.items() if found} == {}


def test_crawl_reaches_every_kind_of_public_page_in_both_languages(client, leaky_demo):
    start = sitemap_paths(client) | {"/"}

    pages = crawl(client, start)

    laureates = {
        f"/laureats/{slug}/" for slug in Project.objects.public().values_list("slug", flat=True)
    }
    # The seed story's 7, the recent season's 3, and the two public projects of the test edition.
    assert len(laureates) == 12
    english = {f"/en{path}" for path in laureates}
    expected = (
        laureates
        | english
        | set(PUBLIC_PAGES_WITHOUT_AN_OBJECT)
        | {
            "/editions/saison-1/",
            "/editions/saison-2/",
            "/appels/saison-2/",
            "/actualites/phase-investigation-4-projets/",
        }
    )
    assert expected - set(pages) == set()


def test_demo_exposes_the_seed_storys_7_laureates_with_the_phases_they_ended_in(client, leaky_demo):
    demo_editions = {"Saison 1", "Saison 2"}

    records = json.loads(client.get("/donnees/laureats.json").content)["laureats"]

    phases = {
        r["titre"]: (r["phase"], r["phase_depuis"])
        for r in records
        if r["edition"] in demo_editions
    }
    # The story stops in March 2022; the demo's illustrative continuation ends each project.
    assert phases == {
        "Carbolocal": ("reintegration", "2022-09-15"),
        "Commerce&vous": ("reintegration", "2022-09-15"),
        "Pierre2vies": ("reintegration", "2022-09-15"),
        "Repérage solidaire": ("reintegration", "2022-12-21"),
        "Ruches de l'estuaire": ("reintegration", "2022-12-21"),
        "ZAE Renouveau": ("reintegration", "2022-06-21"),
        "Le Havre Étudiant": ("reintegration", "2022-06-21"),
    }


def test_the_leak_data_is_really_there_to_be_leaked(leaky_demo):
    # Without this, an empty fixture would make the crawl test pass for nothing.
    forbidden = forbidden_strings(leaky_demo)

    assert {
        "FUITE brouillon de candidature",
        "FUITE candidature non retenue",
        "FUITE motif du jury non publié",
        "FUITE motif interne de l'équipe innovation",
        "FUITE commentaire de notation",
        "FUITE motif privé du jury",
        "Ophélie Cachefuite",
        "gaspard@fuite.test",
        "Saison 3 : le calendrier en préparation",
        "Vélo des agents",
        "Karim Mansouri",
        "jury.president@tremplin.test",
        "Décision de test.",
        "FUITE sujet de coaching",
        "FUITE jalon interne",
        "FUITE commentaire sur le temps donné",
        "FUITE moyen accordé",
        "98\xa0765",
        "FUITE problème d'un bilan brouillon",
        "FUITE résultats d'un bilan déposé",
        "FUITE source proposée",
        "4\xa0242",
        "FUITE source refusée",
        "FUITE indicateur non publié",
        "6464",
        "FUITE indicateur d'un projet non publié",
        "FUITE source d'un projet non publié",
        "7171",
        # The demo's own follow-up: a coaching session, a report, a proposed measurement.
        "Préparation de la Toussaint.",
        "Prototype testé auprès des usagers",
        "Relevés de terrain des apiculteurs, avril 2022",
    } <= forbidden
    assert Measurement.objects.public().exists()
    assert Score.objects.exists() and Decision.objects.exists()


def test_indicator_file_holds_exactly_the_measurements_laureate_pages_show(client, leaky_demo):
    public = (
        Measurement.objects.public()
        .filter(indicator__project__in=Project.objects.public())
        .values_list("indicator__project__slug", "indicator__name", "measured_on", "source")
    )

    records = json.loads(client.get("/donnees/indicateurs.json").content)["mesures"]

    published = {
        (r["projet_identifiant"], r["indicateur"], r["date_mesure"], r["source"]) for r in records
    }
    assert len(records) == len(published) == len(public) > 0
    assert published == {
        (slug, name, measured_on.isoformat(), source) for slug, name, measured_on, source in public
    }


def test_every_french_public_page_reads_as_french(client, leaky_demo, french_typography):
    """No English word, no state code, no plain space before « ; : ! ? » or inside « » on
    the French pages; the English pages keep their plain spaces."""
    pages = crawl(client, sitemap_paths(client) | {"/"})

    found = {}
    for path, response in pages.items():
        if not response.headers["Content-Type"].startswith("text/html"):
            continue
        page = response.content.decode()
        if path.startswith("/en/"):
            assert "\u202f" not in visible_text(page), path
            continue
        problems = untranslated(path, page) + plain_spaces(page)
        if problems:
            found[path] = problems
    assert len(pages) > 40
    assert found == {}
