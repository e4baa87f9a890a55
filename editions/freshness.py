"""What the public pages about editions and calls depend on (see ``programme.freshness``)."""

import datetime

from django.db.models import Min, Q
from django.utils import timezone

from editions.models import Call, Edition
from programme.freshness import fingerprint, programme_parts
from programme.subqueries import count, latest


def edition_parts():
    """The programme's parts, the editions and calls, and how many calls have opened and
    closed by now: a call's state changes with time alone."""
    now = timezone.now()
    return programme_parts() | {
        "editions_changed": latest(Edition.objects.all(), "updated_at"),
        "calls_changed": latest(Call.objects.all(), "updated_at"),
        "calls_opened": count(Call.objects.filter(opens_at__lte=now)),
        "calls_closed": count(Call.objects.filter(closes_at__lt=now)),
    }


def edition_fingerprint(_request):
    return fingerprint(edition_parts())


def next_call_change(now):
    """The next moment a call opens or closes after ``now``, or None: until then, time
    alone changes no call's state (``Call.state_at``: open from ``opens_at``, closed just
    after ``closes_at``)."""
    moments = Call.objects.aggregate(
        opening=Min("opens_at", filter=Q(opens_at__gt=now)),
        closing=Min("closes_at", filter=Q(closes_at__gte=now)),
    )
    if moments["closing"] is not None:
        moments["closing"] += datetime.timedelta(microseconds=1)
    return min((moment for moment in moments.values() if moment is not None), default=None)
