"""The pages every public site owes (legal notice, personal data, accessibility
statement), the language switch, the page of a refused form, and the health endpoint
for monitoring."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Min
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult

from programme import retention
from programme.freshness import programme_fingerprint
from programme.public_pages import public_page


@public_page(programme_fingerprint)
def accessibility(request):
    return render(request, "programme/public/accessibility.html")


@public_page(programme_fingerprint)
def legal_notice(request):
    return render(request, "programme/public/legal_notice.html")


def _personal_data_fingerprint(request):
    # The durations are settings: a new value changes the page without any row changing.
    digest = programme_fingerprint(request)
    durations = ",".join(f"{kind.name}={kind.days}" for kind in retention.kinds())
    return digest and f"{digest}-{durations}"


@public_page(_personal_data_fingerprint)
def personal_data(request):
    cookies = {
        "session": settings.SESSION_COOKIE_NAME,
        "csrf": settings.CSRF_COOKIE_NAME,
        "language": settings.LANGUAGE_COOKIE_NAME,
    }
    return render(
        request,
        "programme/public/personal_data.html",
        {"cookies": cookies, "retention": retention.kinds()},
    )


@require_safe
def switch_language(request, code):
    """Remember the language chosen (a cookie) and go back to the page in that language.

    A link rather than a form, so that public pages carry no CSRF token. ``next`` is the
    page the visitor was on; a public page's address changes with the language
    (``/laureats/`` ↔ ``/en/laureats/``), the others keep theirs and read the cookie.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404("Unknown language.")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    # Resolve the page in its own language (its prefix, or French), then name it in the
    # chosen one.
    source = translation.get_language_from_path(urlsplit(next_url).path)
    with translation.override(source or settings.LANGUAGE_CODE):
        next_url = translate_url(next_url, code)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    add_never_cache_headers(response)
    return response


def csrf_failure(request, reason=""):  # noqa: ARG001 (Django's signature; not shown)
    """``CSRF_FAILURE_VIEW``: a form refused for its missing or stale CSRF token, in the
    site's French page rather than Django's English one."""
    return render(request, "403_csrf.html", status=403)


@require_safe
def healthz(_request):
    """``ok`` when the site can reach its database, 503 otherwise; and the age of the
    oldest task waiting for the worker (a worker that stopped shows as a growing age).
    One query. Never cached."""
    try:
        oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    except DatabaseError:
        response = HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain; charset=utf-8"
        )
    else:
        age = 0 if oldest is None else max(int((timezone.now() - oldest).total_seconds()), 0)
        response = HttpResponse(
            f"ok\noldest queued task: {age} s\n", content_type="text/plain; charset=utf-8"
        )
    add_never_cache_headers(response)
    return response
