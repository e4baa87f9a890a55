"""The sitemap lists every public page, in both languages, and nothing else."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from tests.editions.factories import CallFactory, EditionFactory
from tests.programme.factories import NewsItemFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        urlsplit(url.findtext(f"{SITEMAP}loc")).path: {
            link.get("hreflang"): urlsplit(link.get("href")).path
            for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_every_public_page_with_its_other_language(client):
    project = ProjectFactory()
    edition = project.application.call.edition
    news = NewsItemFactory(published=True)
    archived = NewsItemFactory(archived=True)

    pages = sitemap(client)

    expected = {
        "/",
        "/editions/",
        f"/editions/{edition.slug}/",
        f"/appels/{edition.slug}/",
        "/laureats/",
        f"/laureats/{project.slug}/",
        "/actualites/",
        f"/actualites/{news.slug}/",
        f"/actualites/{archived.slug}/",
        "/donnees/",
        "/accessibilite/",
        "/mentions-legales/",
        "/donnees-personnelles/",
    }
    assert expected | {f"/en{path}" for path in expected} <= set(pages)
    assert pages[f"/laureats/{project.slug}/"] == {
        "fr": f"/laureats/{project.slug}/",
        "en": f"/en/laureats/{project.slug}/",
        "x-default": f"/laureats/{project.slug}/",
    }
    files = {
        f"/donnees/{name}.{extension}"
        for name in ("laureats", "indicateurs")
        for extension in ("csv", "json", "schema.json")
    }
    assert files <= set(pages)
    assert "/en/donnees/laureats.csv" not in pages


def test_sitemap_leaves_out_what_is_not_public(client):
    hidden = ProjectFactory(is_published=False)
    draft = NewsItemFactory()
    hidden_edition = EditionFactory(slug="saison-cachee", is_published=False)
    CallFactory(edition=hidden_edition)
    unpublished_call = CallFactory(is_published=False)

    pages = sitemap(client)

    assert f"/laureats/{hidden.slug}/" not in pages
    assert f"/actualites/{draft.slug}/" not in pages
    assert "/editions/saison-cachee/" not in pages
    assert f"/appels/{unpublished_call.edition.slug}/" not in pages
    assert f"/editions/{unpublished_call.edition.slug}/" in pages
