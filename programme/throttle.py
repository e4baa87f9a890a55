"""Cool-offs after failed sign-ins, that nobody can turn against someone else.

Every form that checks a secret (a password, on the site or the admin; a one-time code)
counts its failures twice: for the account from this address, and for this address
whatever the account. Past ``TREMPLIN_LOGIN_FAILURES_PER_ACCOUNT`` (or ``…_PER_IP``)
failures, the next attempt from that pair (or that address) waits
``TREMPLIN_LOGIN_COOLOFF_SECONDS``, twice as long after each new failure, at most
``TREMPLIN_LOGIN_COOLOFF_MAX_SECONDS``. An attempt that waits is not checked at all.

No account is ever locked for everyone: someone guessing a juror's password from their
address slows only their own address, and the juror still signs in from theirs. The
counts live in the database (``SignInCooloff``), so every worker agrees; staff see and
lift them in the admin (``lift_cooloff``).
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import _get_ip

from programme import audit
from programme.actions import verb
from programme.models import SignInCooloff, SignInRecord
from programme.second_factor import requires_second_factor

LIFT_COOLOFF = verb("sign_in.lift_cooloff", _("Attente après des échecs de connexion levée"))
# A count is forgotten after this long without a new failure.
FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class Wait:
    """The next attempt may come at ``until``."""

    until: datetime

    @property
    def minutes(self):
        """Minutes left, rounded up: what the page tells the person."""
        return max(1, math.ceil((self.until - timezone.now()).total_seconds() / 60))


def client_ip(request):
    """The visitor's address, as the rate limits see it (``RATELIMIT_IP_META_KEY``
    behind a proxy; an IPv6 address by its /64 network, which one person holds)."""
    return _get_ip(request)


def normalise_account(account):
    return (account or "").strip().lower()[:254]


def wait_for(scope, account, ip):
    """The ``Wait`` before the next attempt of ``account`` from ``ip``, or None."""
    now = timezone.now()
    until = (
        SignInCooloff.objects.filter(
            Q(account=normalise_account(account)) | Q(account=""),
            scope=scope,
            ip_address=ip,
            blocked_until__gt=now,
        )
        .aggregate(until=Max("blocked_until"))
        .get("until")
    )
    return Wait(until) if until else None


def record_failure(scope, account, ip):
    """Count a failure of ``account`` from ``ip``, and of ``ip``; start or lengthen the
    wait of either that went past its limit."""
    account = normalise_account(account)
    if account:
        _count(scope, account, ip, settings.TREMPLIN_LOGIN_FAILURES_PER_ACCOUNT)
    _count(scope, "", ip, settings.TREMPLIN_LOGIN_FAILURES_PER_IP)


def record_success(scope, account, ip):
    """A success forgets the pair's failures; the address's count stays."""
    SignInCooloff.objects.filter(
        scope=scope, account=normalise_account(account), ip_address=ip
    ).delete()


def cooloff_seconds(failures, limit):
    """The wait after ``failures`` failures: none below ``limit``, then doubling."""
    if failures < limit:
        return 0
    doublings = min(failures - limit, 32)
    return min(
        settings.TREMPLIN_LOGIN_COOLOFF_SECONDS * 2**doublings,
        settings.TREMPLIN_LOGIN_COOLOFF_MAX_SECONDS,
    )


def _count(scope, account, ip, limit):
    now = timezone.now()
    with transaction.atomic():
        row, created = SignInCooloff.objects.select_for_update().get_or_create(
            scope=scope, account=account, ip_address=ip, defaults={"last_failure_at": now}
        )
        if not created and row.last_failure_at < now - FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        seconds = cooloff_seconds(row.failures, limit)
        row.blocked_until = now + timedelta(seconds=seconds) if seconds else None
        row.save()


def lift_cooloff(cooloff, *, actor):
    """Forget the failures of ``cooloff``: its account (or address) may try again now.

    Side effects, in order: writes the audit entry; deletes the count.
    """
    with transaction.atomic():
        audit.record(
            cooloff,
            LIFT_COOLOFF,
            actor=actor,
            changes={"failures": [cooloff.failures, 0]},
        )
        cooloff.delete()


def log_attempt(request, user, step, *, succeeded):
    """Keep a record of an attempt of an account that needs a second factor."""
    if user is None or not requires_second_factor(user):
        return
    SignInRecord.objects.create(
        user=user, ip_address=client_ip(request), step=step, succeeded=succeeded
    )
