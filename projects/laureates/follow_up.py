"""What the follow-up pages show, loaded in a fixed number of queries.

The coach's list (``coaching_rows``) and a project's overview (``overview``) read many
kinds of rows; gathering them here keeps the views thin and the query count the same
whether a project has one milestone or fifty.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce

from editions.enums import RUNNING_PHASES
from projects.enums import MeasurementStatus, MilestoneStatus
from projects.laureates.models.follow_up import OPEN_MILESTONE_STATUSES
from projects.laureates.models.laureate import ENDING_SOON
from projects.laureates.time_tracking import declarable_months, month_rows, summarise
from projects.models import (
    CoachingEntry,
    ImpactIndicator,
    Measurement,
    Milestone,
    PhasePeriod,
    Project,
)

# A period ending within this many days is flagged on the coach's list.
ENDING_SOON_DAYS = ENDING_SOON.days


def current_period(periods):
    """The open period of ``periods`` (loaded, in sequence order), else the last one."""
    for period in periods:
        if period.is_open:
            return period
    return periods[-1] if periods else None


def shown_period(periods, wanted):
    """The period ``?periode=<sequence>`` asks for; any other value gives the current one."""
    try:
        sequence = int(wanted)
    except (TypeError, ValueError):
        sequence = None
    for period in periods:
        if period.sequence == sequence:
            return period
    return current_period(periods)


@dataclass
class CoachingRow:
    project: Project
    period: PhasePeriod | None
    days_left: int | None

    @property
    def is_past_due(self):
        return self.days_left is not None and self.days_left < 0

    @property
    def is_ending_soon(self):
        return self.days_left is not None and 0 <= self.days_left <= ENDING_SOON_DAYS

    @property
    def report(self):
        return getattr(self.period, "report", None) if self.period else None


def _count(queryset, field="pk"):
    """A correlated COUNT, so that several counts on one row do not multiply each other."""
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), 0)


def coaching_rows(projects, today):
    """One ``CoachingRow`` per project of ``projects``, running ones first, with the
    figures of the coach's list annotated on each project."""
    overdue = Milestone.objects.filter(
        period__project=OuterRef("pk"), status__in=OPEN_MILESTONE_STATUSES, due_on__lt=today
    )
    waiting = Measurement.objects.filter(
        indicator__project=OuterRef("pk"), status=MeasurementStatus.PROPOSED
    )
    last_entry = (
        CoachingEntry.objects.filter(period__project=OuterRef("pk"))
        .order_by()
        .values("period__project")
        .annotate(last=Max("held_on"))
        .values("last")
    )
    projects = (
        projects.with_related()
        .annotate(
            overdue_milestones=_count(overdue, "period__project"),
            measurements_to_review=_count(waiting, "indicator__project"),
            last_coached_on=Subquery(last_entry[:1]),
            running_first=Case(When(phase__in=RUNNING_PHASES, then=0), default=1),
        )
        .prefetch_related(
            Prefetch("periods", queryset=PhasePeriod.objects.select_related("report"))
        )
        .order_by("running_first", "title")
    )
    rows = []
    for project in projects:
        period = current_period(list(project.periods.all()))
        days_left = (period.ends_on - today).days if period else None
        rows.append(CoachingRow(project, period, days_left))
    return rows


@dataclass
class Overview:
    """Everything the overview shows of ``period`` and of its project."""

    periods: list
    period: PhasePeriod | None
    milestones: list
    entries: list
    resources: list
    indicators: list
    time_summary: object
    undeclared_months: list

    @property
    def granted_total(self):
        return sum((r.amount_granted or Decimal(0) for r in self.resources), Decimal(0))

    @property
    def used_total(self):
        return sum((r.amount_used or Decimal(0) for r in self.resources), Decimal(0))

    @property
    def report(self):
        return getattr(self.period, "report", None) if self.period else None


def load_project(queryset, pk):
    """``pk`` among ``queryset``, with what the header and overview read of it."""
    periods = PhasePeriod.objects.select_related("report").prefetch_related(
        Prefetch("coaches", queryset=_people())
    )
    return (
        queryset.with_related()
        .prefetch_related(Prefetch("periods", queryset=periods))
        .filter(pk=pk)
        .first()
    )


def _people():
    return get_user_model().objects.select_related("organisation")


def overview(project, wanted_sequence, today):
    """The ``Overview`` of ``project`` (loaded by ``load_project``) for the period
    ``wanted_sequence`` names, or the current one."""
    periods = list(project.periods.all())
    period = shown_period(periods, wanted_sequence)
    indicators = list(
        ImpactIndicator.objects.filter(project=project).prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("-measured_on", "-pk"))
        )
    )
    if period is None:
        return Overview(periods, None, [], [], [], indicators, None, [])
    milestones = list(period.milestones.all())
    for milestone in milestones:
        milestone.overdue = milestone.is_overdue(today)
    entries = list(period.coaching_entries.select_related("coach__organisation"))
    rows = _month_rows(project, period, today)
    return Overview(
        periods=periods,
        period=period,
        milestones=milestones,
        entries=entries,
        resources=list(period.resources.all()),
        indicators=indicators,
        time_summary=summarise(rows),
        undeclared_months=[row.month for row in rows if row.missing],
    )


def _month_rows(project, period, today):
    members = list(project.application.team_members.all())
    commitments = {c.member_id: c for c in period.time_commitments.all()}
    return month_rows(
        period,
        declarable_months(period, today),
        members,
        commitments,
        list(period.time_declarations.all()),
        today,
    )


def entry_may_be_edited(entry, user, is_staff):
    """Only the coach who logged a session, or staff, may reword it."""
    return is_staff or entry.coach_id == user.pk


def follow_up_for_review(project, session_day):
    """What a jury's review item shows of ``project``'s follow-up, in a fixed number of queries.

    The period under review is the latest one begun before the session's day (the
    session's own decision may already have opened the next one). Returns its team
    report (of the latest such period that has one; ``None`` if none), its coaching and
    milestones in figures, and the project's indicators with their validated measurements:
    the jury reads them even before staff publish them.
    """
    periods = list(project.periods.select_related("report").order_by("-sequence"))
    begun = [p for p in periods if p.starts_on < session_day] or periods
    period = begun[0]
    report = next((p.report for p in begun if getattr(p, "report", None)), None)
    coaching = CoachingEntry.objects.filter(period=period).aggregate(
        sessions=Count("pk"), hours=Sum("duration_hours")
    )
    milestones = Milestone.objects.filter(period=period).aggregate(
        total=Count("pk"), reached=Count("pk", filter=Q(status=MilestoneStatus.REACHED))
    )
    validated = Measurement.objects.validated().order_by("measured_on", "pk")
    indicators = project.indicators.prefetch_related(
        Prefetch("measurements", queryset=validated, to_attr="validated_measurements")
    )
    return {
        "period": period,
        "report": report,
        "coaching": coaching,
        "milestones": milestones,
        "indicators": list(indicators),
    }
