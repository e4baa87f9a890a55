"""The lifecycle of a news item, as a table of named moves. Pure module: no ORM."""

from django.utils.translation import gettext_lazy as _

from programme.enums import DecisionSource, NewsStatus
from programme.lifecycles import Lifecycle, Move

# Staff publish and archive by hand; the scheduled command archives old news by itself.
BY_STAFF = frozenset({DecisionSource.STAFF})
BY_STAFF_OR_SCHEDULE = frozenset({DecisionSource.STAFF, DecisionSource.SYSTEM})

N = NewsStatus
NEWS_LIFECYCLE = Lifecycle(
    name="news",
    states=NewsStatus,
    initial=N.DRAFT,
    moves=(
        Move("publish", N.DRAFT, N.PUBLISHED, _("Publier"), BY_STAFF),
        Move("archive", N.PUBLISHED, N.ARCHIVED, _("Archiver"), BY_STAFF_OR_SCHEDULE),
        Move("unarchive", N.ARCHIVED, N.PUBLISHED, _("Désarchiver"), BY_STAFF),
    ),
)
