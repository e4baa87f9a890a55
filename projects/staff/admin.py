"""The staff dashboard: a panel on the admin index page, where staff live.

The figures come from ``projects.dashboard``; this module adds what depends on the
request: today in Paris, and the counters of work waiting for staff, linked to the admin
lists that hold it when the user may open them.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from editions.models import Edition
from projects.enums import MeasurementStatus, ReportStatus
from projects.models import Measurement, PhaseReport
from projects.staff import dashboard
from projects.staff.board import phase_board
from projects.staff.people import ERASE_PERMISSION, EXPORT_PERMISSION, person_erase, person_export


def _changelist(request, model, **filters):
    """The admin list of ``model`` filtered by ``filters``, or "" if the user may not
    open it (or nobody registered it)."""
    opts = model._meta
    if not admin.site.is_registered(model):
        return ""
    if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        return ""
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(filters)}"


def counters(request):
    """Work waiting for staff: measurements to check, phase reports submitted."""
    return [
        {
            "label": _("Mesures d'indicateurs à vérifier"),
            "count": Measurement.objects.to_review().count(),
            "url": _changelist(request, Measurement, status__exact=MeasurementStatus.PROPOSED),
        },
        {
            "label": _("Bilans de phase déposés"),
            "count": PhaseReport.objects.filter(status=ReportStatus.SUBMITTED).count(),
            "url": _changelist(request, PhaseReport, status__exact=ReportStatus.SUBMITTED),
        },
    ]


def dashboard_context(request):
    today = timezone.localdate()
    editions = list(Edition.objects.order_by("-number"))
    return {
        "today": today,
        "counters": counters(request),
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
