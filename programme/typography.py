"""French typography on the pages the site renders: a narrow no-break space (U+202F)
before « ; : ! ? » and inside « », so that no line starts with a colon or a lone
guillemet.

The texts are written with plain spaces (in the code, the catalogues and the staff's
own words); the spaces are made unbreakable on the way out, in the text of French HTML
pages only. What a browser sends back is never touched: attribute values (an input's
``value``), ``<textarea>``, ``<script>``, ``<style>``, ``<pre>`` and ``<code>`` keep their
characters, so a form saved as shown saves what was typed.
"""

import bisect

from django.conf import settings
from django.utils import translation

NARROW_NO_BREAK_SPACE = "\u202f"

# Elements whose content is code or data, not prose, kept whole.
_RAW = ("script", "style", "pre", "code", "textarea")
_SPACES = " \t\n\r\u00a0"
# A space before these, after this.
_BEFORE = ";:!?»"
_AFTER = "«"


def french_spaces(text):
    """``text`` (prose, no markup) with unbreakable spaces where French wants them."""
    return _replace(text, _spaces(text))


def french_page(page):
    """``page`` (HTML) with unbreakable spaces in its text: not inside a tag (attribute
    values) or a comment, nor inside a raw element.

    The page is searched with ``str.find`` (a page has a few dozen such spaces among
    thousands of tags), and only those places are checked."""
    places = _spaces(page)
    if not places:
        return page
    raw = _disjoint(_raw_elements(page.lower()))
    starts = [start for start, _end in raw]
    return _replace(page, [place for place in places if _in_text(page, place[0], raw, starts)])


def _spaces(text):
    """The runs of white space French wants unbreakable, as (start, end) spans.

    Each mark is looked for first (spaces are everywhere, the marks are rare)."""
    found = []
    for mark in _BEFORE:
        at = text.find(mark)
        while at != -1:
            if at and text[at - 1] in " \u00a0":
                start = at - 1
                while start and text[start - 1] in _SPACES:
                    start -= 1
                found.append((start, at))
            at = text.find(mark, at + 1)
    at = text.find(_AFTER)
    while at != -1:
        end = at + 1
        if end < len(text) and text[end] in " \u00a0":
            while end < len(text) and text[end] in _SPACES:
                end += 1
            found.append((at + 1, end))
        at = text.find(_AFTER, at + 1)
    return sorted(found)


def _raw_elements(page):
    """The (start, end) spans of the raw elements of ``page`` (in lower case)."""
    spans = []
    for name in _RAW:
        at = page.find(f"<{name}")
        while at != -1:
            after = at + len(name) + 1
            if after < len(page) and not page[after].isalnum():
                end = page.find(f"</{name}", after)
                end = len(page) if end == -1 else end
                spans.append((at, end))
                at = end
            at = page.find(f"<{name}", at + 1)
    return spans


def _disjoint(spans):
    """``spans`` sorted and merged where they overlap (a ``<code>`` in a ``<pre>``)."""
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _in_text(page, at, raw, starts):
    """Whether ``at`` is in the text of ``page``: after the last tag's end, outside raw
    (``raw``: disjoint spans in order; ``starts``: theirs, bisected: a page has hundreds
    of places to check)."""
    if page.rfind("<", 0, at) > page.rfind(">", 0, at):
        return False
    index = bisect.bisect_right(starts, at) - 1
    return index < 0 or at >= raw[index][1]


def _replace(text, spans):
    """``text`` with each span (sorted) replaced by one unbreakable space; a span that
    overlaps the one before it is the same run of spaces (« : », after a guillemet and
    before a colon) and gives no second space."""
    pieces = []
    position = 0
    for start, end in spans:
        if start < position:
            continue
        pieces += [text[position:start], NARROW_NO_BREAK_SPACE]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


class FrenchTypographyMiddleware:
    """Apply :func:`french_page` to French HTML responses (``TREMPLIN_FRENCH_TYPOGRAPHY``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.TREMPLIN_FRENCH_TYPOGRAPHY
            and not response.streaming
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and translation.get_language() == "fr"
        ):
            charset = response.charset
            response.content = french_page(response.content.decode(charset)).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
