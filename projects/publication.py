"""Decisions that wait to be told: a jury's decision reaches the team when staff publish it."""

from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from programme import audit
from programme.actions import verb
from projects.enums import ApplicationStatus
from projects.models import ApplicationTransition, ProjectTransition
from projects.tasks import notify_application_transition, notify_project_transition

PUBLISH = verb("history.publish", _("Décision communiquée à l'équipe"))


def publish_history(history, *, actor, at, notify=True):
    """Tell the team a decision that was waiting (a jury's): stamp it, mail it after commit.

    ``history`` is an ``ApplicationTransition`` or a ``ProjectTransition``. Already
    published: nothing happens. Publishing a selection also publishes the birth of the
    laureate project it created (one e-mail tells both). Side effects: stamps the row;
    writes the audit entry on the history row; queues the mail after commit.
    """
    if history.published_at is not None:
        return None
    type(history).objects.filter(pk=history.pk).update(published_at=at)
    history.published_at = at
    audit.record(history, PUBLISH, actor=actor, changes={"published_at": [None, at]}, at=at)
    if (
        isinstance(history, ApplicationTransition)
        and history.to_status == ApplicationStatus.SELECTED
    ):
        ProjectTransition.objects.filter(
            project__application_id=history.application_id,
            from_phase="",
            published_at__isnull=True,
        ).update(published_at=at)
    if notify:
        task = (
            notify_application_transition
            if isinstance(history, ApplicationTransition)
            else notify_project_transition
        )
        transaction.on_commit(partial(task.enqueue, history.pk))
    return history
