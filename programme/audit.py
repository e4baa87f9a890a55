"""Writing the audit log: the one function every mutating service calls.

``record`` runs inside the caller's transaction, so the entry exists exactly when the
change does; ``record_move`` is the entry of a lifecycle's move. ``snapshot`` and
``changed`` compare an object's fields before and after a change. ``erase`` takes out
of the log the personal data of people being anonymised (``programme.retention``).
"""

import json
import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, TextField
from django.db.models.functions import Cast
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


# What stands in the log for an erased value: not a word, so it reads the same in any
# language.
ERASED = "***"


def mentioning(queryset, field, values):
    """``queryset`` annotated with ``field`` as text, filtered to the rows whose text
    holds one of ``values``, as stored: JSON escapes accents on SQLite, not on
    PostgreSQL, so both forms are looked for."""
    text = f"{field}_text"
    condition = Q()
    for value in values:
        escaped = json.dumps(value)[1:-1]
        condition |= Q(**{f"{text}__icontains": value}) | Q(**{f"{text}__icontains": escaped})
    if not condition:
        return queryset.none()
    return queryset.annotate(**{text: Cast(field, TextField())}).filter(condition)


def scrubber(values):
    """A function replacing each of ``values`` (whole words, any case) by ``ERASED``."""
    values = sorted({value.strip() for value in values if value and value.strip()}, key=len)
    if not values:
        return lambda text: text
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(value)}(?!\w)" for value in reversed(values)),
        re.IGNORECASE,
    )

    def scrub(data):
        if isinstance(data, str):
            return pattern.sub(ERASED, data)
        if isinstance(data, list):
            return [scrub(item) for item in data]
        if isinstance(data, dict):
            return {scrub(key): scrub(item) for key, item in data.items()}
        return data

    return scrub


def erase(values, *, objects=(), fields=()):
    """Take ``values`` (the names and addresses of people being anonymised) out of the log.

    Every entry that mentions one of them, in its changes, reason, object or actor label,
    has it replaced by ``ERASED``; the entries of ``objects`` (already anonymised) also
    get their object label again from them, and the values of their ``fields`` erased
    whatever they were. Runs in the caller's transaction; writes no entry of its own
    (the service that anonymises writes it). Returns the number of entries changed.
    """
    values = [value for value in values if value]
    own = {
        (ContentType.objects.get_for_model(obj, for_concrete_model=False).pk, str(obj.pk)): obj
        for obj in objects
    }
    condition = Q(pk__in=mentioning(AuditEntry.objects.all(), "changes", values).values("pk"))
    for value in values:
        condition |= (
            Q(object_repr__icontains=value)
            | Q(reason__icontains=value)
            | Q(actor_label__icontains=value)
        )
    for content_type_id, object_id in own:
        condition |= Q(content_type_id=content_type_id, object_id=object_id)
    scrub = scrubber(values)
    count = 0
    for entry in AuditEntry.objects.filter(condition):
        obj = own.get((entry.content_type_id, entry.object_id))
        before = (entry.object_repr, entry.reason, entry.actor_label, entry.changes)
        entry.object_repr = str(obj)[:300] if obj is not None else scrub(entry.object_repr)
        entry.reason = scrub(entry.reason)
        entry.actor_label = scrub(entry.actor_label)
        entry.changes = {
            name: [_erased(value) for value in pair]
            if obj is not None and name in fields
            else scrub(pair)
            for name, pair in _scrub_keys(entry.changes, scrub).items()
        }
        if before != (entry.object_repr, entry.reason, entry.actor_label, entry.changes):
            entry.save(update_fields=["object_repr", "reason", "actor_label", "changes"])
            count += 1
    return count


def _scrub_keys(changes, scrub):
    return {scrub(name): pair for name, pair in changes.items()}


def _erased(value):
    return value if value in (None, "", [], False) else ERASED
