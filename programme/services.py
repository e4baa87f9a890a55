"""Programme-wide workflows: the news lifecycle (draft → published → archived), by hand or
after a configurable age."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programme import audit
from programme.enums import DecisionSource, NewsStatus
from programme.lifecycles import MoveRefused
from programme.models import NewsItem
from programme.transitions import NEWS_LIFECYCLE


def move_news_item(item, target, *, actor, decided_by=DecisionSource.STAFF, at=None):
    """Publish, archive or unarchive a news item; returns ``None`` when already there.

    ``decided_by=SYSTEM`` is the scheduled archive (``archive_old_news``). Side effects, in
    order: locks the row; asks the news table; sets the status, the date of first
    publication (kept on unarchiving) or of archiving, who did it, and the modification
    time (which public pages read to know they changed); writes the audit entry.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = NewsItem.objects.select_for_update().get(pk=item.pk)
        if locked.status == target:
            return None
        move = NEWS_LIFECYCLE.find(locked.status, target)
        if move is None or not move.allows(decided_by):
            raise MoveRefused(
                [
                    _("Une actualité « %(from)s » ne peut pas devenir « %(to)s ».")
                    % {"from": locked.get_status_display(), "to": NewsStatus(target).label}
                ]
            )
        before = audit.snapshot(locked, ["status", "published_at", "archived_at"])
        if target == NewsStatus.PUBLISHED:
            locked.published_at = locked.published_at or at
            locked.archived_at = None
        else:
            locked.archived_at = at
        locked.status, locked.status_changed_by = target, actor
        locked.save(
            update_fields=[
                "status",
                "published_at",
                "archived_at",
                "status_changed_by",
                "updated_at",
            ]
        )
        audit.record_move(
            locked,
            NEWS_LIFECYCLE,
            move,
            actor=actor,
            before=before,
            at=at,
        )
    item.status, item.published_at, item.archived_at = (
        locked.status,
        locked.published_at,
        locked.archived_at,
    )
    return locked


def archive_stale_news(*, older_than, actor=None, at=None):
    """Archive the news items that stayed published longer than ``older_than``.

    An item is stale when it was first published, and last changed, more than
    ``older_than`` (a ``timedelta``) before ``at``: an item staff unarchived or edited
    lately is left alone. Side effects: each stale item moves to archived through
    ``move_news_item``, as done by ``actor`` (``None`` for the scheduled command), at
    ``at``. Returns the items archived.
    """
    at = at or timezone.now()
    cutoff = at - older_than
    stale = NewsItem.objects.filter(
        status=NewsStatus.PUBLISHED, published_at__lt=cutoff, updated_at__lt=cutoff
    ).order_by("published_at", "pk")
    return [
        item
        for item in stale
        if move_news_item(
            item, NewsStatus.ARCHIVED, actor=actor, decided_by=DecisionSource.SYSTEM, at=at
        )
    ]
