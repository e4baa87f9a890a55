"""Writing the audit log: the one function every mutating service calls.

``record`` runs inside the caller's transaction, so the entry exists exactly when the
change does; ``record_move`` is the entry of a lifecycle's move. ``snapshot`` and
``changed`` compare an object's fields before and after a change.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from programme.actions import move_action
from programme.models import AuditEntry


def snapshot(obj, fields):
    """The values of ``fields`` of ``obj`` (foreign keys by their id), to compare later."""
    return {name: _value(obj, name) for name in fields}


def changed(before, obj):
    """``{field: [before, after]}`` for the fields of ``before`` whose value changed."""
    after = snapshot(obj, before)
    return {name: [before[name], after[name]] for name in before if before[name] != after[name]}


def _value(obj, name):
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return sorted(related.pk for related in getattr(obj, name).all())
    return getattr(obj, field.attname)


def record(obj, action, *, actor, changes=None, reason="", at=None):
    """Write one entry: ``actor`` did ``action`` to ``obj`` at ``at``, changing ``changes``
    (``{field: [before, after]}``), for ``reason``. Returns the entry.

    ``actor`` is ``None`` for what the programme does by itself (a scheduled archive) or
    for someone without an account (a line manager answering by link).
    """
    return AuditEntry.objects.create(
        at=at or timezone.now(),
        actor=actor,
        actor_label=_actor_label(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
        reason=reason or "",
    )


def _actor_label(actor):
    if actor is None:
        return ""
    full_name = actor.get_full_name()
    return f"{full_name} <{actor.email}>" if full_name else actor.email


def record_move(obj, lifecycle, move, *, actor, before, reason="", at=None):
    """The entry of ``move`` of ``lifecycle`` made on ``obj``: the action is the move's
    name, the changes are the fields of ``before`` (a ``snapshot``) that moved."""
    return record(
        obj,
        move_action(lifecycle, move),
        actor=actor,
        changes=changed(before, obj),
        reason=reason,
        at=at,
    )
