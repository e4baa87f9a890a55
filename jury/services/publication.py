"""Telling people: members are invited to a session; decisions reach teams and the public
only when staff publish them."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.models import Convocation, Decision, Session
from jury.tasks import send_session_invitation
from projects.services import TransitionRefused, publish_history


def invite_members(session, *, actor, at=None):
    """Mail each convened member an invitation with the session in iCalendar.

    Side effects: marks each convocation invited (a second call invites again, for
    a changed date or place), then queues the e-mails after commit. Returns how many.
    """
    at = at or timezone.now()
    if session.is_closed:
        raise TransitionRefused([_("La séance est close.")])
    with transaction.atomic():
        convocations = list(Convocation.objects.filter(session=session))
        Convocation.objects.filter(session=session).update(invited_at=at)
        for convocation in convocations:
            transaction.on_commit(partial(send_session_invitation.enqueue, convocation.pk))
    return len(convocations)


def publish_decisions(session, *, actor, at=None, notify=True):
    """Tell the teams the decisions of a closed session, and show them on public pages.

    Side effects, in order: locks the session; for each applied, unpublished decision,
    stamps it and the history row it caused as published; after commit, each team is
    mailed its decision with the reasons the jury chose to share. Returns how many.
    Publishing twice publishes nothing more.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if not locked.is_closed:
            raise TransitionRefused([_("Les décisions se publient une fois la séance close.")])
        decisions = Decision.objects.filter(
            item__session=locked, applied_at__isnull=False, published_at__isnull=True
        ).select_related("application_transition", "project_transition")
        published = 0
        for decision in decisions:
            for history in (decision.application_transition, decision.project_transition):
                if history is not None:
                    publish_history(history, at=at, notify=notify)
            decision.published_at = at
            decision.save(update_fields=["published_at"])
            published += 1
    return published
