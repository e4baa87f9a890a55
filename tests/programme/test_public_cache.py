"""The shared cache of public pages: a page rendered once is served without a query, a
change by staff is visible on the next request, time alone ends a kept page when a call
opens, and what is kept is what anyone may get."""

import datetime
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.utils import timezone

from programme import public_cache
from programme.enums import NewsStatus
from programme.public_pages import kept_in_shared_cache
from programme.services import move_news_item
from tests.editions.factories import CallFactory
from tests.programme.factories import NewsItemFactory, ProgrammeFactory, UserFactory
from tests.projects.factories import ProjectFactory
from tests.url_table import PUBLIC_PAGES_WITHOUT_AN_OBJECT

pytestmark = pytest.mark.django_db

DATA_FILES_AND_FEEDS = [
    path for path in PUBLIC_PAGES_WITHOUT_AN_OBJECT if path.endswith((".csv", ".json", ".atom"))
]


@pytest.fixture
def site():
    """A laureate, a published news item and an open call: every kind of public page."""
    project = ProjectFactory(application__title="Ruches de l'estuaire")
    news = NewsItemFactory(published=True, title="Portes ouvertes au fab lab")
    return {"project": project, "news": news, "call": project.application.call}


def every_public_path(site):
    return [
        *PUBLIC_PAGES_WITHOUT_AN_OBJECT,
        "/laureats/?q=ruches&phase=pre_incubation",
        f"/laureats/{site['project'].slug}/",
        f"/editions/{site['call'].edition.slug}/",
        f"/appels/{site['call'].edition.slug}/",
        f"/actualites/{site['news'].slug}/",
        f"/en/laureats/{site['project'].slug}/",
    ]


def test_every_public_page_is_served_from_the_cache_without_a_query(
    client, site, django_assert_num_queries
):
    for path in every_public_path(site):
        first = client.get(path)
        assert first.status_code == 200, path

        with django_assert_num_queries(0):
            second = client.get(path)

        assert second.status_code == 200, path
        assert second.content == first.content, path
        assert second.headers["Content-Type"] == first.headers["Content-Type"], path
        assert second.headers["ETag"] == first.headers["ETag"], path
        assert second.headers["Cache-Control"] == "public, max-age=60", path


@pytest.mark.parametrize("path", DATA_FILES_AND_FEEDS)
def test_data_files_and_feeds_keep_their_headers_in_the_cache(
    client, site, path, django_assert_num_queries
):
    first = client.get(path)

    with django_assert_num_queries(0):
        second = client.get(path)

    assert dict(second.headers) == dict(first.headers)


def test_a_matching_etag_gets_304_from_the_cache_without_a_query(
    client, site, django_assert_num_queries
):
    first = client.get("/laureats/")

    with django_assert_num_queries(0):
        second = client.get("/laureats/", HTTP_IF_NONE_MATCH=first.headers["ETag"])

    assert second.status_code == 304
    assert second.content == b""
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Cache-Control"] == "public, max-age=60"


def test_head_is_answered_from_the_page_a_get_kept(client, site, django_assert_num_queries):
    client.get("/editions/")

    with django_assert_num_queries(0):
        response = client.head("/editions/")

    assert response.status_code == 200
    assert response.content == b""


def test_head_keeps_nothing(client, site):
    client.head("/editions/")

    with (
        mock.patch("projects.public.views.editions.render", side_effect=AssertionError),
        pytest.raises(AssertionError),
    ):  # nothing kept: the view runs
        client.head("/editions/")


def test_post_is_refused_and_never_served_from_the_cache(client, site):
    client.get("/laureats/")

    response = client.post("/laureats/")

    assert response.status_code == 405
    assert response.content == b""


def test_languages_are_kept_apart(client, site):
    french = client.get("/laureats/")
    english = client.get("/en/laureats/")

    french_again = client.get("/laureats/")
    english_again = client.get("/en/laureats/")

    assert "Projets lauréats" in french_again.content.decode()
    assert "Laureate projects" in english_again.content.decode()
    assert french_again.content == french.content
    assert english_again.content == english.content
    assert french.headers["Content-Language"] == "fr"
    assert english_again.headers["Content-Language"] == "en"


def test_hosts_are_kept_apart_since_data_files_name_their_links(client, site):
    local = client.get("/donnees/laureats.csv", HTTP_HOST="localhost")

    other = client.get("/donnees/laureats.csv", HTTP_HOST="127.0.0.1")

    assert "http://localhost/laureats/" in local.content.decode()
    assert "http://127.0.0.1/laureats/" in other.content.decode()


@pytest.mark.parametrize("signed_in_first", [False, True], ids=["anonymous", "signed-in"])
def test_a_kept_page_sets_no_cookie_and_names_nobody(client, site, signed_in_first):
    person = Client()
    person.force_login(UserFactory(first_name="Héloïse", last_name="Secrète"))
    first, second = (person, client) if signed_in_first else (client, person)
    first.get("/")

    for visitor in (first, second):
        response = visitor.get("/")
        html = response.content.decode()
        assert response.cookies == {}
        assert "Cookie" not in response.headers.get("Vary", "")
        assert "Héloïse" not in html
        assert "csrfmiddlewaretoken" not in html
        assert "Se déconnecter" not in html


def test_a_page_rendered_for_someone_signed_in_is_kept_for_everyone(
    client, site, django_assert_num_queries
):
    person = Client()
    person.force_login(UserFactory())
    person.get("/actualites/")

    with django_assert_num_queries(0):
        response = client.get("/actualites/")
        again = person.get("/actualites/")

    assert "Portes ouvertes au fab lab" in response.content.decode()
    assert again.content == response.content


def test_a_service_change_is_visible_on_the_next_request(client, site):
    draft = NewsItemFactory(title="Nouvelle saison")
    assert "Nouvelle saison" not in client.get("/actualites/").content.decode()

    move_news_item(draft, NewsStatus.PUBLISHED, actor=UserFactory(innovation_staff=True))

    assert "Nouvelle saison" in client.get("/actualites/").content.decode()
    assert "Nouvelle saison" in client.get("/actualites/flux.atom").content.decode()


def test_an_admin_edit_is_visible_on_the_next_request(client, site):
    theme = site["project"].theme
    client.get("/laureats/")
    client.get("/donnees/laureats.json")
    staff = Client()
    staff.force_login(UserFactory(innovation_staff=True))

    response = staff.post(
        f"/admin/programme/theme/{theme.pk}/change/",
        {"name": "Biodiversité et abeilles", "slug": theme.slug, "description": ""},
    )

    assert response.status_code == 302
    assert "Biodiversité et abeilles" in client.get("/laureats/").content.decode()
    assert "Biodiversité et abeilles" in client.get("/donnees/laureats.json").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_change_ends_the_generation_again_once_when_its_transaction_commits(site):
    with mock.patch.object(transaction, "on_commit", wraps=transaction.on_commit) as on_commit:
        with transaction.atomic():
            site["news"].title = "Portes ouvertes, deuxième édition"
            site["news"].save()
            site["project"].save()
            during = public_cache.generation()
        after = public_cache.generation()

    assert [call.args for call in on_commit.call_args_list] == [(public_cache.invalidate,)]
    assert after != during


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_still_ends_the_generation_at_the_next_commit(site):
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            site["news"].save()
            raise RuntimeError("annulé")
        site["project"].save()
        during = public_cache.generation()

    assert public_cache.generation() != during


def test_a_sign_in_stamp_keeps_the_generation(site):
    before = public_cache.generation()
    user = UserFactory()
    after_creation = public_cache.generation()

    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])

    assert after_creation != before
    assert public_cache.generation() == after_creation


def test_a_call_opening_ends_the_kept_page_at_its_instant(
    client, settings, django_assert_num_queries
):
    settings.TREMPLIN_PUBLIC_CACHE_SECONDS = 7200
    now = timezone.now()
    opens_at = now + datetime.timedelta(hours=1)
    call = CallFactory(opens_at=opens_at, closes_at=opens_at + datetime.timedelta(days=30))
    path = f"/appels/{call.edition.slug}/"
    assert "Appel à venir" in client.get(path).content.decode()

    just_before = opens_at - datetime.timedelta(seconds=1)
    with mock.patch.object(timezone, "now", return_value=just_before), django_assert_num_queries(0):
        before = client.get(path)
    with mock.patch.object(timezone, "now", return_value=opens_at):
        after = client.get(path)

    assert "Appel à venir" in before.content.decode()
    assert "Appel ouvert" in after.content.decode()
    assert after.headers["ETag"] != before.headers["ETag"]


def test_a_call_closing_ends_the_kept_home_page(client):
    now = timezone.now()
    call = CallFactory(opens_at=now - datetime.timedelta(days=1), closes_at=now)
    later = now + datetime.timedelta(microseconds=1)
    with mock.patch.object(timezone, "now", return_value=now):
        at_closing = client.get(f"/appels/{call.edition.slug}/")

    with mock.patch.object(timezone, "now", return_value=later):
        after = client.get(f"/appels/{call.edition.slug}/")

    assert "Appel ouvert" in at_closing.content.decode()
    assert "Appel clos" in after.content.decode()


def test_a_page_larger_than_the_limit_is_not_kept(client, site, settings):
    settings.TREMPLIN_PUBLIC_CACHE_MAX_BYTES = 100
    first = client.get("/laureats/")

    with (
        mock.patch("projects.public.views.pages.render", side_effect=AssertionError),
        pytest.raises(AssertionError),
    ):
        client.get("/laureats/")

    assert len(first.content) > 100


def test_nothing_is_kept_when_the_setting_is_zero(client, site, settings):
    settings.TREMPLIN_PUBLIC_CACHE_SECONDS = 0
    client.get("/editions/")

    with (
        mock.patch("projects.public.views.editions.render", side_effect=AssertionError),
        pytest.raises(AssertionError),
    ):
        client.get("/editions/")


def test_pages_are_rendered_when_the_cache_fails(client, site, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis est arrêté")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)

    response = client.get("/actualites/")
    site["news"].save()  # the change still saves

    assert response.status_code == 200
    assert "Portes ouvertes au fab lab" in response.content.decode()


def test_a_page_is_kept_under_a_bounded_key(client, site):
    client.get("/laureats/?q=" + "abeilles" * 100)

    keys = [key for key in cache._cache if public_cache.ENTRY_PREFIX in key]

    assert keys
    assert {len(key) for key in keys} == {len(keys[0])}
    assert len(keys[0]) < 120


def test_theme_css_is_served_from_the_cache_and_follows_the_programme(
    client, django_assert_num_queries
):
    programme = ProgrammeFactory(primary_colour="#2a5d8f")
    first = client.get("/theme.css")

    with django_assert_num_queries(0):
        second = client.get("/theme.css")
    programme.primary_colour = "#7a1f3d"
    programme.save()
    changed = client.get("/theme.css")

    assert second.content == first.content
    assert "#2a5d8f" in first.content.decode()
    assert "#7a1f3d" in changed.content.decode()


@pytest.mark.parametrize(
    ("reads", "kept"),
    [
        (lambda request: None, True),
        (lambda request: request.session.get("tremplin_signed_in_at"), False),
        (get_token, False),
    ],
    ids=["nothing", "the session", "a CSRF token"],
)
def test_a_page_that_reads_the_visitor_is_not_kept(rf, reads, kept):
    renders = []

    @kept_in_shared_cache
    def view(request):
        renders.append(request)
        reads(request)
        return HttpResponse("Bonjour")

    for _ in range(2):
        request = rf.get("/essai/")
        request.session = SessionStore()
        assert view(request).content == b"Bonjour"

    assert len(renders) == (1 if kept else 2)
