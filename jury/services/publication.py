"""Telling people: members are invited to a session; decisions reach teams and the public
only when staff publish them."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.letters import member_signatory, session_president
from jury.models import Convocation, Decision, Session
from jury.tasks import send_session_invitation
from programme import audit
from programme.actions import verb
from programme.lifecycles import ActionRefused
from projects.publication import publish_history

INVITE_MEMBERS = verb("session.invite_members", _("Convocations envoyées"))
PUBLISH_DECISIONS = verb("session.publish_decisions", _("Décisions publiées"))


def invite_members(session, *, actor, at=None):
    """Mail each convened member an invitation with the session in iCalendar.

    Side effects: marks each convocation invited (a second call invites again, for
    a changed date or place); writes the audit entry naming who was invited; queues
    the e-mails after commit. Returns how many.
    """
    at = at or timezone.now()
    if session.is_closed:
        raise ActionRefused([_("La séance est close.")])
    with transaction.atomic():
        convocations = list(Convocation.objects.filter(session=session).select_related("member"))
        Convocation.objects.filter(session=session).update(invited_at=at)
        audit.record(
            session,
            INVITE_MEMBERS,
            actor=actor,
            changes={"convocations": [None, [str(c.member) for c in convocations]]},
            at=at,
        )
        for convocation in convocations:
            transaction.on_commit(partial(send_session_invitation.enqueue, convocation.pk))
    return len(convocations)


def publish_decisions(session, *, actor, at=None, notify=True):
    """Tell the teams the decisions of a closed session, and show them on public pages.

    Side effects, in order: locks the session; for each applied, unpublished decision,
    stamps it and the history row it caused as published (each with its audit entry);
    writes its decision letter (``projects.letters``), signed by who chaired the item
    (else the session's president); writes the session's audit entry with the items
    published; after commit, each team is mailed its decision with the reasons the jury
    chose to share and the letter attached. Returns how many.
    Publishing twice publishes nothing more.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if not locked.is_closed:
            raise ActionRefused([_("Les décisions se publient une fois la séance close.")])
        decisions = Decision.objects.filter(
            item__session=locked, applied_at__isnull=False, published_at__isnull=True
        ).select_related("item", "chaired_by__user", "application_transition", "project_transition")
        president = session_president(locked)
        published = []
        for decision in decisions:
            letter = {
                "decision": decision.get_outcome_display(),
                "reasons": decision.public_reasons,
                "signatory": member_signatory(decision.chaired_by or president),
            }
            for history in (decision.application_transition, decision.project_transition):
                if history is not None:
                    publish_history(history, actor=actor, at=at, notify=notify, letter=letter)
            decision.published_at = at
            decision.save(update_fields=["published_at"])
            published.append(decision.item.position)
        if published:
            audit.record(
                locked,
                PUBLISH_DECISIONS,
                actor=actor,
                changes={"items": [None, published]},
                at=at,
            )
    return len(published)
