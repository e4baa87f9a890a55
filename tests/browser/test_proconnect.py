"""ProConnect in a real browser, against the real OpenID Connect provider the tests
start (``tests/proconnect_provider.py``): a new account, an existing account linked by
its address, the refusal of an account linked to another identity, and the sign-out
that ends the provider's session too."""

import re

import pytest
from playwright.sync_api import expect

from programme.models import AuditEntry, ProConnectIdentity, User
from tests.programme.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("proconnect")]

BUTTON = "S'identifier avec ProConnect"
PROVIDER_LOGIN = "Connexion au fournisseur de test"


def press_the_button(page):
    page.goto("/connexion/")
    page.get_by_role("button", name=BUTTON).click()


def type_login(page, login):
    expect(page.get_by_role("heading", name=PROVIDER_LOGIN)).to_be_visible()
    page.get_by_label("Identifiant").fill(login)
    page.get_by_role("button", name="Se connecter").click()


def confirm_provider_sign_out(page):
    page.get_by_role("button", name="Oui, me déconnecter").click()


def test_an_agent_signs_in_with_proconnect_into_a_new_account(
    page, live_server, assert_accessible, assert_no_csp_violation, save_screenshot
):
    page.goto("/connexion/")
    save_screenshot(page)
    assert_accessible(page)
    assert_no_csp_violation(page)
    expect(page.get_by_role("link", name="Qu'est-ce que ProConnect ?")).to_have_attribute(
        "target", "_blank"
    )

    press_the_button(page)
    type_login(page, "nouvelle.agente")
    page.goto("/compte/")

    expect(page.get_by_text("nouvelle.agente@ville.example.fr")).to_be_visible()
    user = User.objects.get(email="nouvelle.agente@ville.example.fr")
    assert list(user.proconnect_identities.values_list("subject", flat=True)) == [
        "sub-nouvelle-agente"
    ]
    assert_no_csp_violation(page)


def test_an_agent_with_an_account_gets_it_linked_by_the_verified_address(page, live_server):
    existing = UserFactory(email="agent.existant@ville.example.fr")

    press_the_button(page)
    type_login(page, "agent.existant")

    expect(page).to_have_url(f"{live_server.url}/mon-espace/")
    identity = ProConnectIdentity.objects.get()
    assert (identity.user, identity.subject) == (existing, "sub-agent-existant")
    assert AuditEntry.objects.filter(actor=existing, action="account.link_proconnect").exists()


def test_an_account_linked_to_another_identity_is_refused_and_can_leave_proconnect(
    page, live_server, proconnect, assert_accessible
):
    existing = UserFactory(email="agent.existant@ville.example.fr")
    ProConnectIdentity.objects.create(
        user=existing, issuer=proconnect.issuer, subject="sub-d-une-autre-personne"
    )

    press_the_button(page)
    type_login(page, "agent.existant")

    expect(page.get_by_role("alert")).to_contain_text(
        "Le compte de l'adresse agent.existant@ville.example.fr est déjà relié à une autre "
        "identité ProConnect"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Se déconnecter de ProConnect").click()
    confirm_provider_sign_out(page)
    expect(page).to_have_url(f"{live_server.url}/connexion/")
    press_the_button(page)
    expect(page.get_by_role("heading", name=PROVIDER_LOGIN)).to_be_visible()


def test_signing_out_ends_the_proconnect_session_so_signing_in_asks_for_the_login_again(
    page, live_server
):
    press_the_button(page)
    type_login(page, "nouvelle.agente")
    page.goto("/compte/")  # public pages, the same for everyone, have no sign-out button

    page.get_by_role("navigation").get_by_role("button", name="Se déconnecter").click()
    confirm_provider_sign_out(page)

    expect(page).to_have_url(f"{live_server.url}/connexion/")
    expect(page.get_by_text("Vous êtes déconnecté·e de ce site et de ProConnect.")).to_be_visible()
    press_the_button(page)
    expect(page).to_have_url(re.compile(r"/interaction/"))
    type_login(page, "nouvelle.agente")
    expect(page).to_have_url(f"{live_server.url}/mon-espace/")
