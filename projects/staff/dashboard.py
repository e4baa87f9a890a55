"""The figures of the staff dashboard, shown on the admin index page.

Functions of the database and a day, so tests reach them without HTTP. Each figure comes
from one grouped or ``values()`` query over every edition at once, assembled in Python:
the page costs the same number of queries whatever the number of projects.

Editions are passed most recent first; rows come back in that order.
"""

from collections import Counter, defaultdict
from operator import itemgetter

from django.db.models import Count, F, Q
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

# A reintegration that changed a public service: a department took the project over, or
# it was deployed more widely.
CHANGED_SERVICE = (ReintegrationOutcome.HANDED_OVER, ReintegrationOutcome.SCALED)


def _grouped(queryset, edition_path, **aggregates):
    """``{edition pk: Counter of aggregates}`` from one GROUP BY query; 0 when absent."""
    grouped = defaultdict(Counter)
    rows = queryset.order_by().values(edition_pk=F(edition_path)).annotate(**aggregates)
    for row in rows:
        grouped[row.pop("edition_pk")].update(row)
    return grouped


def funnel(editions):
    """Per edition: applications submitted (every non-draft), eligible (submitted minus
    ineligible and withdrawn before screening), shortlisted (ever, from the history, so a
    later withdrawal does not erase it), laureates, and the selection rate in percent."""
    status = ApplicationStatus
    applications = _grouped(
        Application.objects.submitted(),
        "call__edition",
        submitted=Count("pk"),
        ineligible=Count("pk", filter=Q(status=status.INELIGIBLE)),
        laureates=Count("pk", filter=Q(status=status.SELECTED)),
    )
    history = _grouped(
        ApplicationTransition.objects.all(),
        "application__call__edition",
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


def project_rows():
    """One row per project: its edition, phase and outcome."""
    return list(
        Project.objects.order_by().values(
            "pk", "phase", "outcome", edition_pk=F("application__call__edition")
        )
    )


def experimentation_rows():
    """One row per move into experimentation (first or renewed), with its move's name."""
    return list(
        ProjectTransition.objects.filter(to_phase=Phase.EXPERIMENTATION)
        .order_by()
        .values(
            "project",
            "move",
            edition_pk=F("project__application__call__edition"),
        )
    )


def member_rows():
    """One row per team member of a submitted application: who, of what kind, from which
    department, school or organisation, and whether the application became a laureate."""
    return list(
        TeamMember.objects.exclude(application__status=ApplicationStatus.DRAFT)
        .order_by()
        .values(
            "kind",
            "email",
            "department",
            "school",
            "organisation",
            edition_pk=F("application__call__edition"),
            status=F("application__status"),
        )
    )


def projects_per_phase(editions, projects):
    """Per edition: how many projects stand in each phase today, and the total."""
    counts = defaultdict(Counter)
    for project in projects:
        counts[project["edition_pk"]][project["phase"]] += 1
    return {
        "slug": "phases",
        "caption": _("Projets lauréats par phase aujourd'hui, par édition"),
        "columns": [*Phase.labels, _("Total")],
        "rows": [
            {
                "edition": edition,
                "cells": [
                    *[counts[edition.pk][phase] for phase in Phase.values],
                    counts[edition.pk].total(),
                ],
            }
            for edition in editions
        ],
    }


def outcomes(editions, projects, experimentations):
    """Per edition so far: experimentations started (projects), renewals, reintegrations
    by outcome, abandonments."""
    started, renewals = defaultdict(set), Counter()
    for move in experimentations:
        if move["move"] == RENEWAL.name:
            renewals[move["edition_pk"]] += 1
        started[move["edition_pk"]].add(move["project"])
    ended = defaultdict(Counter)
    for project in projects:
        ended[project["edition_pk"]][(project["phase"], project["outcome"])] += 1
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
                    len(started[edition.pk]),
                    renewals[edition.pk],
                    *[ended[edition.pk][end] for end in ends],
                ],
            }
            for edition in editions
        ],
    }


def time_in_phase(periods):
    """Per period phase: closed periods, their average and longest length in days, and
    the periods still open. ``periods``: rows with phase, actual_start, actual_end."""
    lengths, still_open = defaultdict(list), Counter()
    for period in periods:
        if period["actual_end"] is None:
            still_open[period["phase"]] += 1
        elif period["actual_start"] is not None:
            lengths[period["phase"]].append((period["actual_end"] - period["actual_start"]).days)
    return [
        {
            "label": phase.label,
            "closed": len(lengths[phase]),
            "average": sum(lengths[phase]) / len(lengths[phase]) if lengths[phase] else None,
            "longest": max(lengths[phase], default=None),
            "open": still_open[phase],
        }
        for phase in PeriodPhase
    ]


def period_rows():
    return list(PhasePeriod.objects.order_by().values("phase", "actual_start", "actual_end"))


def periods_ending(today):
    """Open periods of running projects that end within 30 days or are past their
    planned end, soonest first, with the days left (negative once overdue)."""
    periods = (
        PhasePeriod.objects.ending_by(today)
        .filter(project__phase__in=RUNNING_PHASES)
        .select_related("project__application__call__edition")
        .order_by("planned_end", "project__title")
    )
    return [
        {
            "period": period,
            "project": period.project,
            "days_left": (period.planned_end - today).days,
            "days_late": max((today - period.planned_end).days, 0),
        }
        for period in periods
    ]


def overdue_milestones(today):
    """Open milestones past their due date, in the open periods of running projects,
    the longest late first."""
    milestones = (
        Milestone.objects.overdue(today)
        .filter(period__actual_end__isnull=True, period__project__phase__in=RUNNING_PHASES)
        .select_related("period__project__application__call__edition")
        .order_by("due_on", "period__project__title", "pk")
    )
    return [
        {
            "milestone": milestone,
            "project": milestone.period.project,
            "days_late": (today - milestone.due_on).days,
        }
        for milestone in milestones
    ]


def _sets_by_edition(rows, value, keep):
    """``{edition pk: set of value(row)}`` for the rows kept, empty values left out."""
    sets = defaultdict(set)
    for row in rows:
        if keep(row) and value(row):
            sets[row["edition_pk"]].add(value(row))
    return sets


def _cumulated(editions, measures):
    """Rows, most recent edition first: per measure, the edition's own figure and the
    figure since the first edition, each thing (person, department, project) once."""
    running = [set() for _measure in measures]
    rows = []
    for edition in sorted(editions, key=lambda edition: edition.number):
        cells = []
        for index, (_label, sets) in enumerate(measures):
            running[index] |= sets[edition.pk]
            cells.append((len(sets[edition.pk]), len(running[index])))
        rows.append({"edition": edition, "cells": cells})
    return {"measures": [label for label, _sets in measures], "rows": rows[::-1]}


def _email(row):
    # One person in two applications may be typed with different capitals.
    return row["email"].strip().lower()


def _every(_row):
    return True


def _members(kind=None, *, laureates=False):
    """Keeps the member rows of ``kind`` (any if None), of laureate applications only
    if ``laureates``."""

    def keep(row):
        of_kind = kind is None or row["kind"] == kind
        return of_kind and (not laureates or row["status"] == ApplicationStatus.SELECTED)

    return keep


def _changed_service(project):
    return project["phase"] == Phase.REINTEGRATION and project["outcome"] in CHANGED_SERVICE


def objectives(editions, projects, experimentations, members):
    """The programme's three objectives in figures, per edition and cumulated: rows of
    ``(title, [(label, rows, value of a row, which rows count)])``."""
    kind = MemberKind
    department = itemgetter("department")
    table = [
        (
            _("Faire naître de nouveaux services publics"),
            [
                (
                    _("Projets passés en expérimentation"),
                    experimentations,
                    itemgetter("project"),
                    _every,
                ),
                (
                    _("Services publics changés (projets repris ou déployés)"),
                    projects,
                    itemgetter("pk"),
                    _changed_service,
                ),
            ],
        ),
        (
            _("Acculturer les services aux méthodes d'innovation"),
            [
                (_("Agents dans les candidatures"), members, _email, _members(kind.AGENT)),
                (_("Directions dans les candidatures"), members, department, _every),
                (
                    _("Agents dans les projets lauréats"),
                    members,
                    _email,
                    _members(kind.AGENT, laureates=True),
                ),
                (
                    _("Directions dans les projets lauréats"),
                    members,
                    department,
                    _members(laureates=True),
                ),
            ],
        ),
        (
            _("Associer les acteurs du territoire"),
            [
                (_("Étudiants et étudiantes"), members, _email, _members(kind.STUDENT)),
                (_("Acteurs du territoire"), members, _email, _members(kind.LOCAL_ACTOR)),
                (_("Écoles"), members, itemgetter("school"), _every),
                (_("Organisations"), members, itemgetter("organisation"), _every),
            ],
        ),
    ]
    return [
        {
            "title": title,
            **_cumulated(
                editions,
                [
                    (label, _sets_by_edition(rows, value, keep))
                    for label, rows, value, keep in measures
                ],
            ),
        }
        for title, measures in table
    ]


def figures(editions, *, today):
    """Every figure of the dashboard: a fixed number of queries."""
    projects, experimentations = project_rows(), experimentation_rows()
    return {
        "funnel": funnel(editions),
        "by_edition": [
            projects_per_phase(editions, projects),
            outcomes(editions, projects, experimentations),
        ],
        "time_in_phase": time_in_phase(period_rows()),
        "periods_ending": periods_ending(today),
        "overdue_milestones": overdue_milestones(today),
        "objectives": objectives(editions, projects, experimentations, member_rows()),
    }
