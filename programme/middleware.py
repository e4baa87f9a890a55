from dataclasses import replace
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

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
