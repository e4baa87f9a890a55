"""The copies the programme makes of personal data besides the rows that hold it: the
audit log (changes, reasons, labels), Django's admin history, and the arguments of the
e-mails in the task queue. ``forget`` takes a person's values out of all of them, for the
services that anonymise (``programme.retention``, ``projects.retention``); it writes no
audit entry of its own, the calling service does.
"""

from django.contrib.admin.models import LogEntry
from django.db.models import Q
from django_tasks_db.models import DBTaskResult

from programme import audit


def forget(values, *, objects=(), fields=()):
    """Take ``values`` (names and addresses) out of every copy the programme keeps:
    the audit log (``audit.erase``: ``objects`` and ``fields`` as there), the results of
    finished tasks (e-mails' arguments), which are deleted, and the admin's own history.
    Runs in the caller's transaction."""
    values = [value for value in values if value]
    audit.erase(values, objects=objects, fields=fields)
    finished = DBTaskResult.objects.finished()
    audit.mentioning(finished, "args_kwargs", values).delete()
    # Django's own admin history names the objects staff changed there.
    scrub = audit.scrubber(values)
    mentions = Q(pk__in=audit.mentioning(LogEntry.objects.all(), "object_repr", values))
    mentions |= Q(pk__in=audit.mentioning(LogEntry.objects.all(), "change_message", values))
    for entry in LogEntry.objects.filter(mentions):
        entry.object_repr = scrub(entry.object_repr)
        entry.change_message = scrub(entry.change_message)
        entry.save(update_fields=["object_repr", "change_message"])
