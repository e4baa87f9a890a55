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
    # The latest laureates: the recent season's (the demo's continuation), then edition 2's.
    for title in (
        "Fuites en vue",
        "Navette des zones d'activités",
        "Répar'café des quartiers",
        "Le Havre Étudiant",
        "ZAE Renouveau",
        "Ruches de l'estuaire",
    ):
        assert title in text
    # The current season's call is open on the day the demo is loaded.
    assert any_page.get_by_role("link", name="Candidater").first.is_visible()
    assert_no_csp_violation(any_page)
    assert_accessible(any_page)
    save_screenshot(any_page)


def test_demo_renewed_project_shows_the_results_that_justified_its_renewal(
    demo, any_page, live_server, assert_accessible, assert_no_csp_violation, save_screenshot
):
    any_page.goto(f"{live_server.url}/laureats/carbolocal/")

    results = any_page.get_by_role("region", name="Résultats et indicateurs d'impact")
    assert results.get_by_role("heading", level=3).all_inner_texts() == [
        "Exploitations agricoles engagées dans un diagnostic carbone",
        "Émissions compensées localement",
        "Entreprises contributrices",
    ]
    assert results.locator("svg[role=img]").count() == 3
    assert results.locator("table caption").count() == 3
    assert "Registre des conventions de diagnostic" in results.inner_text()
    assert_no_csp_violation(any_page)
    assert_accessible(any_page)
    save_screenshot(any_page)
