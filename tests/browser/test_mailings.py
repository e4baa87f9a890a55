"""Staff write to the laureate teams of an edition, preview, send, and follow the mailing
from the list to its page, in a real browser: each screen accessible and within the CSP."""

import pytest

from projects.mailings.models import Mailing
from tests.browser.story_steps import password_sign_in
from tests.editions.factories import CallFactory
from tests.programme.factories import UserFactory
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.browser
STAFF = "innovation@agglo.test"


@pytest.fixture
def laureate(transactional_db):
    UserFactory(email=STAFF, innovation_staff=True)
    call = CallFactory(edition__name="Saison 2024", edition__slug="saison-2024")
    return ApplicationFactory(call=call, selected=True, title="Bus à la demande")


def test_staff_send_a_mailing_and_read_its_page(
    laureate, page, assert_accessible, assert_no_csp_violation
):
    password_sign_in(page, STAFF)
    page.goto("/admin/envois-groupes/nouveau/")
    page.get_by_label("Édition").select_option(label="Saison 2024")
    page.get_by_label("Équipes").select_option(value="laureates")
    page.get_by_label("Objet").fill("Atelier de {{ projet }}")
    page.get_by_label("Texte").fill("Bonjour {{ membre }},\n\nRendez-vous jeudi.")
    page.get_by_role("button", name="Aperçu").click()
    page.get_by_role("heading", name="Aperçu : 1 mail à envoyer, voici le premier").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer").click()
    page.locator(".messagelist .success").first.wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Atelier de {{ projet }}").click()

    mailing = Mailing.objects.get()
    assert page.url.endswith(f"/admin/envois-groupes/{mailing.pk}/")
    page.get_by_role("cell", name="Atelier de Bus à la demande").wait_for()
    assert page.get_by_role("cell", name="Envoyé", exact=True).count() == 1
    assert_accessible(page)
    assert_no_csp_violation(page)
