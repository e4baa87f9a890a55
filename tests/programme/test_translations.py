"""French first, with a complete English translation."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_string_has_an_english_translation():
    catalogue = polib.pofile(str(CATALOGUE))

    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.django_db
def test_site_speaks_french_even_to_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.headers["Content-Language"] == "fr"
    assert "Aller au contenu" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_to_english_goes_to_the_english_address_of_a_public_page(client):
    response = client.get("/langue/en/", {"next": "/laureats/?theme=abeilles"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/laureats/?theme=abeilles"
    assert response.cookies["django_language"].value == "en"
    page = client.get(response.headers["Location"])
    assert page.headers["Content-Language"] == "en"
    assert "Skip to content" in page.content.decode()


@pytest.mark.django_db
def test_language_switch_back_to_french_leaves_the_english_address(client):
    response = client.get("/langue/fr/", {"next": "/en/laureats/"})

    assert response.headers["Location"] == "/laureats/"
    assert response.cookies["django_language"].value == "fr"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "skip_link", "vary"),
    [
        pytest.param(
            "/connexion/",
            "en",
            "Skip to content",
            "Cookie",
            id="a page without a public address follows the cookie",
        ),
        pytest.param("/", "fr", "Aller au contenu", None, id="a public page follows its address"),
    ],
)
def test_the_language_cookie_translates_only_the_pages_without_a_public_address(
    client, path, language, skip_link, vary
):
    client.get("/langue/en/", {"next": path})

    response = client.get(path)

    assert response.headers["Content-Language"] == language
    assert skip_link in response.content.decode()
    assert response.headers.get("Vary") == vary


@pytest.mark.django_db
def test_language_switch_refuses_to_send_visitors_elsewhere(client):
    response = client.get("/langue/en/", {"next": "https://exemple.test/piege/"})

    assert response.headers["Location"] == "/en/"


@pytest.mark.django_db
def test_language_switch_to_an_unknown_language_is_not_found(client):
    response = client.get("/langue/de/", {"next": "/"})

    assert response.status_code == 404
    assert "django_language" not in response.cookies


@pytest.mark.django_db
def test_english_request_leaves_the_rest_of_the_process_in_french(client):
    client.get("/langue/en/", {"next": "/"})
    client.get("/en/")
    client.get("/connexion/")

    assert translation.get_language() == "fr"
