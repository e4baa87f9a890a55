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
def test_language_switch_to_english_translates_the_page(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = client.get("/")

    assert response.headers["Content-Language"] == "en"
    assert "Skip to content" in response.content.decode()


@pytest.mark.django_db
def test_english_request_leaves_the_rest_of_the_process_in_french(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.get("/")

    assert translation.get_language() == "fr"
