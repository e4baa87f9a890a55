"""The tables staff export: laureate projects and indicator measurements (applications:
``projects.applications.exports``).

Each function returns ``(header, rows)`` with French headers, every row a list of plain
values (text, numbers, dates) that ``programme.exports`` writes as CSV or XLSX. Each
reads its data as plain values (``values()``, no model objects) in a fixed number of
queries, however many rows there are, and translates its labels once per export.
"""

from django.db.models import (
    Case,
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editions.enums import Phase
from programme.exports import (
    choice_labels,
    local_datetime,
    person_name,
    table,
    yes_no_labels,
)
from programme.subqueries import count
from projects.enums import MeasurementStatus, ReintegrationOutcome
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


def _current_period():
    """The pk of the project's current period: its open one, else its last one."""
    periods = PhasePeriod.objects.filter(project=OuterRef("pk"))
    return Subquery(
        periods.order_by(
            Case(When(actual_end__isnull=True, then=0), default=1), "-sequence"
        ).values("pk")[:1]
    )


def _periods(period_ids):
    """``{pk: period values}`` of the current periods, each with its ``coaches`` as text:
    two queries."""
    periods = {
        period["pk"]: period | {"coaches": []}
        for period in PhasePeriod.objects.filter(pk__in=period_ids).values(
            *("pk", "project__title", "sequence", "phase", "actual_start", "planned_end"),
            *("days_per_week", "place"),
        )
    }
    coaches = (
        PhasePeriod.coaches.through.objects.filter(phaseperiod_id__in=period_ids)
        .order_by("phaseperiod_id", "user__last_name", "user__first_name", "user__email")
        .values_list("phaseperiod_id", "user__first_name", "user__last_name", "user__email")
    )
    for period_id, *person in coaches:
        periods[period_id]["coaches"].append(person_name(*person))
    return periods


def project_columns(periods):
    phases, outcomes = choice_labels(Phase), choice_labels(ReintegrationOutcome)
    yes_no = yes_no_labels()

    def period(getter):
        def value(project):
            current = periods.get(project["current_period"])
            return getter(current) if current else None

        return value

    def period_label(current):
        return f"{current['project__title']} — {phases[current['phase']]} ({current['sequence']})"

    return [
        (_("identifiant"), lambda p: p["pk"]),
        (_("édition"), lambda p: p["application__call__edition__name"]),
        (_("projet"), lambda p: p["title"]),
        (_("thématique"), lambda p: p["theme__name"] or ""),
        (_("phase"), lambda p: phases[p["phase"]]),
        (_("issue"), lambda p: outcomes[p["outcome"]]),
        (_("dans cette phase depuis le"), lambda p: p["phase_since"]),
        (_("publié"), lambda p: yes_no[p["is_published"]]),
        (_("périodes"), lambda p: p["period_count"]),
        (_("période en cours ou dernière"), period(period_label)),
        (_("début effectif"), period(lambda current: current["actual_start"])),
        (_("fin prévue"), period(lambda current: current["planned_end"])),
        (_("jours par semaine"), period(lambda current: current["days_per_week"])),
        (_("lieu"), period(lambda current: current["place"])),
        (_("coachs"), period(lambda current: ", ".join(current["coaches"]))),
        (_("séances d'accompagnement"), lambda p: p["coaching_count"]),
        (_("heures d'accompagnement"), lambda p: p["coaching_hours"]),
        (_("jalons en retard"), lambda p: p["overdue_milestones"]),
        (_("indicateurs"), lambda p: p["indicator_count"]),
        (_("mesures validées"), lambda p: p["validated_measurements"]),
        (_("mesures à valider"), lambda p: p["measurements_to_review"]),
    ]


PERIOD = "period__project"
INDICATOR = "indicator__project"


def projects_table(edition=None, today=None):
    """Every laureate project of ``edition`` (of every edition for ``None``) with its
    current period and its follow-up in figures."""
    today = today or timezone.localdate()
    integer = IntegerField()
    projects = Project.objects.all() if edition is None else Project.objects.for_edition(edition)
    projects = list(
        projects.annotate(
            period_count=count(PhasePeriod.objects.filter(project=OuterRef("pk"))),
            current_period=_current_period(),
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
        .order_by("application__call__edition__number", "title")
        .values(
            *("pk", "application__call__edition__name", "title", "theme__name", "phase"),
            *("outcome", "phase_since", "is_published", "period_count", "current_period"),
            *("coaching_count", "coaching_hours", "overdue_milestones", "indicator_count"),
            *("validated_measurements", "measurements_to_review"),
        )
    )
    periods = _periods([project["current_period"] for project in projects])
    return table(project_columns(periods), projects)


def measurement_columns():
    statuses, yes_no = choice_labels(MeasurementStatus), yes_no_labels()
    return [
        (_("indicateur"), lambda m: m["indicator__name"]),
        (_("projet"), lambda m: m["indicator__project__title"]),
        (_("édition"), lambda m: m["indicator__project__application__call__edition__name"]),
        (_("valeur de départ"), lambda m: m["indicator__baseline"]),
        (_("cible"), lambda m: m["indicator__target"]),
        (_("unité"), lambda m: m["indicator__unit"]),
        (_("indicateur publié"), lambda m: yes_no[m["indicator__is_published"]]),
        (_("date de la mesure"), lambda m: m["measured_on"]),
        (_("valeur"), lambda m: m["value"]),
        (_("source"), lambda m: m["source"]),
        (_("état"), lambda m: statuses[m["status"]]),
        (
            _("saisie par"),
            lambda m: person_name(
                m["entered_by__first_name"], m["entered_by__last_name"], m["entered_by__email"]
            ),
        ),
        (
            _("vérifiée par"),
            lambda m: person_name(
                m["reviewed_by__first_name"], m["reviewed_by__last_name"], m["reviewed_by__email"]
            ),
        ),
        (_("vérifiée le"), lambda m: local_datetime(m["reviewed_at"])),
        (_("commentaire de vérification"), lambda m: m["review_note"]),
    ]


def indicators_table(edition=None):
    """One row per measurement of ``edition``'s projects (of every edition for
    ``None``), with its indicator's baseline and target, whatever its state: staff see
    what waits for them as well as what was published."""
    measurements = Measurement.objects.all()
    if edition is not None:
        measurements = measurements.filter(indicator__project__application__call__edition=edition)
    measurements = measurements.order_by(
        "indicator__project__application__call__edition__number",
        "indicator__project__title",
        "indicator__position",
        "indicator__pk",
        "measured_on",
        "pk",
    ).values(
        *("indicator__name", "indicator__project__title"),
        "indicator__project__application__call__edition__name",
        *("indicator__baseline", "indicator__target", "indicator__unit"),
        *("indicator__is_published", "measured_on", "value", "source", "status"),
        *("entered_by__first_name", "entered_by__last_name", "entered_by__email"),
        *("reviewed_by__first_name", "reviewed_by__last_name", "reviewed_by__email"),
        *("reviewed_at", "review_note"),
    )
    return table(measurement_columns(), measurements)
