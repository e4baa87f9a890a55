"""The staff dashboard: a panel on the admin index page, where staff live.

The figures come from ``projects.staff.dashboard``; this module adds what depends on the
request: today in Paris, and the work waiting for staff (``projects.staff.review``),
linked to the admin lists that hold it when the user may open them.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from editions.enums import ALL_EDITIONS
from editions.models import Edition
from projects.staff import (
    dashboard,
    search,  # noqa: F401 (registers applications and projects in the staff's search)
)
from projects.staff.board import phase_board
from projects.staff.people import ERASE_PERMISSION, EXPORT_PERMISSION, person_erase, person_export
from projects.staff.review import to_review


def dashboard_context(request):
    """The dashboard of the most recent editions, or of all of them when asked."""
    today = timezone.localdate()
    editions = Edition.objects.order_by("-number")
    every_edition = request.GET.get("editions") == ALL_EDITIONS
    if every_edition:
        editions, more = list(editions), False
    else:
        editions = list(editions[: dashboard.RECENT_EDITIONS + 1])
        more = len(editions) > dashboard.RECENT_EDITIONS
        editions = editions[: dashboard.RECENT_EDITIONS]
    return {
        "today": today,
        "to_review": to_review(request),
        "every_edition": every_edition,
        "more_editions": more,
        "recent_editions": dashboard.RECENT_EDITIONS,
        "all_editions_query": urlencode({"editions": ALL_EDITIONS}),
        **dashboard.figures(editions, today=today),
    }


admin.site.register_panel(
    "admin/projects/dashboard.html", dashboard_context, permission="projects.view_project"
)
admin.site.register_view(
    "tableau-des-phases/",
    phase_board,
    name="phase_board",
    label=_("Tableau des phases"),
    description=_(
        "Les projets lauréats par phase, les périodes qui se terminent dans les 30 jours "
        "et la prochaine séance du jury."
    ),
    permission="projects.view_project",
)
admin.site.register_view(
    "personnes/<int:pk>/export/",
    person_export,
    name="person_export",
    label=_("Exporter les données d'une personne"),
    permission=EXPORT_PERMISSION,
    listed=False,
)
admin.site.register_view(
    "personnes/<int:pk>/effacement/",
    person_erase,
    name="person_erase",
    label=_("Effacer une personne"),
    permission=ERASE_PERMISSION,
    listed=False,
)
