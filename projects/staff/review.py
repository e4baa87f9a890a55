"""« À examiner »: the work waiting for staff, counted for the dashboard.

One aggregate query per model whatever the number of rows (the figures of
``projects.staff.dashboard`` are built the same way); each count links to the admin list
filtered to the rows it counts, when the user may open that list.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Count, Q, Value
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from projects.enums import ApplicationStatus, MeasurementStatus, ReportStatus
from projects.models import Application, Measurement, PhaseReport
from projects.staff import kept_sql


@dataclass(frozen=True)
class ToReview:
    """One kind of work waiting: its French label, how many, the filtered list ("" if
    the user may not open it)."""

    label: str
    count: int
    url: str


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


def _counts(name, rows, **counts):
    """``{name: count}`` of ``rows()`` in one aggregate query, its SQL kept
    (``kept_sql``): the counts grouped by a constant, which is no grouping at all."""
    names = list(counts)

    def counted():
        return (
            rows()
            .order_by()
            .annotate(everything=Value(1))
            .values("everything")
            .annotate(**counts)
            .values_list(*names)
        )

    found = kept_sql.rows(name, None, counted)
    return dict(zip(names, found[0] if found else [0] * len(names), strict=True))


def review_counts():
    """``{name: count}`` of the work waiting for staff: three aggregate queries."""
    applications = _counts(
        "to review: applications",
        Application.objects.with_untold_screening,
        to_screen=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
        to_publish=Count("pk", filter=Q(untold_screening=True)),
    )
    measurements = _counts(
        "to review: measurements",
        Measurement.objects.all,
        to_check=Count("pk", filter=Q(status=MeasurementStatus.PROPOSED)),
    )
    reports = _counts(
        "to review: reports",
        PhaseReport.objects.all,
        to_read=Count("pk", filter=Q(status=ReportStatus.SUBMITTED)),
    )
    return {**applications, **measurements, **reports}


def to_review(request):
    """The « à examiner » rows of the dashboard, in the order staff handle them."""
    counts = review_counts()
    return [
        ToReview(
            _("Candidatures déposées à présélectionner"),
            counts["to_screen"],
            _changelist(request, Application, status__exact=ApplicationStatus.SUBMITTED),
        ),
        ToReview(
            _("Décisions de présélection à publier aux équipes"),
            counts["to_publish"],
            _changelist(request, Application, publication="en-attente"),
        ),
        ToReview(
            _("Mesures d'indicateurs à vérifier"),
            counts["to_check"],
            _changelist(request, Measurement, status__exact=MeasurementStatus.PROPOSED),
        ),
        ToReview(
            _("Bilans de phase déposés à examiner"),
            counts["to_read"],
            _changelist(request, PhaseReport, status__exact=ReportStatus.SUBMITTED),
        ),
    ]
