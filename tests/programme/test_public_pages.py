"""Public pages are the same for everyone and cacheable: no cookie, no Vary: Cookie, an
ETag that changes when staff publish a change, and 304 when nothing changed."""

import datetime

import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import LocalePrefixPattern, URLResolver, get_resolver
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from editions.enums import Phase
from programme import public_cache, public_pages
from programme.enums import DecisionSource, NewsStatus
from programme.services import move_news_item
from projects.laureates.services import move_project
from projects.publication import publish_history
from tests.editions.factories import CallFactory
from tests.programme.factories import NewsItemFactory, UserFactory
from tests.projects.factories import ProjectFactory
from tests.url_table import PUBLIC_PAGES_WITHOUT_AN_OBJECT

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

PUBLIC_PATHS = [*PUBLIC_PAGES_WITHOUT_AN_OBJECT, "/laureats/?q=ruches&phase=pre_incubation"]


@pytest.fixture
def site():
    """A laureate, a published news item and an open call: every kind of public page."""
    project = ProjectFactory(application__title="Ruches de l'estuaire")
    news = NewsItemFactory(published=True)
    return {"project": project, "news": news, "call": project.application.call}


def object_paths(site):
    return [
        f"/laureats/{site['project'].slug}/",
        f"/editions/{site['call'].edition.slug}/",
        f"/appels/{site['call'].edition.slug}/",
        f"/actualites/{site['news'].slug}/",
        f"/en/laureats/{site['project'].slug}/",
    ]


def all_public_paths(site):
    return PUBLIC_PATHS + object_paths(site)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_public_pages_set_no_cookie_and_do_not_vary_on_cookies(client, site, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    client.cookies["django_language"] = "en"

    for path in all_public_paths(site):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.cookies == {}, path
        assert "Cookie" not in response.headers.get("Vary", ""), path
        assert response.headers["Cache-Control"] == "public, max-age=60", path
        assert response.headers["ETag"].startswith('"'), path


def test_public_page_carries_no_csrf_token_nor_personal_header(client, site):
    client.force_login(UserFactory(first_name="Héloïse", last_name="Secrète"))

    html = client.get("/").content.decode()

    assert "csrfmiddlewaretoken" not in html
    assert "Héloïse" not in html
    assert "Se déconnecter" not in html


def test_max_age_follows_the_setting(client, site, settings):
    settings.TREMPLIN_PUBLIC_MAX_AGE = 300

    response = client.get("/laureats/")

    assert response.headers["Cache-Control"] == "public, max-age=300"


def test_unchanged_page_answers_304_without_rendering(client, site):
    first = client.get("/laureats/")
    # Not from the shared cache (tests/programme/test_public_cache.py): from the ETag.
    public_cache.invalidate()

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/laureats/", HTTP_IF_NONE_MATCH=first.headers["ETag"])

    assert second.status_code == 304
    assert second.content == b""
    assert second.headers["Cache-Control"] == "public, max-age=60"
    assert len(queries) == 1  # the fingerprint, nothing else


def test_etag_differs_by_language(client, site):
    french = client.get("/laureats/").headers["ETag"]

    english = client.get("/en/laureats/").headers["ETag"]

    assert french != english


def etag(client, path="/"):
    return client.get(path).headers["ETag"]


def test_etag_changes_when_staff_publish_a_news_item(client, site):
    draft = NewsItemFactory(title="Nouvelle saison")
    before = etag(client, "/actualites/")

    move_news_item(draft, NewsStatus.PUBLISHED, actor=UserFactory(innovation_staff=True))

    assert etag(client, "/actualites/") != before
    assert "Nouvelle saison" in client.get("/actualites/").content.decode()


def test_etag_changes_when_staff_archive_a_news_item(client, site):
    before = etag(client, f"/actualites/{site['news'].slug}/")

    move_news_item(site["news"], NewsStatus.ARCHIVED, actor=None)

    assert etag(client, f"/actualites/{site['news'].slug}/") != before


def test_etag_changes_when_staff_publish_or_hide_a_project(client, site):
    before = etag(client, "/laureats/")

    site["project"].is_published = False
    site["project"].save()

    assert etag(client, "/laureats/") != before


def test_etag_changes_when_staff_edit_anything_in_the_admin(client, site):
    # A theme has no modification date: the admin's log tells that something changed.
    theme = site["project"].theme
    before = etag(client, "/laureats/")
    staff = Client()
    staff.force_login(UserFactory(innovation_staff=True))

    response = staff.post(
        f"/admin/programme/theme/{theme.pk}/change/",
        {"name": "Biodiversité et abeilles", "slug": theme.slug, "description": ""},
    )

    assert response.status_code == 302
    assert etag(client, "/laureats/") != before
    assert "Biodiversité et abeilles" in client.get("/laureats/").content.decode()


def test_etag_changes_when_staff_publish_a_jury_decision(client, site):
    history = move_project(
        site["project"],
        Phase.EXPERIMENTATION,
        period=site["project"].periods.open().get(),
        actor=UserFactory(),
        decided_by=DecisionSource.JURY,
        reason="Décision du jury, séance du 15 septembre 2022. Prototype prometteur.",
        at=timezone.now(),
    )
    before = etag(client, f"/laureats/{site['project'].slug}/")

    publish_history(history, actor=None, at=timezone.now(), notify=False)

    assert etag(client, f"/laureats/{site['project'].slug}/") != before


def test_etag_of_a_call_page_changes_when_the_call_opens(client, monkeypatch):
    opens_at = timezone.now() + datetime.timedelta(hours=1)
    call = CallFactory(opens_at=opens_at, closes_at=opens_at + datetime.timedelta(days=30))
    path = f"/appels/{call.edition.slug}/"
    before = client.get(path)
    assert "Appel à venir" in before.content.decode()
    later = opens_at + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    after = client.get(path, HTTP_IF_NONE_MATCH=before.headers["ETag"])

    assert after.status_code == 200
    assert "Appel ouvert" in after.content.decode()


def test_etag_changes_with_the_release_of_the_code(client, site, monkeypatch):
    before = etag(client)

    monkeypatch.setattr(public_pages, "release", lambda: "une-autre-version")

    assert etag(client) != before


def test_release_is_the_setting_when_given(settings):
    settings.TREMPLIN_RELEASE = "2024.06.1"

    assert public_pages.release() == "2024.06.1"


def test_public_pages_answer_get_and_head_only(client, site):
    assert client.post("/laureats/").status_code == 405
    assert client.head("/laureats/").status_code == 200


def test_health_endpoint_says_ok_and_is_never_cached(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\noldest queued task: 0 s\n"
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response.headers["Cache-Control"]
    assert response.cookies == {}


def test_health_endpoint_reports_the_age_of_the_oldest_task_waiting_for_the_worker(client):
    now = timezone.now()
    for minutes in (3, 1):
        queued = DBTaskResult.objects.create(
            task_path="programme.tasks.send_sign_in_link_mail",
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="default",
        )
        DBTaskResult.objects.filter(pk=queued.pk).update(
            enqueued_at=now - datetime.timedelta(minutes=minutes)
        )

    response = client.get("/healthz")

    assert response.content.decode().splitlines() == ["ok", "oldest queued task: 180 s"]


def test_health_endpoint_and_language_switch_read_no_data(client, site):
    with CaptureQueriesContext(connection) as health:
        client.get("/healthz")
    with CaptureQueriesContext(connection) as switch:
        client.get("/langue/en/", {"next": f"/laureats/{site['project'].slug}/"})

    assert len(health) == 1
    assert DBTaskResult._meta.db_table in health[0]["sql"]
    assert len(switch) == 0


def test_health_endpoint_answers_503_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert "no-store" in response.headers["Cache-Control"]


# Files whose content is the same in every language: one address each.
LANGUAGE_NEUTRAL = {
    "theme_css",
    "sitemap",
    "sitemap_section",
    "open_data:laureates_csv",
    "open_data:laureates_json",
    "open_data:laureates_schema",
    "open_data:indicators_csv",
    "open_data:indicators_json",
    "open_data:indicators_schema",
}


def public_patterns(resolver=None, namespace="", localised=False):
    """(name, is it under the language prefix, is it a public page) of every pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            under_prefix = localised or isinstance(entry.pattern, LocalePrefixPattern)
            yield from public_patterns(entry, inner, under_prefix)
        else:
            public = getattr(entry.callback, "is_public_page", False)
            yield f"{namespace}{entry.name}", localised, public


def test_every_public_page_has_an_address_per_language_but_the_files():
    patterns = list(public_patterns())

    without_prefix = {name for name, localised, public in patterns if public and not localised}
    not_public_under_prefix = {
        name for name, localised, public in patterns if localised and not public
    }

    assert without_prefix == LANGUAGE_NEUTRAL
    assert not_public_under_prefix == set()
