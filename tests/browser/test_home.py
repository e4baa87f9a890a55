"""The public home page in a real browser, at desktop and phone widths."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from editions.models import Call, Edition
from programme.models import Objective, Programme

pytestmark = pytest.mark.browser

PARIS = ZoneInfo("Europe/Paris")
OBJECTIVES = [
    "Faire éclore de nouveaux services publics avec les méthodes des start-up",
    "Acculturer les services aux méthodes d'innovation",
    "Associer les acteurs du territoire à l'innovation publique",
]


@pytest.fixture
def programme():
    programme = Programme.objects.create(
        name="Appel à innovateur territorial",
        slug="appel-a-innovateur-territorial",
        authority_name="Le Havre Seine Métropole",
        tagline="Des agents et des acteurs du territoire qui inventent le service public.",
        description="Un programme d'intrapreneuriat lancé en décembre 2020.",
        contact_email="innovation@example.org",
        website_url="https://www.example.org/",
        primary_colour="#00607A",
        secondary_colour="#0B2545",
    )
    for position, title in enumerate(OBJECTIVES, start=1):
        Objective.objects.create(programme=programme, position=position, title=title)
    return programme


@pytest.fixture
def closing_year():
    return timezone.localdate().year + 1


@pytest.fixture
def editions(programme, closing_year):
    first = Edition.objects.create(
        programme=programme,
        number=1,
        name="Saison 1",
        year=2021,
        slug="saison-1",
        is_published=True,
    )
    Call.objects.create(
        edition=first,
        title="Appel à candidatures de la saison 1",
        opens_at=datetime.datetime(2020, 12, 1, 9, 0, tzinfo=PARIS),
        closes_at=datetime.datetime(2021, 1, 31, 23, 59, 59, tzinfo=PARIS),
        is_published=True,
    )
    second = Edition.objects.create(
        programme=programme,
        number=2,
        name="Saison 2",
        year=closing_year,
        slug="saison-2",
        is_published=True,
    )
    Call.objects.create(
        edition=second,
        title="Appel à candidatures de la saison 2",
        opens_at=timezone.now() - datetime.timedelta(days=10),
        closes_at=datetime.datetime(closing_year, 1, 31, 23, 59, 59, tzinfo=PARIS),
        is_published=True,
    )
    return [first, second]


def test_home_shows_programme_and_calls(
    any_page, editions, closing_year, assert_accessible, assert_no_csp_violation, save_screenshot
):
    any_page.goto("/")

    assert any_page.locator("h1").all_inner_texts() == ["Appel à innovateur territorial"]
    assert any_page.title() == "Accueil — Appel à innovateur territorial"
    objectives = any_page.locator(".tremplin-objective-title").all_inner_texts()
    assert objectives == OBJECTIVES
    open_call = any_page.locator("article", has_text="Saison 2")
    assert "Appel à candidatures de la saison 2" in open_call.inner_text()
    assert "Appel ouvert" in open_call.inner_text()
    assert f"clôture le 31 janvier {closing_year} à 23:59" in open_call.inner_text()
    closed_call = any_page.locator("article", has_text="Saison 1")
    assert "Appel clos" in closed_call.inner_text()
    assert "clos le 31 janvier 2021" in closed_call.inner_text()
    assert "Aucun projet lauréat n'est publié pour le moment." in any_page.inner_text("main")
    save_screenshot(any_page)
    assert_no_csp_violation(any_page)
    assert_accessible(any_page)


def test_home_skip_link_is_first_focusable(any_page, programme):
    any_page.goto("/")

    any_page.keyboard.press("Tab")
    focused = any_page.evaluate(
        "[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Aller au contenu", "#contenu"]
    assert any_page.locator(".skip-link").is_visible()
    box = any_page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0

    any_page.keyboard.press("Enter")
    assert any_page.evaluate("document.activeElement.id") == "contenu"


def test_home_stylesheets_and_script_load_from_the_site(any_page, programme, console_errors):
    any_page.goto("/")

    bootstrap_loaded = any_page.evaluate("typeof window.bootstrap === 'object'")
    primary = any_page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--bs-primary').trim()"
    )
    header_background = any_page.evaluate(
        "getComputedStyle(document.querySelector('.tremplin-header')).backgroundColor"
    )
    assert bootstrap_loaded is True
    assert primary == "#00607a"
    assert header_background == "rgb(11, 37, 69)"
    assert console_errors(any_page) == []


def test_home_phone_menu_opens_with_the_toggler(phone_page, programme):
    phone_page.goto("/")
    menu_link = phone_page.get_by_role("link", name="Accueil", exact=True)
    assert menu_link.is_visible() is False

    phone_page.get_by_role("button", name="Menu").click()

    menu_link.wait_for(state="visible")
    assert phone_page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "true"


def test_home_without_anything_published_says_so(
    page, assert_accessible, assert_no_csp_violation, save_screenshot
):
    page.goto("/")

    main = page.inner_text("main")
    assert page.locator("h1").all_inner_texts() == ["Tremplin"]
    assert "Le programme n'est pas encore configuré." in main
    assert "Aucune édition n'est publiée pour le moment." in main
    assert "Aucune actualité pour le moment." in main
    save_screenshot(page)
    assert_no_csp_violation(page)
    assert_accessible(page)


def test_language_switch_changes_the_page_language(page, programme):
    page.goto("/")

    page.get_by_role("link", name="English").click()

    page.wait_for_url("**/en/")
    assert page.evaluate("document.documentElement.lang") == "en"
    current = page.locator(".tremplin-languages [aria-current=true]")
    assert current.text_content() == "English"


def test_not_found_page_in_french(any_page, programme, assert_accessible, save_screenshot):
    response = any_page.goto("/cette-page-n-existe-pas/")

    assert response.status == 404
    assert any_page.locator("h1").all_inner_texts() == ["Page introuvable"]
    assert any_page.title() == "Page introuvable — Appel à innovateur territorial"
    home_link = any_page.get_by_role("link", name="Retour à l'accueil")
    assert home_link.get_attribute("href") == "/"
    save_screenshot(any_page)
    assert_accessible(any_page)
