"""Shortlisted teams invited to pitch before the jury, each at the slot its agenda item
gives (its planned time, to the next item's), with the slot in iCalendar."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.calendar import pitch_slots, told_pitch
from jury.enums import ItemKind, SessionStatus
from jury.models import Session, TeamInvitation
from jury.tasks import send_pitch_cancellation, send_pitch_invitation
from programme import audit
from programme.actions import verb
from programme.lifecycles import ActionRefused
from projects.applications.pitches import InvitedSlot

INVITE_TEAMS = verb("session.invite_teams", _("Convocations envoyées aux équipes"))
CANCEL_PITCH = verb("session.cancel_pitch", _("Passage d'une équipe annulé"))


def _agenda(session):
    return list(
        session.items.on_agenda()
        .select_related("application", "team_invitation")
        .order_by("position")
    )


def invited_slots(application):
    """The slots ``application``'s team was told, in sessions not closed, for its space
    (``projects.applications.pitches``)."""
    invitations = (
        TeamInvitation.objects.filter(item__application=application, item__removed_at__isnull=True)
        .exclude(item__session__status=SessionStatus.CLOSED)
        .select_related("item__session")
        .order_by("starts_at")
    )
    return [
        InvitedSlot(
            starts_at=invitation.starts_at,
            ends_at=invitation.ends_at,
            place=invitation.place,
            session=invitation.item.session.title,
        )
        for invitation in invitations
    ]


def team_invitation_refusals(session, items=None):
    """Why the teams of ``session`` cannot be invited yet, as French sentences: a closed
    session, no pitch on the agenda, or a pitch without a planned time."""
    if session.is_closed:
        return [_("La séance est close.")]
    items = _agenda(session) if items is None else items
    pitches = [item for item in items if item.kind == ItemKind.SELECTION]
    if not pitches:
        return [_("Aucune équipe présélectionnée n'est à l'ordre du jour de la séance.")]
    return [
        _(
            "Le point n° %(position)d (« %(title)s ») n'a pas d'heure prévue : indiquez-la "
            "dans l'ordre du jour avant de convoquer les équipes."
        )
        % {"position": item.position, "title": item.application.title}
        for item in pitches
        if item.scheduled_time is None
    ]


def invite_teams(session, *, actor, at=None):
    """Mail each shortlisted team on the agenda its pitch slot, with the slot in iCalendar.

    Side effects, in order: locks the session; refuses (``ActionRefused``) a closed
    session, an agenda without a pitch, a pitch without a planned time; for each pitch
    whose team was never invited, or was told another slot or place, writes its
    invitation (the next sequence number: the diaries replace the event they hold);
    writes the session's audit entry naming the teams invited; after commit, queues one
    e-mail per team invited. A team already told the same slot is not mailed again.
    Returns how many teams were invited.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        items = _agenda(locked)
        refusals = team_invitation_refusals(locked, items)
        if refusals:
            raise ActionRefused(refusals)
        timed = [item for item in items if item.scheduled_time is not None]
        invited = []
        for slot in pitch_slots(locked, timed):
            if slot.item.kind != ItemKind.SELECTION:
                continue
            invitation = getattr(slot.item, "team_invitation", None)
            if invitation is not None and invitation.tells(slot, locked.place):
                continue
            if invitation is None:
                invitation = TeamInvitation(item=slot.item, sequence=0)
            else:
                invitation.sequence += 1
            invitation.starts_at, invitation.ends_at = slot.start, slot.end
            invitation.place = locked.place
            invitation.sent_at, invitation.sent_by = at, actor
            invitation.save()
            invited.append(invitation)
        if invited:
            audit.record(
                locked,
                INVITE_TEAMS,
                actor=actor,
                changes={"teams": [None, [str(i.item.application) for i in invited]]},
                at=at,
            )
        for invitation in invited:
            transaction.on_commit(partial(send_pitch_invitation.enqueue, invitation.pk))
    return len(invited)


def cancel_pitch(item, *, actor, reason, at=None):
    """Tell the team of ``item`` that the pitch it was invited to no longer takes place:
    the item leaves the agenda (withdrawn or deleted) or is given another subject.
    Returns whether a team was told. Callers: ``remove_item`` (inside its transaction,
    the session locked) and the agenda's admin (inside the admin's save).

    Side effects, in order: deletes the item's invitation (a team invited again later
    gets a new one); writes the session's audit entry naming the team, with ``reason``;
    after commit, queues the cancellation to each member of the team, with the diary
    event cancelled (the invitation's UID, the next sequence).
    """
    with transaction.atomic():
        invitation = (
            TeamInvitation.objects.filter(item=item)
            .select_related("item__session", "item__application")
            .first()
        )
        if invitation is None:
            return False
        pitch = told_pitch(invitation)
        invitation.delete()
        audit.record(
            invitation.item.session,
            CANCEL_PITCH,
            actor=actor,
            changes={"teams": [[str(invitation.item.application)], None]},
            reason=reason,
            at=at or timezone.now(),
        )
        arguments = pitch.as_task_arguments() | {"sequence": pitch.sequence + 1}
        transaction.on_commit(partial(send_pitch_cancellation.enqueue, arguments))
    return True
