"""Fingerprints of the data public pages show, so their ETags change when the data does.

A fingerprint is read in one query: the newest modification of each kind of row a page
shows, and a few counts. It changes when staff change anything through the admin (every
admin edit, bulk edit or deletion writes a ``LogEntry``), when a service moves a status
(services save the row's ``updated_at``), and when time alone changes a page (a call
opens or closes). Each app adds the parts its pages depend on:
``editions.freshness``, ``projects.freshness``.
"""

import hashlib

from django.contrib.admin.models import LogEntry

from programme.models import NewsItem, Programme
from programme.subqueries import latest


def programme_parts():
    """What every public page depends on: the programme (its row carries them), its news,
    and anything staff changed in the admin."""
    return {
        "news_changed": latest(NewsItem.objects.all(), "updated_at"),
        "admin_changed": latest(LogEntry.objects.all(), "pk"),
    }


def fingerprint(parts):
    """A short digest of ``parts`` (name → subquery), read in one query.

    ``None`` when the site has no programme yet: nothing worth caching.
    """
    row = (
        Programme.objects.order_by("pk")
        .annotate(**parts)
        .values_list("pk", "updated_at", *sorted(parts))
        .first()
    )
    if row is None:
        return None
    return hashlib.sha256(repr(row).encode()).hexdigest()[:32]


def programme_fingerprint(_request):
    """For pages that show only the programme and its news."""
    return fingerprint(programme_parts())
