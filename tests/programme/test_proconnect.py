"""Signing in with ProConnect, against a real OpenID Connect provider started by the
tests (``tests/proconnect_provider.py``), through the live server: an HTTP client plays
the agent's browser, following every redirect between the site and the provider.

The flow tests need ``transactional_db``: the live server's thread must see the rows
the test writes, and the test the rows it writes.
"""

import re
from html import unescape
from urllib.parse import urljoin

import pytest
import requests
from django.contrib.sessions.backends.db import SessionStore

from programme import proconnect as proconnect_module
from programme.accounts import LINK_PROCONNECT
from programme.models import AuditEntry, ProConnectIdentity, User
from tests.programme.factories import UserFactory

NEW_AGENT = "nouvelle.agente"
EXISTING_AGENT = "agent.existant"
UNVERIFIED = "adresse.non.verifiee"
LINKED_ELSEWHERE = "Le compte de l'adresse agent.existant@ville.example.fr est déjà relié"
NOT_THROUGH = "La connexion avec ProConnect n&#x27;a pas abouti"
# What a ProConnect sign-in leaves in the session: who, how, the ID token for the
# logout. No second factor is claimed (staff pass theirs after it).
SIGNED_IN_SESSION_KEYS = {
    "_auth_user_id",
    "_auth_user_backend",
    "_auth_user_hash",
    proconnect_module.ID_TOKEN_SESSION_KEY,
}


class Agent:
    """The agent's browser: one cookie jar for the site and the provider."""

    def __init__(self, site, issuer):
        self.site = site
        self.issuer = issuer
        self.http = requests.Session()

    def csrf(self):
        self.http.get(f"{self.site}/connexion/", timeout=10)
        return self.http.cookies.get("csrftoken", domain=None)

    def sign_in(self, login, next_url=""):
        """Press the ProConnect button; type ``login`` if the provider asks for it."""
        response = self.http.post(
            f"{self.site}/connexion/proconnect/",
            data={"csrfmiddlewaretoken": self.csrf(), "next": next_url},
            timeout=10,
        )
        if "/interaction/" in response.url:
            self.asked_for_login = True
            action = re.search(r'<form method="post" action="([^"]+)"', response.text)[1]
            response = self.http.post(
                urljoin(response.url, unescape(action)), data={"login": login}, timeout=10
            )
        else:
            self.asked_for_login = False
        return response

    def sign_out(self, path="/deconnexion/"):
        """The site's sign-out (or the admin's), then « yes » on the provider's logout page."""
        response = self.http.post(
            f"{self.site}{path}", data={"csrfmiddlewaretoken": self.csrf()}, timeout=10
        )
        form = re.search(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', response.text, re.S)
        fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form[2]))
        return self.http.post(
            urljoin(response.url, unescape(form[1])), data={**fields, "logout": "yes"}, timeout=10
        )

    def session(self):
        return SessionStore(session_key=self.http.cookies.get("sessionid"))


@pytest.fixture
def agent(proconnect, live_server, transactional_db):
    return Agent(live_server.url, proconnect.issuer)


def test_sign_in_creates_an_account_for_an_unknown_address_and_links_its_sub(agent):
    response = agent.sign_in(NEW_AGENT, next_url="/compte/")

    user = User.objects.get(email="nouvelle.agente@ville.example.fr")
    assert response.url == f"{agent.site}/compte/"
    assert "nouvelle.agente@ville.example.fr" in response.text
    assert (user.first_name, user.last_name) == ("Nadia", "Nouvelle")
    assert not user.has_usable_password()
    assert list(ProConnectIdentity.objects.values_list("user", "subject")) == [
        (user.pk, "sub-nouvelle-agente")
    ]
    entry = AuditEntry.objects.get(action=LINK_PROCONNECT)
    assert (entry.actor, entry.object_id) == (user, str(user.pk))


def test_the_session_says_proconnect_and_claims_no_second_factor(agent):
    agent.sign_in(NEW_AGENT)

    session = agent.session()
    assert set(session.keys()) == SIGNED_IN_SESSION_KEYS
    assert session["_auth_user_backend"] == proconnect_module.BACKEND
    assert session[proconnect_module.ID_TOKEN_SESSION_KEY].count(".") == 2


def test_first_sign_in_links_the_existing_account_of_the_verified_address(agent):
    existing = UserFactory(email="agent.existant@ville.example.fr", first_name="Étienne")

    agent.sign_in(EXISTING_AGENT)

    identity = ProConnectIdentity.objects.get()
    assert (identity.user, identity.subject) == (existing, "sub-agent-existant")
    assert User.objects.count() == 1
    assert agent.session()["_auth_user_id"] == str(existing.pk)
    assert AuditEntry.objects.filter(action=LINK_PROCONNECT, actor=existing).count() == 1


def test_a_later_sign_in_finds_the_account_by_its_sub_after_the_address_changed(agent):
    user = UserFactory(email="ancienne.adresse@ville.example.fr")
    ProConnectIdentity.objects.create(user=user, issuer=agent.issuer, subject="sub-nouvelle-agente")

    agent.sign_in(NEW_AGENT)

    assert agent.session()["_auth_user_id"] == str(user.pk)
    assert not User.objects.filter(email="nouvelle.agente@ville.example.fr").exists()
    assert AuditEntry.objects.filter(action=LINK_PROCONNECT).count() == 0


def test_a_sub_linked_to_account_a_never_signs_into_account_b_of_its_address(agent):
    account_a = UserFactory(email="compte.a@ville.example.fr")
    UserFactory(email="agent.existant@ville.example.fr")
    ProConnectIdentity.objects.create(
        user=account_a, issuer=agent.issuer, subject="sub-agent-existant"
    )

    agent.sign_in(EXISTING_AGENT)

    assert agent.session()["_auth_user_id"] == str(account_a.pk)


def test_an_account_linked_to_another_sub_is_refused_in_french(agent):
    existing = UserFactory(email="agent.existant@ville.example.fr")
    ProConnectIdentity.objects.create(
        user=existing, issuer=agent.issuer, subject="sub-d-une-autre-personne"
    )

    response = agent.sign_in(EXISTING_AGENT)

    assert response.status_code == 403
    assert LINKED_ELSEWHERE in unescape(response.text)
    assert "_auth_user_id" not in agent.session()
    assert list(ProConnectIdentity.objects.values_list("subject", flat=True)) == [
        "sub-d-une-autre-personne"
    ]


def test_an_address_the_provider_says_is_unverified_is_refused(agent):
    response = agent.sign_in(UNVERIFIED)

    assert response.status_code == 403
    assert "n'est pas vérifiée" in unescape(response.text)
    assert not User.objects.filter(email="non.verifiee@ville.example.fr").exists()
    assert ProConnectIdentity.objects.count() == 0


def test_sign_out_ends_the_provider_session_so_the_next_sign_in_asks_for_the_login(agent):
    agent.sign_in(NEW_AGENT)

    signed_out = agent.sign_out()
    session_after = set(agent.session().keys())
    again = agent.sign_in(NEW_AGENT)

    assert signed_out.url == f"{agent.site}/connexion/"
    assert "Vous êtes déconnecté·e de ce site et de ProConnect." in signed_out.text
    assert "_auth_user_id" not in session_after
    assert again.url == f"{agent.site}/"
    assert agent.asked_for_login is True


def test_without_the_sign_out_the_provider_signs_in_again_without_asking(agent):
    agent.sign_in(NEW_AGENT)
    agent.http.cookies.set("sessionid", None)  # the site's session ends, not the provider's

    agent.sign_in(NEW_AGENT)

    assert agent.asked_for_login is False


def test_signing_out_of_the_admin_ends_the_provider_session_too(agent):
    UserFactory(email="agent.existant@ville.example.fr", innovation_staff=True)
    agent.sign_in(EXISTING_AGENT)

    signed_out = agent.sign_out("/admin/logout/")
    session_after = set(agent.session().keys())
    again = agent.sign_in(EXISTING_AGENT)

    assert signed_out.url == f"{agent.site}/connexion/"
    assert "_auth_user_id" not in session_after
    assert (again.url, agent.asked_for_login) == (f"{agent.site}/", True)
