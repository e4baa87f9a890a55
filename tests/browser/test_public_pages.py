"""Every kind of public page in a real browser, on a desktop and on a phone, over the demo
data: one h1, a title that says where you are, no CSP violation, no serious or critical
axe-core violation."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

# (label, path, expected h1, expected start of the title)
PAGES = [
    ("home", "/", "Appel à innovateur territorial", "Accueil"),
    ("editions", "/editions/", "Les éditions du programme", "Éditions"),
    ("edition", "/editions/saison-2/", "Saison 2", "Saison 2 — Éditions"),
    ("call", "/appels/saison-2/", "Appel à innovateur territorial — saison 2", "Appel"),
    ("laureates", "/laureats/", "Projets lauréats", "Projets lauréats"),
    ("search", "/laureats/?q=ruches&phase=pre_incubation", "Projets lauréats", "Projets"),
    ("laureate", "/laureats/carbolocal/", "Carbolocal", "Carbolocal — Projets lauréats"),
    ("news", "/actualites/", "Actualités", "Actualités"),
    (
        "article",
        "/actualites/phase-investigation-4-projets/",
        "Innovateur territorial : la phase d'investigation commence pour les 4 projets retenus",
        "Innovateur territorial",
    ),
    ("open-data", "/donnees/", "Données ouvertes", "Données ouvertes"),
    ("accessibility", "/accessibilite/", "Déclaration d'accessibilité", "Déclaration"),
    ("legal-notice", "/mentions-legales/", "Mentions légales", "Mentions légales"),
    ("personal-data", "/donnees-personnelles/", "Données personnelles", "Données personnelles"),
    ("english", "/en/laureats/ruches-de-lestuaire/", "Ruches de l'estuaire", "Ruches"),
]


def test_no_public_page_scrolls_sideways_on_a_320_pixel_screen(
    narrow_page, demo, french_typography
):
    """With the unbreakable spaces of French typography, which keep words together."""
    wider = {}
    for label, path, _heading, _title in PAGES:
        narrow_page.goto(path)
        width = narrow_page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wider[label] = width

    assert wider == {}


@pytest.fixture
def demo(settings, transactional_db):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False


@pytest.mark.parametrize(("label", "path", "heading", "title"), PAGES, ids=[p[0] for p in PAGES])
def test_public_page_is_accessible(
    any_page,
    demo,
    label,
    path,
    heading,
    title,
    assert_accessible,
    assert_no_csp_violation,
    save_screenshot,
):
    response = any_page.goto(path)

    assert response.status == 200
    assert any_page.locator("h1").all_inner_texts() == [heading]
    assert any_page.title().startswith(title)
    assert any_page.title().endswith("— Appel à innovateur territorial")
    assert any_page.locator("main").count() == 1
    assert response.header_value("set-cookie") is None
    save_screenshot(any_page, label=label)
    assert_no_csp_violation(any_page)
    assert_accessible(any_page)


def test_archived_article_shows_the_banner(page, demo):
    page.goto("/actualites/phase-investigation-4-projets/")

    banner = page.get_by_role("note")
    assert banner.inner_text() == (
        "L'article que vous consultez est archivé, il aborde un sujet qui n'est plus d'actualité."
    )


def test_filters_find_laureates_on_a_phone(phone_page, demo, save_screenshot):
    phone_page.goto("/laureats/")

    phone_page.get_by_label("Phase").select_option("experimentation")
    phone_page.get_by_role("button", name="Afficher les projets").click()

    phone_page.wait_for_url("**/laureats/?**")
    results = phone_page.locator(".tremplin-card-link h3").all_inner_texts()
    # The recent season's, in the demo's continuation: the seed story's have ended.
    assert results == ["Fuites en vue", "Navette des zones d'activités"]
    assert "2 projets lauréats" in phone_page.inner_text("main")
    save_screenshot(phone_page)


def test_a_laureate_card_leads_to_its_page(page, demo):
    page.goto("/editions/saison-2/")

    page.get_by_role("link", name="Ruches de l'estuaire").click()

    page.wait_for_url("**/laureats/ruches-de-lestuaire/")
    assert page.locator("h1").inner_text() == "Ruches de l'estuaire"
    assert "Chantal Lemaire" in page.inner_text("main")  # she agreed to be named


def test_language_switch_leads_to_the_english_address(page, demo):
    page.goto("/laureats/carbolocal/")

    page.get_by_role("link", name="English").click()

    page.wait_for_url("**/en/laureats/carbolocal/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("link", name="Français").get_attribute("hreflang") == "fr"


def test_phone_menu_reaches_every_section(phone_page, demo):
    phone_page.goto("/")

    phone_page.get_by_role("button", name="Menu").click()

    for name in ("Éditions", "Lauréats", "Actualités", "Données"):
        phone_page.get_by_role("link", name=name, exact=True).wait_for(state="visible")
    phone_page.get_by_role("link", name="Lauréats", exact=True).click()
    phone_page.wait_for_url("**/laureats/")
    current = phone_page.locator("#navigation-principale [aria-current=page]")
    assert current.text_content() == "Lauréats"


def test_escape_closes_the_phone_menu_and_gives_the_focus_back_to_its_button(phone_page, demo):
    phone_page.goto("/")
    toggler = phone_page.get_by_role("button", name="Menu")
    toggler.focus()
    phone_page.keyboard.press("Enter")
    phone_page.locator("#navigation-principale.show").wait_for()  # opened, not opening
    assert toggler.get_attribute("aria-expanded") == "true"

    phone_page.keyboard.press("Escape")

    phone_page.get_by_role("link", name="Lauréats", exact=True).wait_for(state="hidden")
    assert toggler.get_attribute("aria-expanded") == "false"
    assert phone_page.evaluate("document.activeElement.classList.contains('navbar-toggler')")


def test_laureate_results_show_as_charts_and_tables_that_fit_the_screen(
    any_page, demo, assert_accessible, assert_no_csp_violation, save_screenshot
):
    any_page.goto("/laureats/pierre2vies/")

    results = any_page.get_by_role("region", name="Résultats et indicateurs d'impact")
    charts = results.get_by_role("img", name=re.compile("^Évolution de l'indicateur"))
    tables = results.get_by_role("table", name=re.compile("^Mesures validées de l'indicateur"))
    assert charts.count() == 3
    assert tables.count() == 3
    first = tables.first
    assert first.locator("thead th").all_inner_texts() == [
        "Date de mesure",
        "Valeur (monuments)",
        "Source",
    ]
    assert first.locator("tbody tr").count() == 5
    assert first.locator("tbody tr").last.inner_text().split("\t")[:2] == ["28 février 2022", "34"]
    width = any_page.viewport_size["width"]
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert any_page.evaluate("document.documentElement.scrollWidth") <= width
    results.scroll_into_view_if_needed()
    save_screenshot(any_page)
    assert_no_csp_violation(any_page)
    assert_accessible(any_page)
