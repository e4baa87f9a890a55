"""The ProConnect pages given bad input, or with ProConnect off: a French page, never an
error 500. The provider is the real one of ``tests/proconnect_provider.py``; the Django
test client stands for the browser, which does not need to reach the provider here.
"""

from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from programme.models import ProConnectIdentity, User

pytestmark = pytest.mark.django_db

NOT_THROUGH = "La connexion avec ProConnect n'a pas abouti"
BUTTON = "S'identifier avec"


def start(client, next_url=""):
    """Press the button; the state the site sent to the provider."""
    response = client.post("/connexion/proconnect/", {"next": next_url})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    return response, query


def text(response):
    return unescape(response.content.decode())


def test_the_button_sends_state_nonce_pkce_and_acr_values_to_the_authorization_endpoint(
    client, proconnect, settings
):
    response, query = start(client)

    assert response.headers["Location"].startswith(f"{proconnect.issuer}/auth?")
    assert query["response_type"] == ["code"]
    assert query["acr_values"] == ["eidas1"]
    assert query["scope"] == ["openid email given_name usual_name uid siret"]
    assert query["code_challenge_method"] == ["S256"]
    assert min(len(query["state"][0]), len(query["nonce"][0])) >= 32
    assert query["redirect_uri"] == [f"{settings.SITE_URL}/connexion/proconnect/retour/"]


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("", id="nothing"),
        pytest.param("?code=un-code", id="no-state"),
        pytest.param("?code=un-code&state=un-etat-que-le-site-n-a-pas-envoye", id="unknown-state"),
    ],
)
def test_a_callback_without_the_state_the_site_sent_is_refused_in_french(client, proconnect, query):
    start(client)

    response = client.get(f"/connexion/proconnect/retour/{query}")

    assert response.status_code == 400
    assert NOT_THROUGH in text(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param("", id="no-code"),
        pytest.param("&code=un-code-inventé", id="invalid-code"),
        pytest.param("&error=access_denied&error_description=refus", id="provider-error"),
        pytest.param("&code=un-code&iss=http%3A%2F%2Fautre.example", id="other-issuer"),
    ],
)
def test_a_callback_with_the_right_state_but_no_valid_code_is_refused_in_french(
    client, proconnect, extra
):
    _response, query = start(client)

    response = client.get(f"/connexion/proconnect/retour/?state={query['state'][0]}{extra}")

    assert response.status_code == 400
    assert NOT_THROUGH in text(response)
    assert (User.objects.count(), ProConnectIdentity.objects.count()) == (0, 0)


def test_a_state_is_used_once(client, proconnect):
    _response, query = start(client)
    client.get(f"/connexion/proconnect/retour/?state={query['state'][0]}&code=un-code")

    response = client.get(f"/connexion/proconnect/retour/?state={query['state'][0]}&code=x")

    assert response.status_code == 400


@pytest.mark.parametrize("query", ["", "?state=un-etat-que-le-site-n-a-pas-envoye"])
def test_a_logout_return_without_the_state_sent_says_so_in_french(client, proconnect, query):
    response = client.get(f"/deconnexion/proconnect/{query}")

    assert response.status_code == 400
    assert "n'a pas pu être vérifié" in text(response)


def test_an_unreachable_provider_gets_a_french_page(client, settings):
    settings.PROCONNECT = {
        **settings.PROCONNECT,
        "issuer": "http://127.0.0.1:9",
        "client_id": "un-client",
        "client_secret": "un-secret",
        "timeout": 2.0,
    }

    response = client.post("/connexion/proconnect/")

    assert response.status_code == 503
    assert "ProConnect ne répond pas pour le moment" in text(response)


def test_the_sign_in_pages_show_the_button_when_proconnect_is_configured(client, proconnect):
    pages = [client.get("/connexion/"), client.get("/connexion/mot-de-passe/")]

    assert [BUTTON in text(page) for page in pages] == [True, True]


def test_without_configuration_there_is_no_button_and_no_proconnect_page(client, settings):
    settings.PROCONNECT = {**settings.PROCONNECT, "issuer": ""}

    pages = [client.get("/connexion/"), client.get("/connexion/mot-de-passe/")]
    answers = [
        client.post("/connexion/proconnect/").status_code,
        client.get("/connexion/proconnect/retour/?state=x&code=y").status_code,
        client.get("/deconnexion/proconnect/?state=x").status_code,
    ]

    assert [BUTTON in text(page) for page in pages] == [False, False]
    assert answers == [404, 404, 404]


def test_the_button_asks_for_a_post(client, proconnect):
    response = client.get("/connexion/proconnect/")

    assert response.status_code == 405


def form_action(response):
    policy = response.headers["Content-Security-Policy"]
    return next(part for part in policy.split("; ") if part.startswith("form-action"))


def test_forms_may_lead_to_the_provider_only_while_proconnect_is_configured(
    client, proconnect, settings
):
    configured = form_action(client.get("/connexion/"))
    settings.PROCONNECT = {**settings.PROCONNECT, "issuer": ""}
    off = form_action(client.get("/connexion/"))

    assert (configured, off) == (f"form-action 'self' {proconnect.issuer}", "form-action 'self'")
