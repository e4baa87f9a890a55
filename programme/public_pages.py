"""Public pages: the same for every visitor, so that any cache may keep them.

A public page reads nothing of the visitor — not the session, not the CSRF token, not
the messages — so it sets no cookie and does not vary on cookies; its language comes
from its address (``/en/…`` in English, French otherwise). It answers with
``Cache-Control: public, max-age=…`` and an ETag computed from the data it shows (see
``programme.freshness``): a cache keeps it for ``TREMPLIN_PUBLIC_MAX_AGE`` seconds, then
asks again and gets either "not modified" or the page as staff changed it.

Templates know a public page by ``request.is_public_page`` and leave out what depends on
the visitor (``templates/base.html``). Its rendered answer is kept in the shared cache
(``programme.public_cache``), served to the next visitors without the view running.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from programme.public_cache import CachedPage

# What a release of the site is made of: when one of these changes, every ETag changes,
# so that no cache keeps a page of the old templates (or naming old static files).
RELEASE_SOURCES = ("templates", "static", "locale", "programme", "editions", "projects", "jury")
RELEASE_SUFFIXES = {".html", ".txt", ".css", ".js", ".mo", ".py", ".svg"}


def _newest_source_change():
    base = Path(settings.BASE_DIR)
    return max(
        (
            path.stat().st_mtime_ns
            for source in RELEASE_SOURCES
            for path in (base / source).rglob("*")
            if path.suffix in RELEASE_SUFFIXES
        ),
        default=0,
    )


@functools.cache
def _deployed_files():
    return str(_newest_source_change())


def release():
    """What identifies the running code: ``TREMPLIN_RELEASE``, else the newest change of
    its files (read once, or at each request in debug mode where templates change)."""
    if settings.TREMPLIN_RELEASE:
        return settings.TREMPLIN_RELEASE
    if settings.DEBUG:
        return str(_newest_source_change())
    return _deployed_files()


def public_page(fingerprint):
    """Make a GET/HEAD view a public page whose ETag follows ``fingerprint(request)``.

    ``fingerprint`` returns a string that changes whenever what the page shows may have
    changed, or ``None`` to send no ETag. The ETag also covers the language and the
    release of the code. A request whose ``If-None-Match`` still matches gets a 304
    without the view running. A page in the shared cache is answered from it, without
    the fingerprint nor the view.
    """

    def etag(request, *args, **kwargs):
        token = fingerprint(request)
        if token is None:
            return None
        parts = f"{release()}|{translation.get_language()}|{token}"
        return hashlib.sha256(parts.encode()).hexdigest()[:40]

    def decorator(view):
        conditional_view = condition(etag_func=etag)(view)

        @kept_in_shared_cache
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            response = conditional_view(request, *args, **kwargs)
            if response.status_code in (200, 304):
                patch_cache_control(response, public=True, max_age=settings.TREMPLIN_PUBLIC_MAX_AGE)
            return response

        return require_safe(wrapper)

    return decorator


def kept_in_shared_cache(view):
    """Make ``view`` a page the same for everyone, answered from the shared cache
    (``programme.public_cache``) once it has answered.

    Such a page reads nothing of the visitor: the middlewares leave the session alone
    (``is_public_page``), its language comes from its address, and a page that reads the
    session anyway is not kept.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        request.is_public_page = True
        cached = CachedPage(request, release())
        response = cached.response()
        if response is None:
            response = view(request, *args, **kwargs)
            cached.keep(response)
        return response

    # Read by the middlewares (language, session limits, second factor).
    wrapper.is_public_page = True
    return wrapper
