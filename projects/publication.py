"""Decisions that wait to be told: a jury's decision, or a staff screening decision,
reaches the team when staff publish it; a selection told puts the new laureate's page on
the public site."""

from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from programme import audit
from programme.actions import verb
from projects.enums import ApplicationStatus
from projects.letters import write_letter
from projects.models import ApplicationTransition, Project, ProjectTransition
from projects.tasks import notify_application_transition, notify_project_transition

PUBLISH = verb("history.publish", _("Décision communiquée à l'équipe"))
PUBLISH_PAGE = verb("project.publish_page", _("Page publique publiée avec la décision"))


def publish_history(history, *, actor, at, notify=True, letter=None):
    """Tell the team a decision that was waiting (a jury's): stamp it, write its letter,
    mail both after commit.

    ``history`` is an ``ApplicationTransition`` or a ``ProjectTransition``. Already
    published: nothing happens. Publishing a selection also publishes the birth of the
    laureate project it created (one e-mail tells both) and puts its page on the public
    site, unless staff unticked ``publish_with_decision`` (``publish_project_page``).
    ``letter``: what the decision letter says that the history row does not know (the
    keyword arguments of ``projects.letters.write_letter``: a jury's outcome, public
    reasons and chair).
    Side effects: stamps the row; writes the audit entry on the history row; writes the
    decision letter, kept on the application (with its audit entry); on a selection,
    stamps the project's birth and publishes its page (with its audit entry); queues
    the mail, with the letter attached, after commit.
    """
    if history.published_at is not None:
        return None
    type(history).objects.filter(pk=history.pk).update(published_at=at)
    history.published_at = at
    audit.record(history, PUBLISH, actor=actor, changes={"published_at": [None, at]}, at=at)
    write_letter(history, actor=actor, at=at, **(letter or {}))
    if (
        isinstance(history, ApplicationTransition)
        and history.to_status == ApplicationStatus.SELECTED
    ):
        # The project's birth, recorded with the selection and untold like it until now.
        ProjectTransition.objects.filter(
            project__application_id=history.application_id, from_phase=""
        ).update(published_at=at)
        project = Project.objects.filter(application_id=history.application_id).first()
        if project is not None:
            publish_project_page(project, actor=actor, at=at)
    if notify:
        task = (
            notify_application_transition
            if isinstance(history, ApplicationTransition)
            else notify_project_transition
        )
        transaction.on_commit(partial(task.enqueue, history.pk))
    return history


def publish_project_page(project, *, actor, at):
    """Put the page of a laureate just told of its selection on the public site, unless
    staff chose to publish it later (``publish_with_decision`` unticked) or it already is.

    The page shows only what the public pages ever show: the public texts, and the names
    of the members who consented. Side effects: ticks ``is_published``; writes the
    project's audit entry. Returns whether the page was published.
    """
    if project.is_published or not project.publish_with_decision:
        return False
    Project.objects.filter(pk=project.pk).update(is_published=True)
    project.is_published = True
    audit.record(project, PUBLISH_PAGE, actor=actor, changes={"is_published": [False, True]}, at=at)
    return True
