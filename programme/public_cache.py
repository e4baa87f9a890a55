"""The shared cache of public pages: rendered once, then served without running the view.

A public page (``programme.public_pages``) is the same for every visitor, so its
rendered answer is kept in Django's cache (``CACHES``: Redis in production, shared by
every server and worker; local memory without ``REDIS_URL``) and served to the next
visitors — signed in or not, since the page reads nothing of them — without a database
query. An entry is found by:

- the page: scheme, host (links in data files, feeds and the sitemap are absolute),
  path, query, language and release of the code, hashed into a bounded key;
- the **generation**: a random token in the cache, replaced whenever something public
  pages may show changes (``programme.public_cache_invalidation``): every entry of the
  old generation is then unreachable, and expires on its own.

Time alone changes some pages (a call opens, a call closes): an entry expires at the next
such moment, which the apps declare with ``register_change_times``, and at the latest
after ``TREMPLIN_PUBLIC_CACHE_SECONDS`` — which also bounds what a change the signals
cannot see (raw SQL, or another process writing while the cache is local memory) leaves
stale.

Only a GET answered 200 is kept (a HEAD is answered from it), and only when the view
read no session, asked for no CSRF token and set no cookie: what is kept is what anyone
may get. A conditional
request whose ETag matches the entry's gets a 304 from the entry.
"""

import hashlib
import logging
import math
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import parse_http_date_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"
ENTRY_PREFIX = "public-pages:page:"
# A longer address is not kept: a page has no business with such a query, and a flood
# of made-up queries must not fill the cache with one entry each.
MAX_ADDRESS_LENGTH = 2000

# Functions ``now → the next moment (an aware datetime) at which time alone changes a
# public page, or None``, declared by the apps (``register_change_times``).
_change_times = []


def register_change_times(source):
    """Declare a source of the moments when time alone changes a public page."""
    if source not in _change_times:
        _change_times.append(source)


def _unavailable(action):
    # The cache is an optimisation: when it fails (Redis down), pages are rendered as if
    # nothing were cached, and the failure is logged.
    logger.exception("The cache of public pages could not %s.", action)


def generation():
    """The current generation, created on first use (or after the cache lost it)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        # Two first requests at once: one token wins, and both use it.
        if not cache.add(GENERATION_KEY, token, timeout=None):
            token = cache.get(GENERATION_KEY) or token
    return token


def invalidate():
    """Start a new generation: every kept page is out of date.

    A new random token rather than a counter: any backend sets it in one step, and two
    servers replacing it at once both leave a token no entry has.
    """
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # any backend's failure: see _unavailable
        _unavailable("start a new generation")


def next_change(now):
    """The next moment time alone changes a public page, or None."""
    moments = [moment for source in _change_times if (moment := source(now)) is not None]
    return min(moments, default=None)


def entry_key(request, token, release):
    address = request.build_absolute_uri()
    parts = f"{token}|{release}|{translation.get_language()}|{address}"
    return ENTRY_PREFIX + hashlib.sha256(parts.encode()).hexdigest()


def is_keepable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and len(request.get_full_path()) <= MAX_ADDRESS_LENGTH
        and settings.TREMPLIN_PUBLIC_CACHE_SECONDS > 0
    )


class CachedPage:
    """The cache's view of one request to a public page: its entry, if any, and where
    to keep the answer. The generation is read before the view runs, so that an answer
    rendered from data older than a change is kept under the generation that change
    ended."""

    def __init__(self, request, release):
        self.request = request
        self.key = None
        if not is_keepable_request(request):
            return
        try:
            self.key = entry_key(request, generation(), release)
            self.entry = cache.get(self.key)
        except Exception:  # any backend's failure: see _unavailable
            _unavailable("be read")
            self.key = self.entry = None

    def response(self):
        """The kept answer (or 304 for a matching ETag), or None to run the view."""
        if self.key is None or self.entry is None:
            return None
        status, headers, content, expires = self.entry
        if expires <= timezone.now().timestamp():
            return None
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        return get_conditional_response(
            self.request,
            etag=response.headers.get("ETag"),
            last_modified=parse_http_date_safe(response.headers.get("Last-Modified", "")),
            response=response,
        )

    def keep(self, response):
        """Keep ``response`` if anyone may get it; a template's answer once rendered."""
        if self.key is None or self.request.method != "GET" or response.status_code != 200:
            return
        if getattr(response, "is_rendered", True):
            self._keep(response)
        else:
            response.add_post_render_callback(self._keep)

    def _keep(self, response):
        if not self._is_the_same_for_everyone(response):
            return
        content = response.content
        if len(content) > settings.TREMPLIN_PUBLIC_CACHE_MAX_BYTES:
            return
        now = timezone.now().timestamp()
        try:
            expires = now + settings.TREMPLIN_PUBLIC_CACHE_SECONDS
            moment = next_change(timezone.now())
            if moment is not None:
                expires = min(expires, moment.timestamp())
            timeout = math.ceil(expires - now)
            if timeout <= 0:
                return
            entry = (response.status_code, list(response.headers.items()), content, expires)
            cache.set(self.key, entry, timeout=timeout)
        except Exception:  # any backend's failure: see _unavailable
            _unavailable("keep a page")

    def _is_the_same_for_everyone(self, response):
        session = getattr(self.request, "session", None)
        vary = {field.strip().lower() for field in cc_delim_re.split(response.get("Vary", ""))}
        cache_control = response.get("Cache-Control", "")
        return (
            not response.streaming
            and not response.cookies
            and "cookie" not in vary
            and "private" not in cache_control
            and "no-store" not in cache_control
            and not (session is not None and session.accessed)
            # A CSRF token in the page is the visitor's: never for anyone else.
            and not self.request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )
