"""What the public may know of a laureate project, beyond its own fields.

- its **timeline**: the moves ``ProjectTransition.public`` allows, each with its dates;
  a jury decision with its public reasons once staff published it; a staff or team
  decision with its date only (their reasons are internal);
- its **team**: the names of the members who agreed to be named, the others counted;
- its **coaching organisations**, from the periods the public knows of;
- its **impact indicators**: those staff published, with their validated measurements
  only, each drawn as a chart (``projects.charts``) and given as a table.

Everything here works on rows already loaded (``laureate_queryset``), so that a page
runs the same queries whatever the number of periods, moves or members.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from editions.enums import Phase
from programme.enums import DecisionSource
from programme.models import User
from projects.enums import MemberKind, ReintegrationOutcome
from projects.models import ImpactIndicator, Measurement, PhasePeriod, Project, ProjectTransition
from projects.public.charts import line_chart


def laureate_queryset():
    """Public projects with everything their page shows, in a fixed number of queries."""
    coaches = User.objects.select_related("organisation").order_by("pk")
    periods = PhasePeriod.objects.order_by("sequence").prefetch_related(
        Prefetch("coaches", queryset=coaches)
    )
    measurements = Measurement.objects.validated().order_by("measured_on", "pk")
    indicators = ImpactIndicator.objects.public().prefetch_related(
        Prefetch("measurements", queryset=measurements, to_attr="validated_measurements")
    )
    return (
        Project.objects.public()
        .with_related()
        .with_public_phase()
        .prefetch_related(
            Prefetch(
                "transitions",
                queryset=ProjectTransition.objects.public().order_by("at", "pk"),
                to_attr="public_transitions",
            ),
            Prefetch("periods", queryset=periods, to_attr="all_periods"),
            Prefetch("indicators", queryset=indicators, to_attr="published_indicators"),
            "application__team_members",
        )
    )


@dataclass
class TimelineEntry:
    """One public move of a project, and the period it opened (if any)."""

    at: object
    phase: str
    title: str
    decision: str
    period: PhasePeriod | None = None
    ended_on: object = None
    results: str = ""

    @property
    def day(self):
        return timezone.localdate(self.at)

    @property
    def started_on(self):
        if self.period is None:
            return None
        return self.period.starts_on


def _entry_title(move):
    if move.is_renewal:
        return _("Expérimentation renouvelée")
    if move.to_phase == Phase.REINTEGRATION and move.outcome:
        return _("Réintégration : %(outcome)s") % {
            "outcome": ReintegrationOutcome(move.outcome).label
        }
    return Phase(move.to_phase).label


def _decision(move):
    """The public part of the decision behind ``move``."""
    if move.decided_by == DecisionSource.JURY and move.published_at is not None:
        # « Décision du jury, séance du … » and the reasons the jury chose to publish.
        return move.reason
    if not move.from_phase:
        return _("Projet retenu comme lauréat.")
    return {
        DecisionSource.JURY: _("Décision du jury."),
        DecisionSource.STAFF: _("Décision de l'équipe innovation."),
        DecisionSource.TEAM: _("Décision de l'équipe du projet."),
    }.get(move.decided_by, "")


def public_timeline(project):
    """The public moves of ``project`` in order, as ``TimelineEntry`` rows.

    A period ends, for the public, only when the move that closed it is public too.
    """
    periods = {period.pk: period for period in project.all_periods}
    closings = {
        move.closed_period_id: move for move in project.public_transitions if move.closed_period_id
    }
    entries = []
    for move in project.public_transitions:
        period = periods.get(move.opened_period_id)
        closing = closings.get(move.opened_period_id) if period else None
        entries.append(
            TimelineEntry(
                at=move.at,
                phase=move.to_phase,
                title=_entry_title(move),
                decision=_decision(move),
                period=period,
                ended_on=(period.actual_end or timezone.localdate(closing.at)) if closing else None,
                results=period.results_summary if period and period.results_published else "",
            )
        )
    return entries


def coaching_organisations(timeline):
    """The organisations of the coaches of the periods in ``timeline``, by name."""
    organisations = {
        coach.organisation.pk: coach.organisation
        for entry in timeline
        if entry.period
        for coach in entry.period.coaches.all()
        if coach.organisation
    }
    return sorted(organisations.values(), key=lambda organisation: organisation.name)


@dataclass
class PublicIndicator:
    """A published indicator as citizens see it: its validated measurements only."""

    indicator: ImpactIndicator
    measurements: list
    chart: object

    @property
    def latest(self):
        return self.measurements[-1]


def public_indicators(project):
    """The published indicators of ``project`` that have at least one validated
    measurement, each with its chart. Proposed and rejected measurements never show."""
    return [
        PublicIndicator(
            indicator=indicator,
            measurements=indicator.validated_measurements,
            chart=line_chart(
                [(m.measured_on, m.value) for m in indicator.validated_measurements],
                baseline=indicator.baseline,
                target=indicator.target,
            ),
        )
        for indicator in project.published_indicators
        if indicator.validated_measurements
    ]


KIND_PHRASES = {
    MemberKind.AGENT: lambda n: ngettext("%(count)d agent", "%(count)d agents", n),
    MemberKind.STUDENT: lambda n: ngettext("%(count)d étudiant", "%(count)d étudiants", n),
    MemberKind.LOCAL_ACTOR: lambda n: ngettext(
        "%(count)d acteur du territoire", "%(count)d acteurs du territoire", n
    ),
}


def _other_members(n):
    return ngettext("%(count)d membre", "%(count)d membres", n)


@dataclass
class PublicTeam:
    """A team as the public sees it: a composition, and names given with consent."""

    size: int
    composition: str
    named: list = field(default_factory=list)
    unnamed: int = 0


def public_team(members):
    """What the public may know of ``members`` (a team's ``TeamMember`` rows)."""
    members = list(members)
    kinds = Counter(member.kind for member in members)
    parts = [
        (KIND_PHRASES.get(kind) or _other_members)(total) % {"count": total}
        for kind, total in sorted(kinds.items(), key=lambda item: _kind_order(item[0]))
    ]
    named = [member.full_name for member in members if member.public_name_consent]
    composition = (
        _("Une équipe de %(parts)s.") % {"parts": get_text_list(parts, _("et"))} if parts else ""
    )
    return PublicTeam(
        size=len(members),
        composition=composition,
        named=named,
        unnamed=len(members) - len(named),
    )


def _kind_order(kind):
    order = [MemberKind.AGENT, MemberKind.STUDENT, MemberKind.LOCAL_ACTOR]
    return order.index(kind) if kind in order else len(order)
