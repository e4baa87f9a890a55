"""The news: list, article (with the archive banner), Atom feed, automatic archiving."""

import datetime
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programme.enums import NewsStatus
from programme.models import NewsItem
from programme.services import archive_stale_news, move_news_item
from tests.programme.factories import NEWS_PUBLISHED_AT, NewsItemFactory

pytestmark = pytest.mark.django_db

ARCHIVE_BANNER = (
    "L'article que vous consultez est archivé, il aborde un sujet qui n'est plus d'actualité."
)
ATOM = "{http://www.w3.org/2005/Atom}"


def test_news_list_shows_published_and_archived_items_never_drafts(client):
    NewsItemFactory(title="Lancement de la saison 2", published=True, category="Innovation")
    NewsItemFactory(title="Résultats du jury", archived=True)
    NewsItemFactory(title="Brouillon de la saison 3")

    html = client.get("/actualites/").content.decode()

    assert "Lancement de la saison 2" in html
    assert "Innovation" in html
    assert "Résultats du jury" in html
    assert '<span class="badge tremplin-archived">Archivée</span>' in html
    assert "Brouillon de la saison 3" not in html
    assert "<title>Actualités — " in html


def test_news_list_puts_the_latest_first_and_pages_by_ten(client):
    for day in range(1, 13):
        NewsItemFactory(
            title=f"Actualité du {day} mars",
            published=True,
            to_published=NEWS_PUBLISHED_AT.replace(day=day),
        )

    first = client.get("/actualites/").content.decode()
    second = client.get("/actualites/?page=2").content.decode()

    assert first.index("Actualité du 12 mars") < first.index("Actualité du 11 mars")
    assert "Actualité du 3 mars" in first and "Actualité du 2 mars" not in first
    assert "Actualité du 2 mars" in second and "Actualité du 1 mars" in second
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2' in second
    assert "<title>Actualités, page 2 — " in second


def test_news_article_shows_its_text_without_the_archive_banner(client):
    item = NewsItemFactory(
        title="La saison 2 est lancée",
        summary="Agents et acteurs du territoire ont jusqu'au 31 janvier.",
        body="Premier paragraphe.\n\nSecond paragraphe <script>alert(1)</script>.",
        published=True,
    )

    html = client.get(f"/actualites/{item.slug}/").content.decode()

    assert '<h1 class="tremplin-page-title">La saison 2 est lancée</h1>' in html
    assert "<p>Premier paragraphe.</p>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<time datetime="2022-03-28T10:00:00+02:00">28 mars 2022</time>' in html
    assert ARCHIVE_BANNER not in html
    assert '<meta property="og:type" content="article">' in html


def test_archived_news_article_says_it_is_archived(client):
    item = NewsItemFactory(title="Résultats du jury du 15 mars", archived=True)

    html = client.get(f"/actualites/{item.slug}/").content.decode()

    assert ARCHIVE_BANNER in html
    assert "archivée le <time" in html


def test_draft_news_article_is_not_found(client):
    item = NewsItemFactory(title="Brouillon confidentiel")

    response = client.get(f"/actualites/{item.slug}/")

    assert response.status_code == 404
    assert "Brouillon confidentiel" not in response.content.decode()


def test_feed_lists_current_news_as_atom(client):
    NewsItemFactory(
        title="La saison 2 est lancée",
        slug="saison-2",
        summary="Candidatures <b>jusqu'au 31 janvier</b>.",
        published=True,
    )
    NewsItemFactory(title="Ancienne actualité", archived=True)
    NewsItemFactory(title="Brouillon")

    response = client.get("/actualites/flux.atom")

    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["La saison 2 est lancée"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == "http://testserver/actualites/saison-2/"
    # The summary is text: its markup is escaped before the feed escapes it for XML.
    assert "&lt;b&gt;" in entries[0].findtext(f"{ATOM}summary")
    assert feed.findtext(f"{ATOM}title") == "Actualités — Appel à innovateur territorial"


def test_feed_is_linked_from_public_pages(client):
    html = client.get("/actualites/").content.decode()

    assert '<link rel="alternate" type="application/atom+xml" href="/actualites/flux.atom"' in html


@pytest.mark.parametrize("path", ["/actualites/", "/actualites/flux.atom", "/actualites/{slug}/"])
def test_news_pages_query_count_stays_flat_as_news_grow(client, path):
    item = NewsItemFactory(published=True)
    url = path.format(slug=item.slug)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(11):
        NewsItemFactory(published=True)
    NewsItemFactory(archived=True)

    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200

    assert len(large) == len(small)


def test_archiving_archives_items_published_longer_ago_than_the_age():
    old = NewsItemFactory(title="Ancienne", published=True)
    recent = NewsItemFactory(
        title="Récente", published=True, to_published=timezone.now() - datetime.timedelta(days=3)
    )
    draft = NewsItemFactory(title="Brouillon")
    NewsItem.objects.filter(pk=old.pk).update(updated_at=NEWS_PUBLISHED_AT)

    archived = archive_stale_news(older_than=datetime.timedelta(days=365))

    assert [item.pk for item in archived] == [old.pk]
    old.refresh_from_db()
    assert old.status == NewsStatus.ARCHIVED
    assert old.archived_at is not None
    assert old.status_changed_by is None
    assert NewsItem.objects.get(pk=recent.pk).status == NewsStatus.PUBLISHED
    assert NewsItem.objects.get(pk=draft.pk).status == NewsStatus.DRAFT


def test_archiving_leaves_an_old_item_staff_unarchived_lately():
    item = NewsItemFactory(archived=True)
    move_news_item(item, NewsStatus.PUBLISHED, actor=None)  # staff bring it back today

    archived = archive_stale_news(older_than=datetime.timedelta(days=365))

    assert archived == []
    assert NewsItem.objects.get(pk=item.pk).status == NewsStatus.PUBLISHED


def test_archive_command_uses_the_configured_age(settings):
    settings.TREMPLIN_NEWS_ARCHIVE_AFTER_DAYS = 30
    item = NewsItemFactory(
        slug="il-y-a-40-jours",
        published=True,
        to_published=timezone.now() - datetime.timedelta(days=40),
    )
    NewsItem.objects.filter(pk=item.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=40)
    )
    output = StringIO()

    call_command("archive_old_news", stdout=output)

    assert NewsItem.objects.get(pk=item.pk).status == NewsStatus.ARCHIVED
    assert "Archived: il-y-a-40-jours" in output.getvalue()
    assert "1 news item(s) older than 30 days archived." in output.getvalue()


def test_archive_command_does_nothing_when_the_age_is_zero(settings):
    settings.TREMPLIN_NEWS_ARCHIVE_AFTER_DAYS = 0
    item = NewsItemFactory(published=True)
    output = StringIO()

    call_command("archive_old_news", stdout=output)

    assert NewsItem.objects.get(pk=item.pk).status == NewsStatus.PUBLISHED
    assert "Automatic archiving is off" in output.getvalue()


def test_moving_a_news_item_marks_it_changed():
    item = NewsItemFactory()
    NewsItem.objects.filter(pk=item.pk).update(updated_at=NEWS_PUBLISHED_AT)

    move_news_item(item, NewsStatus.PUBLISHED, actor=None)

    assert NewsItem.objects.get(pk=item.pk).updated_at > NEWS_PUBLISHED_AT
