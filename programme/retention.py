"""The retention schedule: how long each kind of personal data is kept, and its run.

Each kind of data is a ``Kind`` registered here by the app whose models hold it: this
module registers the sign-in traces and the task results; ``projects.retention``, the
drafts, the applications not selected and the laureates. Its duration is a setting
(``TREMPLIN_RETENTION_DAYS``), read by the run (``apply_retention``, from
``manage.py apply_retention``) and by the personal-data page alike.

What the record must keep is anonymised, not deleted: the services that anonymise (here
``erase_account``, in ``projects.retention`` an application and a team member) each
write one audit entry on the object they anonymised, so that its admin page says when
and by whom, and so that a person's erasure from the admin (the same services, with
staff as actor) reads the same in the log. Technical rows outside the record (expired
sessions, finished task results) are deleted without an entry; the run counts them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import devices_for_user
from django_tasks_db.models import DBTaskResult

from programme import audit
from programme.actions import verb
from programme.copies import forget
from programme.models import ProConnectIdentity, SignInCooloff, SignInRecord, User

ERASE_ACCOUNT = verb("account.erase", _("Compte effacé"))
# Anonymised addresses end here: a reserved domain (RFC 2606) that no mail reaches.
ANONYMOUS_DOMAIN = "anonyme.invalid"


@dataclass(frozen=True)
class Kind:
    """A kind of personal data, how long it is kept and what then becomes of it.

    ``apply(cutoff, actor=, at=)`` anonymises or deletes what is older than ``cutoff``
    and returns how many objects it changed.
    """

    name: str
    label: Promise
    counted_from: Promise
    fate: Promise
    apply: Callable
    order: int

    @property
    def days(self):
        return settings.TREMPLIN_RETENTION_DAYS[self.name]

    @property
    def duration_label(self):
        return duration_label(self.days)


_KINDS = {}


def register(kind):
    _KINDS[kind.name] = kind
    return kind


def kinds():
    """The registered kinds, in the order they run (and the page lists them)."""
    return sorted(_KINDS.values(), key=lambda kind: kind.order)


def duration_label(days):
    """``days`` in French words: in years or months when it is a whole number of them."""
    if days and days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d an", "%(count)d ans", years) % {"count": years}
    if days >= 60 and days % 30 == 0:
        months = days // 30
        return ngettext("%(count)d mois", "%(count)d mois", months) % {"count": months}
    return ngettext("%(count)d jour", "%(count)d jours", days) % {"count": days}


class _DryRun(Exception):
    """Raised to roll a dry run back once it has counted everything."""


def apply_retention(*, actor=None, at=None, dry_run=False):
    """Apply every kind's duration at ``at``; returns ``{kind name: count}``.

    Side effects, in order, in one transaction: each kind, in its order, anonymises or
    deletes what outlived its duration (each anonymised object gets its audit entry, by
    ``actor``: ``None`` for the scheduled command); after commit, the files of what was
    anonymised are deleted from storage. A dry run does the same and rolls it all back,
    files included, so it reports exactly what a real run would do. A second run finds
    nothing left to do.
    """
    at = at or timezone.now()
    report = {}
    try:
        with transaction.atomic():
            for kind in kinds():
                cutoff = at - datetime.timedelta(days=kind.days)
                report[kind.name] = kind.apply(cutoff, actor=actor, at=at)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


# Accounts: a role is a relation an app declares (its related name on ``User``): a team
# membership, a jury membership, a coached period... Staff and superusers always have one.
_ROLE_RELATIONS = set()


def register_role(related_name):
    _ROLE_RELATIONS.add(related_name)


def without_role(users):
    """``users`` who hold no role: neither staff nor any relation an app registered."""
    users = users.filter(is_staff=False, is_superuser=False, groups=None)
    for related_name in sorted(_ROLE_RELATIONS):
        users = users.filter(**{f"{related_name}__isnull": True})
    return users


def anonymous_email(prefix, pk):
    return f"{prefix}-{pk}@{ANONYMOUS_DOMAIN}"


def is_anonymous_email(email):
    return email.endswith(f"@{ANONYMOUS_DOMAIN}")


def erase_account(user, *, actor, at=None, reason=""):
    """Erase an account: deleted if nothing in the record points to it, else anonymised.

    Side effects, in order: its name and address leave the audit log (actor labels
    included) and the finished task results; the audit entry on the account; then
    either the account is deleted or, when the record needs it (it created an
    application, made a decision), it keeps its row with an anonymous address, no
    name, no password, no last sign-in, no ProConnect identity, and is deactivated.
    Returns ``True``, or ``False`` for an account already anonymised.
    """
    at = at or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if is_anonymous_email(user.email):
            return False
        values = [user.email, user.get_full_name()]
        user.email = anonymous_email("compte", user.pk)
        user.first_name = user.last_name = user.job_title = ""
        user.organisation = None
        user.is_active = False
        user.last_login = None
        user.set_unusable_password()
        user.save()
        # Its ProConnect subject would sign the anonymised account in again.
        ProConnectIdentity.objects.filter(user=user).delete()
        # Its sign-in log (addresses) and second-factor devices go with the person.
        user.sign_in_records.all().delete()
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        audit.record(user, ERASE_ACCOUNT, actor=actor, reason=reason, at=at)
        forget(values, objects=[user], fields=("email", "first_name", "last_name"))
        user.audit_entries.update(actor_label=str(user))
        try:
            with transaction.atomic():
                user.delete()
        except (ProtectedError, RestrictedError):
            pass
    return True


def _sign_in_traces(cutoff, *, actor, at):
    """Delete the expired sessions, the sign-in log and the counts of failed attempts
    older than ``cutoff``; erase the accounts without any role whose last sign-in (or
    creation, if they never signed in) is older than ``cutoff``. Counts the accounts."""
    Session.objects.filter(expire_date__lt=at).delete()
    SignInRecord.objects.filter(at__lt=cutoff).delete()
    SignInCooloff.objects.filter(last_failure_at__lt=cutoff).delete()
    idle = without_role(User.objects.exclude(email__endswith=f"@{ANONYMOUS_DOMAIN}")).filter(
        Q(last_login__lt=cutoff) | Q(last_login=None, date_joined__lt=cutoff)
    )
    reason = _("Durée de conservation des traces de connexion écoulée.")
    return sum(
        erase_account(user, actor=actor, at=at, reason=str(reason))
        for user in idle.distinct().order_by("pk")
    )


def _task_results(cutoff, **_context):
    """Delete the results of tasks finished before ``cutoff``: technical rows, outside the
    record, so without an audit entry (the run counts them)."""
    deleted, _by_model = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted


register(
    Kind(
        "sign_in",
        label=_("Traces de connexion et journaux du serveur"),
        counted_from=_(
            "après la dernière connexion d'un compte qui n'a plus aucun rôle ; "
            "après leur écriture pour les journaux"
        ),
        fate=_("comptes supprimés ou anonymisés, sessions expirées supprimées"),
        apply=_sign_in_traces,
        order=40,
    )
)
register(
    Kind(
        "task_results",
        label=_("Résultats des envois d'e-mails en arrière-plan"),
        counted_from=_("après l'envoi"),
        fate=_("supprimés"),
        apply=_task_results,
        order=50,
    )
)
