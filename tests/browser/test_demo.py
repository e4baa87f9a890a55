"""The demo of the seed story, as a visitor first sees it in a real browser."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(settings, transactional_db):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def test_demo_home_page_renders_the_programme_its_editions_and_laureates(
    demo, any_page, live_server, assert_accessible, assert_no_csp_violation, save_screenshot
):
    any_page.goto(live_server.url)

    assert any_page.locator("h1").inner_text() == "Appel à innovateur territorial"
    assert any_page.get_by_role("heading", name="Saison 2", exact=True).is_visible()
    text = any_page.locator("main").inner_text()
    for title in (
        "Le Havre Étudiant",
        "ZAE Renouveau",
        "Ruches de l'estuaire",
        "Repérage solidaire",
    ):
        assert title in text
    assert_no_csp_violation(any_page)
    assert_accessible(any_page)
    save_screenshot(any_page)
