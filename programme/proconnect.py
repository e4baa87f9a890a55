"""ProConnect, the OpenID Connect federation of public-sector agents: the protocol side.

Authlib's Django client does the authorization code flow: the state and the nonce kept
in the session, PKCE when the provider's discovery document offers S256, the code
exchanged with client_secret_post, the ID token's signature, issuer, audience, expiry
and nonce checked against the provider's keys. What ProConnect adds is done here: the
`acr_values`, a userinfo answered as a signed JWT (checked with the same keys, issuer
and audience, and for the same subject as the ID token), and the logout through the
provider's end_session_endpoint with id_token_hint, state and post_logout_redirect_uri.

What an account the claims sign in to is ``programme.accounts.account_for_proconnect``.
"""

import secrets
from functools import lru_cache

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.urls import reverse
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

NAME = "proconnect"
# The session keys: the ID token (for the logout's id_token_hint) and where to go next.
ID_TOKEN_SESSION_KEY = "proconnect_id_token"
NEXT_SESSION_KEY = "proconnect_next"
# The userinfo's signature is checked with the provider's public keys: asymmetric
# algorithms only (ProConnect also offers HS256: the partner space must not be set to it).
SIGNING_ALGORITHMS = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"}
# What may go wrong in an exchange with the provider: the caller shows a French page.
ERRORS = (OAuthError, JoseError, requests.RequestException, KeyError, ValueError)


class ProConnectError(Exception):
    """The provider's answer cannot be trusted or used; the message is for the logs."""


def is_enabled():
    config = settings.PROCONNECT
    return bool(config["issuer"] and config["client_id"] and config["client_secret"])


def site_url(name):
    """The absolute address of the view ``name``, as declared in ProConnect's partner
    space (the redirect URI, the post-logout redirect URI)."""
    return f"{settings.SITE_URL}{reverse(name)}"


def client():
    """The Authlib client of the configured provider (one per configuration)."""
    config = settings.PROCONNECT
    return _client(
        config["issuer"],
        config["client_id"],
        config["client_secret"],
        config["scopes"],
        config["timeout"],
    )


@lru_cache(maxsize=4)
def _client(issuer, client_id, client_secret, scopes, timeout):
    oauth = OAuth()
    return oauth.register(
        NAME,
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": scopes,
            "token_endpoint_auth_method": "client_secret_post",
            "default_timeout": timeout,
        },
    )


def metadata():
    """The provider's discovery document, read once, for the configured issuer only."""
    app = client()
    document = app.load_server_metadata()
    if document.get("issuer", "").rstrip("/") != settings.PROCONNECT["issuer"]:
        raise ProConnectError("The discovery document names another issuer.")
    return document


def authorization_redirect(request, redirect_uri):
    """The redirect to the provider's authorization endpoint.

    State and nonce of 32 random bytes (ProConnect asks for at least 32 characters),
    kept in the session by Authlib with the PKCE verifier when the provider offers it.
    """
    app = client()
    document = metadata()
    if "S256" in document.get("code_challenge_methods_supported", []):
        app.client_kwargs["code_challenge_method"] = "S256"
    extra = {"state": secrets.token_urlsafe(32), "nonce": secrets.token_urlsafe(32)}
    if settings.PROCONNECT["acr_values"]:
        extra["acr_values"] = settings.PROCONNECT["acr_values"]
    return app.authorize_redirect(request, redirect_uri, **extra)


def claims_from_callback(request):
    """``(claims, id_token)`` of the agent the provider sends back; raises on anything
    that does not check out (one of ``ERRORS`` or ``ProConnectError``).

    The claims are the userinfo's, whose subject must be the ID token's (OpenID Connect
    Core 5.3.2). An `iss` parameter on the callback (RFC 9207) must name our issuer.
    """
    app = client()
    document = metadata()
    returned_issuer = request.GET.get("iss")
    if returned_issuer is not None and returned_issuer.rstrip("/") != document["issuer"]:
        raise ProConnectError("The callback names another issuer.")
    if not request.GET.get("code") and not request.GET.get("error"):
        raise ProConnectError("The callback has no code.")
    token = app.authorize_access_token(request)
    id_claims = token.get("userinfo")
    if not id_claims or not token.get("id_token"):
        raise ProConnectError("The token response has no ID token.")
    wanted = settings.PROCONNECT["acr_values"].split()
    if wanted and id_claims.get("acr") not in wanted:
        raise ProConnectError("The ID token's acr is not one that was asked for.")
    claims = _userinfo(app, document, token)
    if claims.get("sub") != id_claims["sub"]:
        raise ProConnectError("The userinfo is about another subject than the ID token.")
    return claims, token["id_token"]


def _userinfo(app, document, token):
    response = app.get(document["userinfo_endpoint"], token=token)
    response.raise_for_status()
    if not response.headers.get("Content-Type", "").startswith("application/jwt"):
        return response.json()
    offered = document.get("userinfo_signing_alg_values_supported") or ["RS256", "ES256"]
    signature = JWSRegistry(algorithms=[alg for alg in offered if alg in SIGNING_ALGORITHMS])
    try:
        keys = KeySet.import_key_set(app.fetch_jwk_set())
        decoded = jwt.decode(response.text.strip(), keys, registry=signature)
    except InvalidKeyIdError:
        # The provider rotated its keys since we read them.
        keys = KeySet.import_key_set(app.fetch_jwk_set(force=True))
        decoded = jwt.decode(response.text.strip(), keys, registry=signature)
    registry = jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": document["issuer"]},
        aud={"essential": True, "value": settings.PROCONNECT["client_id"]},
        sub={"essential": True},
    )
    registry.validate(decoded.claims)
    return dict(decoded.claims)


def logout_redirect(request, id_token, post_logout_redirect_uri):
    """The redirect that ends the provider's session too, then comes back to the site.

    Call it once the site's own session is ended: Authlib keeps the logout's state in
    the new, anonymous session, which the return checks.
    """
    return client().logout_redirect(
        request,
        post_logout_redirect_uri=post_logout_redirect_uri,
        id_token_hint=id_token,
        state=secrets.token_urlsafe(32),
    )


def check_logout_return(request):
    """Whether the provider came back from the logout with the state we sent."""
    try:
        client().validate_logout_response(request)
    except OAuthError:
        return False
    return True


class ProConnectBackend(ModelBackend):
    """The backend a ProConnect sign-in is recorded with in the session.

    It authenticates nothing: the callback view has checked the provider's answer and
    calls ``login(request, user, backend=...)``. Sessions it opened end when ProConnect
    is turned off.
    """

    def authenticate(self, *args, **kwargs):
        return None

    def get_user(self, user_id):
        if not is_enabled():
            return None
        return super().get_user(user_id)


BACKEND = f"{ProConnectBackend.__module__}.{ProConnectBackend.__qualname__}"
