"""When the cache of public pages starts a new generation (``programme.public_cache``).

Any row saved or deleted, and any many-to-many link changed, of a model of the apps —
the admin's log included, so that every admin edit, bulk edit and deletion counts — ends
the generation, but for the few models no public page shows that change all day (sign-in
traces, jurors' scores). Services that write with ``QuerySet.update`` also write their
audit entry, which counts.

The generation ends twice: at once, for the requests that see the change before its
transaction ends (the same connection: a test, a command's own pages), and once more
when the transaction commits, since a page rendered by another server between the change
and the commit still shows the old data under the new generation. Inside a transaction
the second end is registered once, however many rows change.
"""

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from programme.public_cache import invalidate

WATCHED_APPS = ("admin", "programme", "editions", "projects", "jury")
# Written on every sign-in or score, never shown on a public page.
UNWATCHED_MODELS = {
    "programme.SignInRecord",
    "programme.SignInCooloff",
    "programme.ProConnectIdentity",
    "jury.Score",
    "jury.ConflictOfInterest",
}
# A user's row saved for these fields only (each sign-in stamps ``last_login``).
UNSHOWN_USER_FIELDS = frozenset({"last_login", "password"})


def watched_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in WATCHED_APPS and model._meta.label not in UNWATCHED_MODELS
    ]


def _end_after_commit(using):
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return  # autocommit: the change is already committed, and ended the generation
    # Django keeps (savepoints, function, robust) per callback; a rolled-back savepoint
    # drops its callbacks, so this finds the one still pending, if any.
    if any(callback[1] is invalidate for callback in connection.run_on_commit):
        return
    # Robust: a cache that fails must not stop the mail queued after this.
    transaction.on_commit(invalidate, using=using, robust=True)


def row_changed(sender, using=DEFAULT_DB_ALIAS, update_fields=None, **kwargs):
    """On post_save and post_delete of a watched model."""
    if (
        update_fields
        and sender._meta.label == "programme.User"
        and frozenset(update_fields) <= UNSHOWN_USER_FIELDS
    ):
        return
    invalidate()
    _end_after_commit(using)


def links_changed(sender, action, using=DEFAULT_DB_ALIAS, **kwargs):
    """On m2m_changed: the through model tells whose links changed."""
    if not action.startswith("post_"):
        return
    if sender._meta.app_label not in WATCHED_APPS:
        return
    invalidate()
    _end_after_commit(using)


def connect():
    """Connected per model rather than for every sender: a model without delete
    receivers keeps Django's fast bulk deletes (sessions, task results)."""
    for model in watched_models():
        uid = f"public_cache:{model._meta.label}"
        post_save.connect(row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(row_changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(links_changed, dispatch_uid="public_cache:links")
