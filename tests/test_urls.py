"""The table of every URL pattern and the roles that may reach it.

A URL pattern without a row here fails the suite: adding a page means saying who may see
it, and the parametrised test below then checks each role against the table.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.roles import ROLES

EVERYONE = set(ROLES)
STAFF = {"staff"}

# name → (roles that may reach it, path to request, method, status for those roles).
# The logo answers 404 here because the test programme has none.
URL_TABLE = {
    "home": (EVERYONE, "/", "get", 200),
    "theme_css": (EVERYONE, "/theme.css", "get", 200),
    "logo": (EVERYONE, "/logo", "get", 404),
    "set_language": (EVERYONE, "/i18n/setlang/", "post", 302),
    "admin:*": (STAFF, "/admin/", "get", 200),
}


def named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed {entry}>"


def table_key(name):
    return "admin:*" if name.startswith("admin:") else name


def test_every_url_pattern_has_a_row_in_the_table():
    missing = sorted({table_key(name) for name in named_patterns()} - set(URL_TABLE))

    assert missing == []


def test_every_row_of_the_table_is_a_real_url_pattern():
    stale = sorted(set(URL_TABLE) - {table_key(name) for name in named_patterns()})

    assert stale == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(URL_TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_the_urls_the_table_gives_it(client_as, name, role):
    allowed, path, method, status = URL_TABLE[name]
    client = client_as(role)

    response = getattr(client, method)(path)

    if role in allowed:
        assert response.status_code == status
        assert not _is_login_redirect(response)
    else:
        assert response.status_code in (403, 404) or _is_login_redirect(response)


def _is_login_redirect(response):
    return response.status_code == 302 and "login" in response.headers.get("Location", "")
