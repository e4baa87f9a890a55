"""Programme-wide workflows: the news lifecycle (draft → published → archived)."""

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
    publication (kept on unarchiving) or of archiving, and who did it.
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
        locked.save(update_fields=["status", "published_at", "archived_at", "status_changed_by"])
    item.status, item.published_at, item.archived_at = (
        locked.status,
        locked.published_at,
        locked.archived_at,
    )
    return locked
