"""Programme-wide workflows: the news lifecycle (draft → published → archived), by hand or
after a configurable age."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programme.enums import NewsStatus
from programme.models import NewsItem

NEWS_MOVES = {
    (NewsStatus.DRAFT, NewsStatus.PUBLISHED),
    (NewsStatus.PUBLISHED, NewsStatus.ARCHIVED),
    (NewsStatus.ARCHIVED, NewsStatus.PUBLISHED),
}


class NewsMoveRefused(Exception):
    pass


def move_news_item(item, target, *, actor, at=None):
    """Publish, archive or unarchive a news item; returns ``None`` when already there.

    Side effects, in order: locks the row; sets the status, the date of first
    publication (kept on unarchiving) or of archiving, who did it, and the modification
    time (which public pages read to know they changed).
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = NewsItem.objects.select_for_update().get(pk=item.pk)
        if locked.status == target:
            return None
        if (locked.status, target) not in NEWS_MOVES:
            raise NewsMoveRefused(
                _("Une actualité « %(from)s » ne peut pas devenir « %(to)s ».")
                % {"from": locked.get_status_display(), "to": NewsStatus(target).label}
            )
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
    return [item for item in stale if move_news_item(item, NewsStatus.ARCHIVED, actor=actor, at=at)]
