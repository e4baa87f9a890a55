"""What ``projects`` puts on the editions' calendar (``editions.calendar``): the day the
screening of each call was published to its teams, and the planned end of each open
period of a laureate project. One query each."""

from django.db.models import F, Min
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from editions.calendar import CalendarEvent
from programme.enums import DecisionSource
from projects.applications.transitions import SCREENING_MOVES
from projects.models import ApplicationTransition, PhasePeriod


def screening_events(edition):
    """Per call, when staff first published screening decisions to its teams."""
    published = ApplicationTransition.objects.filter(
        decided_by=DecisionSource.STAFF, move__in=SCREENING_MOVES, published_at__isnull=False
    )
    if edition is not None:
        published = published.filter(application__call__edition=edition)
    rows = (
        published.order_by()
        .values(
            call=F("application__call"),
            title=F("application__call__title"),
            edition_pk=F("application__call__edition"),
            edition_name=F("application__call__edition__name"),
        )
        .annotate(first=Min("published_at"))
    )
    changelist = reverse("admin:projects_application_changelist")
    return [
        CalendarEvent(
            f"appel-{row['call']}-preselection",
            _("Présélection publiée aux équipes"),
            row["title"],
            row["first"],
            row["edition_name"],
            f"{changelist}?{urlencode({'call__edition__id__exact': row['edition_pk']})}",
        )
        for row in rows
    ]


def phase_end_events(edition):
    """The planned end of each open period, as a whole day."""
    periods = PhasePeriod.objects.open().select_related("project__application__call__edition")
    if edition is not None:
        periods = periods.filter(project__application__call__edition=edition)
    return [
        CalendarEvent(
            f"periode-{period.pk}-fin",
            _("Fin prévue : %(phase)s") % {"phase": period.get_phase_display()},
            period.project.title,
            period.planned_end,
            period.project.application.call.edition.name,
            reverse("admin:projects_project_change", args=[period.project_id]),
        )
        for period in periods.order_by("planned_end", "pk")
    ]
