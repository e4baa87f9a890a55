"""The sitemap lists every public page, in both languages, and nothing else."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme import public_cache
from programme.sitemaps import LocalisedSitemap
from tests.editions.factories import CallFactory, EditionFactory
from tests.programme.factories import NewsItemFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap(client):
    """Every address the sitemap lists, through its index, with its alternates."""
    pages = {}
    for address in index_files(client):
        response = client.get(f"{address.path}?{address.query}" if address.query else address.path)
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        pages |= {
            urlsplit(url.findtext(f"{SITEMAP}loc")).path: {
                link.get("hreflang"): urlsplit(link.get("href")).path
                for link in url.findall(f"{XHTML}link")
            }
            for url in root.findall(f"{SITEMAP}url")
        }
    return pages


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


def index_files(client):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [
        urlsplit(entry.findtext(f"{SITEMAP}loc")) for entry in root.findall(f"{SITEMAP}sitemap")
    ]


def listed(client, address):
    response = client.get(f"{address.path}?{address.query}" if address.query else address.path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [urlsplit(url.findtext(f"{SITEMAP}loc")).path for url in root.findall(f"{SITEMAP}url")]


def test_past_the_limit_the_sitemap_is_an_index_of_files_that_list_every_page(client, monkeypatch):
    projects = [ProjectFactory() for _index in range(3)]
    whole = set(sitemap(client))
    # Three laureates in two languages: 6 addresses, past a limit of 4 per file (a change
    # of code, which a release brings: the cached sitemap of the old code is dropped).
    monkeypatch.setattr(LocalisedSitemap, "limit", 4)
    public_cache.invalidate()

    files = index_files(client)

    addresses = [f"{file.path}?{file.query}" if file.query else file.path for file in files]
    sections = {address.split("?")[0] for address in addresses}
    assert sections == {
        f"/sitemap-{name}.xml"
        for name in ("sections", "editions", "laureates", "news", "legal", "open_data")
    }
    laureates = addresses.index("/sitemap-laureates.xml")
    assert addresses[laureates + 1 : laureates + 3] == [
        "/sitemap-laureates.xml?p=2",
        "/sitemap-news.xml",
    ]
    parts = [listed(client, file) for file in files]
    # The open data files, one address each, have the protocol's limit.
    localised = [
        part for address, part in zip(addresses, parts, strict=True) if "open_data" not in address
    ]
    assert all(len(part) <= 4 for part in localised)
    assert sorted(path for part in parts for path in part) == sorted(whole)
    last = projects[-1].slug
    assert parts[laureates + 1] == [f"/laureats/{last}/", f"/en/laureats/{last}/"]


def test_the_sitemap_is_an_index_of_one_file_per_section_within_the_limit(client):
    ProjectFactory()

    files = index_files(client)

    assert [file.path for file in files] == [
        f"/sitemap-{name}.xml"
        for name in ("sections", "editions", "laureates", "news", "legal", "open_data")
    ]
    assert not any(file.query for file in files)


def test_the_index_reads_no_item_and_keeps_its_queries_as_laureates_grow(
    client, django_assert_max_num_queries
):
    ProjectFactory()
    with CaptureQueriesContext(connection) as one:
        client.get("/sitemap.xml")
    for _index in range(19):
        ProjectFactory()
    public_cache.invalidate()

    with django_assert_max_num_queries(len(one)) as many:
        client.get("/sitemap.xml")

    sql = " ".join(query["sql"] for query in many.captured_queries)
    assert '"projects_project"."slug"' not in sql


def test_an_unknown_section_of_the_sitemap_is_not_found(client):
    assert client.get("/sitemap-inconnue.xml").status_code == 404


def test_the_sitemap_query_count_stays_flat_from_1_to_20_laureates(
    client, django_assert_max_num_queries
):
    ProjectFactory()
    NewsItemFactory(published=True)
    with CaptureQueriesContext(connection) as one:
        sitemap(client)
    for _index in range(19):
        ProjectFactory()
    NewsItemFactory.create_batch(5, published=True)

    with django_assert_max_num_queries(len(one)):
        pages = sitemap(client)

    assert (
        len([path for path in pages if path.startswith("/laureats/") and path != "/laureats/"])
        == 20
    )
