"""Staff read the calendar, search, and prepare the next season from the last one, in a
real browser: each new screen accessible and within the CSP.

The screens are visited before the edition's change page, whose own admin widgets set
inline styles (a violation recorded for the rest of the page's life)."""

import pytest

from editions.models import Edition
from tests.browser.story_steps import password_sign_in
from tests.editions.factories import CallFactory
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.browser
STAFF = "innovation@agglo.test"


@pytest.fixture
def call(transactional_db):
    UserFactory(email=STAFF, innovation_staff=True)
    return CallFactory(
        edition__name="Saison 2024",
        edition__slug="saison-2024",
        edition__year=2024,
        title="Appel 2024",
        eligibility="Tout agent de la collectivité.",
    )


def test_staff_read_the_calendar_search_and_prepare_the_next_season(
    call, page, assert_accessible, assert_no_csp_violation
):
    password_sign_in(page, STAFF)
    page.goto("/admin/calendrier/?edition=saison-2024")
    assert_accessible(page)
    assert_no_csp_violation(page)
    assert "Clôture de l'appel" in page.content()
    page.goto("/admin/recherche/")
    page.get_by_label("Rechercher").fill("appel")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("heading", name="Candidatures").wait_for()
    assert_accessible(page)
    assert_no_csp_violation(page)
    page.goto(f"/admin/editions/edition/{call.edition.pk}/saison-suivante/")
    assert_accessible(page)
    assert_no_csp_violation(page)
    assert page.get_by_label("Nom de la nouvelle édition").input_value() == "Saison 2025"
    page.get_by_role("button", name="Préparer la saison suivante").click()
    page.locator(".messagelist .success").first.wait_for()

    season = Edition.objects.get(slug="saison-2025")
    assert season.call.eligibility == "Tout agent de la collectivité."
    assert page.locator("#id_call-0-eligibility").input_value() == "Tout agent de la collectivité."
    assert page.get_by_role("link", name="Préparer la saison suivante").count() == 1
    assert_accessible(page)
