"""The figures of the staff dashboard, shown on the admin index page.

Functions of the database and a day, so tests reach them without HTTP. Each figure is
counted in the database, by one grouped query over every edition at once (the objectives'
distinct people, departments and projects: one query for all), and only the per-edition
rows are assembled in Python: the page costs the same number of queries, and about the
same time, whatever the number of projects and team members.

Editions are passed most recent first (the admin shows the most recent few,
``RECENT_EDITIONS``, unless asked for all of them); rows come back in that order, and the
cumulated figures count every edition up to the last one passed. The lists of periods and
milestones show their first ``LISTED`` rows, and say when there are more: the page costs
the same whatever the number of editions and projects.
"""

from collections import Counter, defaultdict

from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Q, Sum
from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext as _

from editions.enums import RUNNING_PHASES, PeriodPhase, Phase
from projects.enums import ApplicationStatus, MemberKind, ReintegrationOutcome
from projects.laureates.transitions import RENEWAL
from projects.models import (
    Application,
    ApplicationTransition,
    Milestone,
    PhasePeriod,
    Project,
    ProjectTransition,
    TeamMember,
)
from projects.staff import kept_sql
from projects.staff.distinct_counts import distinct_counts

# A reintegration that changed a public service: a department took the project over, or
# it was deployed more widely.
CHANGED_SERVICE = (ReintegrationOutcome.HANDED_OVER, ReintegrationOutcome.SCALED)

RECENT_EDITIONS = 5  # the current edition and the four before it
LISTED = 50  # rows of the lists of periods ending and milestones overdue


def funnel(editions):
    """Per edition: applications submitted (every non-draft), eligible (submitted minus
    ineligible and withdrawn before screening), shortlisted (ever, from the history, so a
    later withdrawal does not erase it), laureates, and the selection rate in percent."""
    status = ApplicationStatus
    applications = kept_sql.grouped(
        "funnel",
        Application.objects.submitted,
        "call__edition",
        editions,
        submitted=Count("pk"),
        ineligible=Count("pk", filter=Q(status=status.INELIGIBLE)),
        laureates=Count("pk", filter=Q(status=status.SELECTED)),
    )
    history = kept_sql.grouped(
        "funnel history",
        ApplicationTransition.objects.all,
        "application__call__edition",
        editions,
        shortlisted=Count("application", distinct=True, filter=Q(to_status=status.SHORTLISTED)),
        withdrawn_early=Count(
            "application",
            distinct=True,
            filter=Q(from_status=status.SUBMITTED, to_status=status.WITHDRAWN),
        ),
    )
    rows = []
    for edition in editions:
        counts, moves = applications[edition.pk], history[edition.pk]
        submitted = counts["submitted"]
        rows.append(
            {
                "edition": edition,
                "submitted": submitted,
                "eligible": submitted - counts["ineligible"] - moves["withdrawn_early"],
                "shortlisted": moves["shortlisted"],
                "laureates": counts["laureates"],
                "rate": 100 * counts["laureates"] / submitted if submitted else None,
            }
        )
    return rows


def project_counts(editions=None):
    """``{edition pk: Counter of (phase, outcome)}``: projects counted in one GROUP BY."""
    counts = defaultdict(Counter)
    rows = kept_sql.rows(
        "projects",
        kept_sql.key(editions),
        lambda: (
            Project.objects.order_by()
            .filter(**kept_sql.of(editions, "application__call__edition"))
            .values_list("application__call__edition", "phase", "outcome")
            .annotate(count=Count("pk"))
        ),
    )
    for edition_pk, phase, outcome, count in rows:
        counts[edition_pk][phase, outcome] += count
    return counts


def experimentation_counts(editions=None):
    """``{edition pk: Counter}``: projects that went into experimentation (first or
    renewed, each project once) and renewals, in one GROUP BY."""
    return kept_sql.grouped(
        "experimentations",
        lambda: ProjectTransition.objects.filter(to_phase=Phase.EXPERIMENTATION),
        "project__application__call__edition",
        editions,
        started=Count("project", distinct=True),
        renewals=Count("pk", filter=Q(move=RENEWAL.name)),
    )


def projects_per_phase(editions, projects):
    """Per edition: how many projects stand in each phase today, and the total
    (``projects``: ``project_counts()``)."""
    return {
        "slug": "phases",
        "caption": _("Projets lauréats par phase aujourd'hui, par édition"),
        "columns": [*Phase.labels, _("Total")],
        "rows": [
            {
                "edition": edition,
                "cells": [
                    *[_in_phase(projects[edition.pk], phase) for phase in Phase.values],
                    projects[edition.pk].total(),
                ],
            }
            for edition in editions
        ],
    }


def _in_phase(counts, phase):
    return sum(count for (in_phase, _outcome), count in counts.items() if in_phase == phase)


def outcomes(editions, projects, experimentations):
    """Per edition so far: experimentations started (projects), renewals, reintegrations
    by outcome, abandonments (``projects``: ``project_counts()``, ``experimentations``:
    ``experimentation_counts()``)."""
    ends = [(Phase.REINTEGRATION, outcome) for outcome in ReintegrationOutcome.values]
    ends.append((Phase.ABANDONED, ""))
    return {
        "slug": "outcomes",
        "caption": _("Résultats à ce jour, par édition"),
        "columns": [
            _("Expérimentations lancées"),
            _("Renouvellements"),
            *[
                _("Réintégration : %(outcome)s") % {"outcome": outcome.label}
                for outcome in ReintegrationOutcome
            ],
            _("Abandons"),
        ],
        "rows": [
            {
                "edition": edition,
                "cells": [
                    experimentations[edition.pk]["started"],
                    experimentations[edition.pk]["renewals"],
                    *[projects[edition.pk][end] for end in ends],
                ],
            }
            for edition in editions
        ],
    }


def time_in_phase(periods):
    """Per period phase: closed periods, their average and longest length in days, and
    the periods still open (``periods``: ``period_figures()``)."""
    rows = []
    for phase in PeriodPhase:
        figures = periods.get(phase, {})
        closed = figures.get("closed", 0)
        rows.append(
            {
                "label": phase.label,
                "closed": closed,
                "average": figures["days"].days / closed if closed else None,
                "longest": figures["longest"].days if closed else None,
                "open": figures.get("open", 0),
            }
        )
    return rows


def period_figures():
    """``{phase: figures}``: the periods counted and measured in one GROUP BY (lengths in
    whole days: the periods' dates are days)."""
    ended = Q(actual_end__isnull=False, actual_start__isnull=False)
    length = ExpressionWrapper(F("actual_end") - F("actual_start"), output_field=DurationField())
    rows = (
        PhasePeriod.objects.order_by()
        .values("phase")
        .annotate(
            closed=Count("pk", filter=ended),
            days=Sum(length, filter=ended),
            longest=Max(length, filter=ended),
            open=Count("pk", filter=Q(actual_end__isnull=True)),
        )
    )
    return {row.pop("phase"): row for row in rows}


def periods_ending(today, count=None):
    """Open periods of running projects that end within 30 days or are past their
    planned end, soonest first, with the days left (negative once overdue): the first
    ``count`` (all if None)."""
    periods = (
        PhasePeriod.objects.ending_by(today)
        .filter(project__phase__in=RUNNING_PHASES)
        .select_related("project__application__call__edition")
        .order_by("planned_end", "project__title", "pk")
    )[:count]
    return [
        {
            "period": period,
            "project": period.project,
            "days_left": (period.planned_end - today).days,
            "days_late": max((today - period.planned_end).days, 0),
        }
        for period in periods
    ]


def overdue_milestones(today, count=None):
    """Open milestones past their due date, in the open periods of running projects,
    the longest late first: the first ``count`` (all if None)."""
    milestones = (
        Milestone.objects.overdue(today)
        .filter(period__actual_end__isnull=True, period__project__phase__in=RUNNING_PHASES)
        .select_related("period__project__application__call__edition")
        .order_by("due_on", "period__project__title", "pk")
    )[:count]
    return [
        {
            "milestone": milestone,
            "project": milestone.period.project,
            "days_late": (today - milestone.due_on).days,
        }
        for milestone in milestones
    ]


def _cumulated(editions, labels, counts):
    """Rows, most recent edition first: per measure, the edition's own figure and the
    figure since the first edition, each thing (person, department, project) once."""
    running = [0 for _label in labels]
    rows = []
    for edition in sorted(editions, key=lambda edition: edition.number):
        cells = []
        for index, (own, firsts) in enumerate(counts):
            running[index] += firsts[edition.number]
            cells.append((own[edition.pk], running[index]))
        rows.append({"edition": edition, "cells": cells})
    return {"measures": labels, "rows": rows[::-1]}


def objectives(editions):
    """The programme's three objectives in figures, per edition and cumulated (one query):
    rows of ``(title, measures, [per edition: (own, cumulated) per measure])``."""
    kind, status = MemberKind, ApplicationStatus

    # The rows of each measure, built only when its statement is not kept yet.
    def members():
        return TeamMember.objects.exclude(application__status=status.DRAFT)

    def laureates():
        return members().filter(application__status=status.SELECTED)

    def agents():
        return members().filter(kind=kind.AGENT)

    def laureate_agents():
        return laureates().filter(kind=kind.AGENT)

    def students():
        return members().filter(kind=kind.STUDENT)

    def local_actors():
        return members().filter(kind=kind.LOCAL_ACTOR)

    def experimentations():
        return ProjectTransition.objects.filter(to_phase=Phase.EXPERIMENTATION)

    def changed_services():
        return Project.objects.filter(phase=Phase.REINTEGRATION, outcome__in=CHANGED_SERVICE)

    # One person in two applications may be typed with different capitals.
    email = Lower(Trim("email"))
    on_team = "application__call__edition"
    table = [
        (
            _("Faire naître de nouveaux services publics"),
            [
                (
                    _("Projets passés en expérimentation"),
                    experimentations,
                    "project__application__call__edition",
                    F("project"),
                ),
                (
                    _("Services publics changés (projets repris ou déployés)"),
                    changed_services,
                    on_team,
                    F("pk"),
                ),
            ],
        ),
        (
            _("Acculturer les services aux méthodes d'innovation"),
            [
                (
                    _("Agents dans les candidatures"),
                    agents,
                    on_team,
                    email,
                ),
                (_("Directions dans les candidatures"), members, on_team, F("department")),
                (
                    _("Agents dans les projets lauréats"),
                    laureate_agents,
                    on_team,
                    email,
                ),
                (_("Directions dans les projets lauréats"), laureates, on_team, F("department")),
            ],
        ),
        (
            _("Associer les acteurs du territoire"),
            [
                (_("Étudiants et étudiantes"), students, on_team, email),
                (_("Acteurs du territoire"), local_actors, on_team, email),
                (_("Écoles"), members, on_team, F("school")),
                (_("Organisations"), members, on_team, F("organisation")),
            ],
        ),
    ]
    measures = [measure for _title, measures in table for measure in measures]
    # Without an edition there is nothing to count (and no query to make).
    counts = iter(
        distinct_counts(editions, [(rows, path, value) for _label, rows, path, value in measures])
        if editions
        else [(Counter(), Counter())] * len(measures)
    )
    return [
        {
            "title": title,
            **_cumulated(
                editions,
                [label for label, *_rest in measures],
                [next(counts) for _measure in measures],
            ),
        }
        for title, measures in table
    ]


def figures(editions, *, today):
    """Every figure of the dashboard: a fixed number of queries."""
    projects, experimentations = project_counts(editions), experimentation_counts(editions)
    # One row more than listed tells whether there are more.
    periods, milestones = periods_ending(today, LISTED + 1), overdue_milestones(today, LISTED + 1)
    return {
        "funnel": funnel(editions),
        "by_edition": [
            projects_per_phase(editions, projects),
            outcomes(editions, projects, experimentations),
        ],
        "time_in_phase": time_in_phase(period_figures()),
        "periods_ending": periods[:LISTED],
        "more_periods_ending": len(periods) > LISTED,
        "overdue_milestones": milestones[:LISTED],
        "more_overdue_milestones": len(milestones) > LISTED,
        "objectives": objectives(editions),
    }
