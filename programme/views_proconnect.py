"""Signing in with ProConnect: the button's POST, the provider's callback, and the page
the provider's logout comes back to (the logout itself is ``accounts:sign_out``).

A ProConnect sign-in is a first factor only: nothing here marks the session as having
passed a second one. Every answer that does not check out, from the provider or in the
address, gets a French page, never an error 500.
"""

import logging
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from programme import proconnect
from programme.accounts import account_for_proconnect
from programme.lifecycles import ActionRefused
from programme.views_accounts import safe_next

logger = logging.getLogger(__name__)


def _require_enabled():
    if not proconnect.is_enabled():
        raise Http404(_("La connexion avec ProConnect n'est pas activée sur ce site."))


def _error(request, message, status, *, provider_signed_in=False):
    return render(
        request,
        "programme/accounts/proconnect_error.html",
        {"message": message, "provider_signed_in": provider_signed_in},
        status=status,
    )


@never_cache
@require_POST
def sign_in(request):
    """Off to the provider's authorization endpoint; back to ``next`` afterwards."""
    _require_enabled()
    request.session[proconnect.NEXT_SESSION_KEY] = safe_next(request, request.POST.get("next"))
    try:
        return proconnect.authorization_redirect(
            request, proconnect.site_url("accounts:proconnect_callback")
        )
    except (*proconnect.ERRORS, proconnect.ProConnectError):
        logger.warning("ProConnect: the authorization request failed", exc_info=True)
        return _error(
            request,
            _("ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes."),
            HTTPStatus.SERVICE_UNAVAILABLE,
        )


@never_cache
@require_GET
def callback(request):
    """Check the provider's answer, find or link the account, sign in (first factor)."""
    _require_enabled()
    try:
        claims, id_token = proconnect.claims_from_callback(request)
    except (*proconnect.ERRORS, proconnect.ProConnectError):
        logger.warning("ProConnect: a callback did not check out", exc_info=True)
        return _error(
            request,
            _(
                "La connexion avec ProConnect n'a pas abouti : la réponse reçue est "
                "incomplète, expirée ou ne correspond pas à votre demande. Recommencez "
                "depuis le bouton ProConnect."
            ),
            HTTPStatus.BAD_REQUEST,
        )
    try:
        user = account_for_proconnect(claims, issuer=proconnect.metadata()["issuer"])
    except ActionRefused as refusal:
        # The agent stays signed in at the provider: the page offers to end that session
        # (the site's sign-out reads this token).
        request.session[proconnect.ID_TOKEN_SESSION_KEY] = id_token
        return _error(request, str(refusal), HTTPStatus.FORBIDDEN, provider_signed_in=True)
    next_url = request.session.pop(proconnect.NEXT_SESSION_KEY, "")
    login(request, user, backend=proconnect.BACKEND)
    request.session[proconnect.ID_TOKEN_SESSION_KEY] = id_token
    return redirect(safe_next(request, next_url))


@never_cache
@require_GET
def signed_out(request):
    """Where the provider's logout comes back, with the state the sign-out sent."""
    _require_enabled()
    if not proconnect.check_logout_return(request):
        return _error(
            request,
            _(
                "Le retour de ProConnect après la déconnexion n'a pas pu être vérifié. "
                "Vous êtes bien déconnecté·e de ce site."
            ),
            HTTPStatus.BAD_REQUEST,
        )
    messages.info(request, _("Vous êtes déconnecté·e de ce site et de ProConnect."))
    return redirect("accounts:sign_in")
