"""The agenda once frozen: the chair withdraws an item from it with a reason (it then
leaves the close), or reopens the scoring of one item during the deliberation."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.enums import SessionStatus
from jury.models import AgendaItem, Session
from jury.services.pitches import cancel_pitch
from programme import audit
from programme.actions import verb
from programme.lifecycles import ActionRefused

REMOVE_ITEM = verb("jury.remove_item", _("Point retiré de l'ordre du jour"))
REOPEN_SCORING = verb("jury.reopen_item_scoring", _("Notation d'un point rouverte"))
FREEZE_SCORING = verb("jury.freeze_item_scoring", _("Notation d'un point refermée"))


def removal_refusals(item, reason=None):
    """Why ``item`` cannot leave the agenda now; ``reason=None`` asks before one is given."""
    status = item.session.status
    if status == SessionStatus.PLANNED:
        return [
            _(
                "Avant l'ouverture de la notation, l'ordre du jour se modifie dans "
                "l'administration de la séance."
            )
        ]
    if status == SessionStatus.CLOSED:
        return [_("La séance est close.")]
    if reason is not None and not reason.strip():
        return [_("Indiquez le motif du retrait de l'ordre du jour.")]
    return []


def remove_item(item, *, reason, actor, at=None):
    """Withdraw ``item`` from the agenda: it is no longer scored, decided or applied by
    the close, and the minutes give the reason. Returns ``None`` if it was already.

    Side effects, in order: locks the session and the item; stamps the withdrawal with
    its reason and who made it; writes the audit entry with the reason; if its team was
    invited to pitch, tells it the pitch is cancelled (``pitches.cancel_pitch``).
    """
    at = at or timezone.now()
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=item.session_id)
        locked = AgendaItem.objects.select_for_update().select_related("session").get(pk=item.pk)
        if locked.is_removed:
            return None
        refusals = removal_refusals(locked, reason)
        if refusals:
            raise ActionRefused(refusals)
        locked.removed_at, locked.removed_by, locked.removal_reason = at, actor, reason.strip()
        locked.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        audit.record(
            locked,
            REMOVE_ITEM,
            actor=actor,
            changes={"removed_at": [None, at.isoformat()]},
            reason=locked.removal_reason,
            at=at,
        )
        cancel_pitch(locked, actor=actor, reason=locked.removal_reason, at=at)
    item.removed_at, item.removed_by, item.removal_reason = at, actor, locked.removal_reason
    return locked


def reopen_refusals(item, reason=None):
    """Why the scoring of ``item`` cannot be reopened now."""
    if item.session.status != SessionStatus.DELIBERATION:
        return [_("La notation d'un point se rouvre pendant la délibération.")]
    if item.is_removed:
        return [_("Ce point a été retiré de l'ordre du jour.")]
    if reason is not None and not reason.strip():
        return [_("Indiquez pourquoi la notation de ce point est rouverte.")]
    return []


def reopen_item_scoring(item, *, reason, actor, at=None):
    """Let the members change their marks on ``item`` again, during the deliberation (the
    jury asked the team a question). Returns ``None`` if it was open already.

    Side effects, in order: locks the session and the item; stamps the reopening and its
    reason; writes the audit entry with the reason.
    """
    at = at or timezone.now()
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=item.session_id)
        locked = AgendaItem.objects.select_for_update().select_related("session").get(pk=item.pk)
        if locked.scoring_reopened_at is not None:
            return None
        refusals = reopen_refusals(locked, reason)
        if refusals:
            raise ActionRefused(refusals)
        locked.scoring_reopened_at, locked.scoring_reopen_reason = at, reason.strip()
        locked.save(update_fields=["scoring_reopened_at", "scoring_reopen_reason"])
        audit.record(
            locked,
            REOPEN_SCORING,
            actor=actor,
            changes={"scoring_reopened_at": [None, at.isoformat()]},
            reason=locked.scoring_reopen_reason,
            at=at,
        )
    item.scoring_reopened_at, item.scoring_reopen_reason = at, locked.scoring_reopen_reason
    return locked


def freeze_item_scoring(item, *, actor, at=None):
    """Freeze the marks of ``item`` again, so that its decision can be recorded. Returns
    ``None`` if they were frozen.

    Side effects, in order: locks the session and the item; clears the reopening (its
    reason stays in the log); writes the audit entry.
    """
    at = at or timezone.now()
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=item.session_id)
        locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if locked.scoring_reopened_at is None:
            return None
        before = locked.scoring_reopened_at
        locked.scoring_reopened_at = None
        locked.save(update_fields=["scoring_reopened_at"])
        audit.record(
            locked,
            FREEZE_SCORING,
            actor=actor,
            changes={"scoring_reopened_at": [before.isoformat(), None]},
            at=at,
        )
    item.scoring_reopened_at = None
    return locked
