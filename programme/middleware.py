import time
from dataclasses import replace
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from programme import proconnect


class FrenchFirstLocaleMiddleware:
    """Speak French unless the visitor chose another language.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a
    French local authority's site speaks French first. Where the language comes from:

    - public pages take it from their address: ``/en/…`` in English, French without a
      prefix (``urls.i18n_patterns``), so that one address is one page for every cache;
    - every other page (accounts, team, jury) takes it from the cookie the language
      switch sets, and says so with ``Vary: Cookie``.

    The language is active for this request only.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language, from_address = self.language_of(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if not from_address:
            patch_vary_headers(response, ["Cookie"])
        return response

    def language_of(self, request):
        """(language, whether the address alone decided it)."""
        prefixed = translation.get_language_from_path(request.path_info)
        if prefixed in self.supported:
            return prefixed, True
        if self._is_public_page(request):
            return settings.LANGUAGE_CODE, True
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        return (chosen if chosen in self.supported else settings.LANGUAGE_CODE), False

    @staticmethod
    def _is_public_page(request):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                match = resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404:
                return False
        return getattr(match.func, "is_public_page", False)


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than ``TREMPLIN_REQUEST_MAX_BYTES``, with a
    French page (413), before anything reads the body: a huge upload is neither written
    to a temporary file nor silently dropped by a form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.TREMPLIN_REQUEST_MAX_BYTES
        if length > limit:
            return render(request, "413.html", {"limit": limit}, status=413)
        return self.get_response(request)


# Where a session keeps when it was signed in and when it was last used (epoch seconds).
SIGNED_IN_AT = "tremplin_signed_in_at"
LAST_SEEN_AT = "tremplin_last_seen_at"
# Staff's last request is written at most this often, not on every request.
LAST_SEEN_GRANULARITY = 60


def session_limits(user):
    """(longest life, longest idle time or None) of ``user``'s session, in seconds."""
    if user.is_staff or user.is_superuser:
        return (
            settings.TREMPLIN_STAFF_SESSION_MAX_HOURS * 3600,
            settings.TREMPLIN_STAFF_SESSION_IDLE_MINUTES * 60,
        )
    return settings.TREMPLIN_SESSION_MAX_DAYS * 86400, None


def _seen(session, user, now):
    """Note a use of the session at ``now``; the stored session (and its cookie) ends
    when the middleware would refuse it, whichever limit comes first."""
    max_age, max_idle = session_limits(user)
    session[LAST_SEEN_AT] = now
    remaining = max_age - (now - session[SIGNED_IN_AT])
    session.set_expiry(max(1, min(remaining, max_idle or remaining)))


def stamp_sign_in(sender, request, user, **kwargs):  # noqa: ARG001 (a signal receiver)
    """On ``user_logged_in``: the session's lifetime starts now."""
    if getattr(request, "session", None) is None:
        return  # a sign-in outside a request (a script) has no session to stamp
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    _seen(request.session, user, now)


class SessionLimitsMiddleware:
    """End a session once it is too old or, for staff, unused for too long.

    Staff's sessions open the admin: they end ``TREMPLIN_STAFF_SESSION_MAX_HOURS`` after
    signing in, or after ``TREMPLIN_STAFF_SESSION_IDLE_MINUTES`` without a request;
    everyone else's, ``TREMPLIN_SESSION_MAX_DAYS`` after signing in. Counted from the
    times the session stores (``stamp_sign_in``); a session from before these limits
    starts counting at its next request. An ended session is signed out and the request
    goes on as anonymous, so the page asks to sign in again, saying why. Public pages
    are left alone: they read nothing of the visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):  # noqa: ARG002
        # A public page reads nothing of the visitor, the session included: it stays the
        # same for everyone, and a later page checks the session.
        if getattr(view_func, "is_public_page", False):
            return
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.check(request, user)

    def check(self, request, user):
        session = request.session
        now = int(time.time())
        if SIGNED_IN_AT not in session:
            stamp_sign_in(None, request, user)
            return
        max_age, max_idle = session_limits(user)
        last_seen_at = session.get(LAST_SEEN_AT, now)
        too_old = now - session[SIGNED_IN_AT] >= max_age
        idle = max_idle is not None and now - last_seen_at >= max_idle
        if too_old or idle:
            logout(request)
            if too_old:
                message = _("Votre session a expiré : reconnectez-vous pour continuer.")
            else:
                message = _(
                    "Votre session a expiré faute d'activité : reconnectez-vous pour continuer."
                )
            messages.info(request, message)
        elif max_idle is not None and now - last_seen_at >= LAST_SEEN_GRANULARITY:
            _seen(session, user, now)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's, with ProConnect's origin among the form targets while it is configured.

    The ProConnect button and the sign-out form post to the site, whose answer redirects
    to the provider (its authorization and end-session endpoints, on the issuer's
    origin); browsers apply `form-action` to those redirects too.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or not proconnect.is_enabled():
            return parts
        issuer = urlsplit(settings.PROCONNECT["issuer"])
        update = dict(parts.update or {})
        targets = update.get("form-action", [])
        targets = [targets] if isinstance(targets, str) else list(targets)
        update["form-action"] = [*targets, f"{issuer.scheme}://{issuer.netloc}"]
        return replace(parts, update=update)
