"""Every URL pattern and the roles that may reach it.

A URL pattern without a row in ``tests/url_table.py`` (the site) or
``tests/admin_url_table.py`` (the admin) fails the suite: adding a page means saying who
may see it, and the parametrised tests below then check each role against the table.
A refused role gets a 403, a 404 or the sign-in page, and reads none of the world's
secrets; a POST leaves the world as it was for them, and does its effect for the others.
"""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver

from tests.admin_url_table import ADMIN_SAMPLE, ADMIN_TABLE, ROLES_ON_EVERY_ADMIN_PAGE
from tests.roles import ROLES, SECRETS, UNVERIFIED_STAFF
from tests.url_table import URL_TABLE

TABLE = URL_TABLE | ADMIN_TABLE
GETS = {name: row for name, row in TABLE.items() if row.method == "get"}
POSTS = {name: row for name, row in TABLE.items() if row.method == "post"}


def named_patterns(resolver=None, namespace="", prefix=""):
    """Every pattern's name; an unnamed one by its whole route."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = f"{prefix}{entry.pattern}"
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner, route)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed {route}>"


def roles_for(name):
    if not name.startswith("admin:"):
        return ROLES
    if name in ADMIN_SAMPLE:
        return (*ROLES, UNVERIFIED_STAFF)
    return ROLES_ON_EVERY_ADMIN_PAGE


def cases(table):
    return [pytest.param(name, role) for name in sorted(table) for role in roles_for(name)]


def test_every_url_pattern_has_a_row_in_the_table():
    missing = sorted(set(named_patterns()) - set(TABLE))

    assert missing == []


def test_every_row_of_the_table_is_a_real_url_pattern():
    stale = sorted(set(TABLE) - set(named_patterns()))

    assert stale == []


@pytest.mark.parametrize(("name", "role"), cases(GETS))
def test_each_role_reads_exactly_the_pages_the_table_gives_it(
    shared_client_as, shared_world, name, role
):
    check(GETS[name], shared_client_as(role), shared_world, role)


@pytest.mark.parametrize(("name", "role"), cases(POSTS))
def test_each_role_does_exactly_what_the_table_gives_it_and_nothing_else(
    client_as, world, name, role
):
    check(POSTS[name], client_as(role), world, role)


def check(row, client, world, role):
    user = world.users[role]
    path = row.path(world) if callable(row.path) else row.path
    data = row.data(world) if callable(row.data) else row.data
    before = row.effect(world, user, client) if row.effect else None

    response = getattr(client, row.method)(path, data or {})

    if role in row.allowed:
        status = row.status.get(role, 200) if isinstance(row.status, dict) else row.status
        assert response.status_code == status
        assert not _is_login_redirect(response)
        if row.effect:
            assert row.effect(world, user, client) is True
    else:
        assert _is_refusal(response), response.status_code
        assert [secret for secret in SECRETS if secret.encode() in _body(response)] == []
        if row.effect:
            assert row.effect(world, user, client) == before


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _is_refusal(response):
    """A 403, a 404, the sign-in page, the second-factor page, or the admin's own refusal
    to sign out someone it never let in (a redirect to its index, which asks them to sign
    in)."""
    location = response.headers.get("Location", "")
    return (
        response.status_code in (403, 404)
        or _is_login_redirect(response)
        or (response.status_code == 302 and location.startswith(SECOND_FACTOR_PAGES))
        or (response.status_code == 302 and location == "/admin/")
    )


# Where an account that needs a second factor and has not passed it is sent.
SECOND_FACTOR_PAGES = ("/connexion/second-facteur/", "/connexion/second-facteur/activer/")


def _is_login_redirect(response):
    """A redirect to the admin's login page or to the site's sign-in page."""
    location = response.headers.get("Location", "")
    return response.status_code == 302 and (
        "login" in location or location.startswith(resolve_url(settings.LOGIN_URL) + "?")
    )


# Where each planted secret shows, to someone allowed: a secret nobody can read would
# make the check on refused roles pass for nothing.
SECRET_PAGES = {
    "Candidature confidentielle": ("applicant", "projects:application_detail"),
    "Commentaire de note confidentiel": ("staff", "admin:jury_score_change"),
    "Motif interne confidentiel": ("president", "jury:decision"),
    "Indicateur confidentiel": ("coach", "projects:indicator_edit"),
}


def test_every_secret_has_a_page_that_shows_it():
    assert sorted(SECRET_PAGES) == sorted(SECRETS)


@pytest.mark.parametrize("secret", sorted(SECRET_PAGES))
def test_each_planted_secret_is_on_a_page_of_someone_allowed(
    shared_client_as, shared_world, secret
):
    role, name = SECRET_PAGES[secret]
    row = TABLE[name]

    response = shared_client_as(role).get(row.path(shared_world))

    assert secret in response.content.decode()
