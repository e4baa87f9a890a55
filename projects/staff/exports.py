"""The tables staff export: laureate projects and indicator measurements (applications:
``projects.applications.exports``).

Each function returns ``(header, rows)`` with French headers, every row a list of plain
values (text, numbers, dates) that ``programme.exports`` writes as CSV or XLSX. Each
reads its data in a fixed number of queries, however many rows there are.
"""

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.exports import local_datetime, table, yes_no
from projects.laureates.follow_up import current_period
from projects.models import (
    CoachingEntry,
    ImpactIndicator,
    Measurement,
    Milestone,
    PhasePeriod,
    Project,
)


def _per_project(queryset, path, aggregate, output_field):
    """A correlated subquery: ``aggregate`` over the rows of ``queryset`` whose ``path``
    leads to the outer project.

    Several counts joined in one query would multiply each other; one subquery each
    keeps them exact, still in the one query."""
    totals = (
        queryset.filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(total=aggregate)
        .values("total")
    )
    return Coalesce(Subquery(totals, output_field=output_field), 0, output_field=output_field)


def _period_value(getter):
    def value(project):
        period = current_period(project.period_list)
        return getter(period) if period else None

    return value


PROJECT_COLUMNS = [
    (_("identifiant"), lambda p: p.pk),
    (_("édition"), lambda p: p.application.call.edition.name),
    (_("projet"), lambda p: p.title),
    (_("thématique"), lambda p: p.theme.name if p.theme else ""),
    (_("phase"), lambda p: p.get_phase_display()),
    (_("issue"), lambda p: p.get_outcome_display()),
    (_("dans cette phase depuis le"), lambda p: p.phase_since),
    (_("publié"), lambda p: yes_no(p.is_published)),
    (_("périodes"), lambda p: len(p.period_list)),
    (_("période en cours ou dernière"), _period_value(str)),
    (_("début effectif"), _period_value(lambda period: period.actual_start)),
    (_("fin prévue"), _period_value(lambda period: period.planned_end)),
    (_("jours par semaine"), _period_value(lambda period: period.days_per_week)),
    (_("lieu"), _period_value(lambda period: period.place)),
    (
        _("coachs"),
        _period_value(lambda period: ", ".join(str(coach) for coach in period.coaches.all())),
    ),
    (_("séances d'accompagnement"), lambda p: p.coaching_count),
    (_("heures d'accompagnement"), lambda p: p.coaching_hours),
    (_("jalons en retard"), lambda p: p.overdue_milestones),
    (_("indicateurs"), lambda p: p.indicator_count),
    (_("mesures validées"), lambda p: p.validated_measurements),
    (_("mesures à valider"), lambda p: p.measurements_to_review),
]


PERIOD = "period__project"
INDICATOR = "indicator__project"


def projects_table(edition=None, today=None):
    """Every laureate project with its current period and its follow-up in figures."""
    today = today or timezone.localdate()
    integer = IntegerField()
    projects = (
        Project.objects.with_related()
        .annotate(
            coaching_count=_per_project(CoachingEntry.objects, PERIOD, Count("pk"), integer),
            coaching_hours=_per_project(
                CoachingEntry.objects,
                PERIOD,
                Sum("duration_hours"),
                DecimalField(max_digits=8, decimal_places=1),
            ),
            overdue_milestones=_per_project(
                Milestone.objects.overdue(today), PERIOD, Count("pk"), integer
            ),
            indicator_count=_per_project(ImpactIndicator.objects, "project", Count("pk"), integer),
            validated_measurements=_per_project(
                Measurement.objects.validated(), INDICATOR, Count("pk"), integer
            ),
            measurements_to_review=_per_project(
                Measurement.objects.to_review(), INDICATOR, Count("pk"), integer
            ),
        )
        .prefetch_related(
            Prefetch(
                "periods",
                queryset=PhasePeriod.objects.order_by("sequence").prefetch_related("coaches"),
                to_attr="period_list",
            )
        )
        .order_by("application__call__edition__number", "title")
    )
    if edition is not None:
        projects = projects.for_edition(edition)
    return table(PROJECT_COLUMNS, projects)


def _person(user):
    return str(user) if user else ""


MEASUREMENT_COLUMNS = [
    (_("indicateur"), lambda m: m.indicator.name),
    (_("projet"), lambda m: m.indicator.project.title),
    (_("édition"), lambda m: m.indicator.project.application.call.edition.name),
    (_("valeur de départ"), lambda m: m.indicator.baseline),
    (_("cible"), lambda m: m.indicator.target),
    (_("unité"), lambda m: m.indicator.unit),
    (_("indicateur publié"), lambda m: yes_no(m.indicator.is_published)),
    (_("date de la mesure"), lambda m: m.measured_on),
    (_("valeur"), lambda m: m.value),
    (_("source"), lambda m: m.source),
    (_("état"), lambda m: m.get_status_display()),
    (_("saisie par"), lambda m: _person(m.entered_by)),
    (_("vérifiée par"), lambda m: _person(m.reviewed_by)),
    (_("vérifiée le"), lambda m: local_datetime(m.reviewed_at)),
    (_("commentaire de vérification"), lambda m: m.review_note),
]


def indicators_table(edition=None):
    """One row per measurement, with its indicator's baseline and target, whatever its
    state: staff see what waits for them as well as what was published."""
    measurements = Measurement.objects.select_related(
        "indicator__project__application__call__edition", "entered_by", "reviewed_by"
    ).order_by(
        "indicator__project__application__call__edition__number",
        "indicator__project__title",
        "indicator__position",
        "indicator__pk",
        "measured_on",
        "pk",
    )
    if edition is not None:
        measurements = measurements.filter(indicator__project__application__call__edition=edition)
    return table(MEASUREMENT_COLUMNS, measurements)
