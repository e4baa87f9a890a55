"""What a French page must not show: an English word left untranslated, a state's stored
code where its label belongs, or a plain space where French typography wants an
unbreakable one. Used by the crawls of the admin and of the public site, and by the check
of every French page the suite renders (``tests/conftest.py``)."""

import functools
import html
import inspect
import re

from django.db import models

import editions.enums
import jury.enums
import programme.enums
import projects.enums

# Words that mean a label was left untranslated (from Django's apps or a third party's).
ENGLISH = (
    "Task Results",
    "Task result",
    "Tasks Database Backend",
    "Ready",
    "Running",
    "Successful",
    "Failed",
    "status",
    "priority",
    "Queue name",
    "Backend name",
    "Enqueued",
    "Finished",
    "Add another",
    "Save and",
    "Delete",
    "History",
    "Change",
    "Yes",
    "No ",
    "Unknown",
    "Static device",
    "TOTP device",
)

# Stored values that are French words as well.
FRENCH_TOO = {"", "agent", "jury", "mai", "page", "date", "place", "absent", "service"}

_ENGLISH = re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in ENGLISH))
# A plain space before « ; : ! ? » or », or after «, in the text a reader sees.
_PLAIN_SPACE = re.compile(r"[ \u00a0][;:!?»]|«[ \u00a0]")


@functools.cache
def state_codes():
    """The stored values of every state-like choice that are not French words too."""
    codes = set()
    for module in (programme.enums, editions.enums, projects.enums, jury.enums):
        for _name, choices in inspect.getmembers(module, inspect.isclass):
            if issubclass(choices, models.TextChoices) and choices is not models.TextChoices:
                codes |= {value for value in choices.values if "_" in value or value.isascii()}
    # Values that read the same in French are no sign of a missing label.
    return frozenset(codes - FRENCH_TOO)


@functools.cache
def _codes():
    alternatives = "|".join(
        re.escape(code) for code in sorted(state_codes(), key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w/.@-])(?:{alternatives})(?![\w/.@-])")


def visible_text(page, between_tags=" "):
    """The text of an HTML page as a reader sees it (no code, no form values)."""
    page = re.sub(r"(?is)<(script|style|code|pre|textarea|select)\b.*?</\1>", " ", page)
    page = re.sub(r"(?is)<[^>]+>", between_tags, page)
    # Only ASCII white space is folded: the unbreakable spaces are part of what is read.
    return re.sub(r"[ \t\n\r\f\v]+", " ", html.unescape(page)).strip()


def english_words(text):
    return sorted(set(_ENGLISH.findall(text)))


def raw_codes(text):
    return sorted(set(_codes().findall(text)))


def plain_spaces(page):
    """The places where a plain space stands before « ; : ! ? » or inside « », in the text
    of the HTML ``page`` (its tags taken out, not replaced by spaces)."""
    text = visible_text(page, between_tags="")
    return sorted(
        {text[max(0, m.start() - 12) : m.end() + 12] for m in _PLAIN_SPACE.finditer(text)}
    )


# The open data page documents the codes of the data files: they are its subject.
DOCUMENTS_CODES = {"/donnees/", "/en/donnees/"}


def untranslated(path, page):
    """The English words and state codes on the French HTML ``page`` at ``path``."""
    text = visible_text(page)
    codes = [] if path in DOCUMENTS_CODES else raw_codes(text)
    return english_words(text) + codes
