"""The phase board: where every running laureate project stands (pre-incubation,
experimentation), per edition or across them, with the periods ending soon or overdue
and the next jury session's agenda. Projects that left the programme (reintegrated,
abandoned) are counted, never listed: the board holds what is running, not the
programme's history.

``projects`` does not import ``jury``: the jury app tells the board about its next
session through ``register_upcoming_session`` (see ``jury.apps``).
"""

from dataclasses import dataclass, field

from django.contrib import admin
from django.db.models import Count, Prefetch, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from editions.enums import RUNNING_PHASES, Phase
from editions.models import Edition
from programme.rules import require_perm
from projects.models import PhasePeriod, Project


@dataclass(frozen=True)
class UpcomingSession:
    """The next jury session as the board shows it."""

    title: str
    starts_at: object
    place: str
    admin_url: str
    project_ids: frozenset = field(default_factory=frozenset)


_upcoming_session_sources = []


def register_upcoming_session(source):
    """``source(now)`` returns the next ``UpcomingSession``, or ``None``."""
    if source not in _upcoming_session_sources:
        _upcoming_session_sources.append(source)


def upcoming_session(now):
    for source in _upcoming_session_sources:
        session = source(now)
        if session is not None:
            return session
    return None


ENDED_PHASES = tuple(phase for phase in Phase.values if phase not in RUNNING_PHASES)


def board_columns(projects, *, today, on_agenda):
    """Running projects grouped by phase, each with its open period and its flags."""
    columns = {phase: [] for phase in RUNNING_PHASES}
    for project in projects:
        period = project.open_periods[0] if project.open_periods else None
        columns[project.phase].append(
            {
                "project": project,
                "period": period,
                "ending_soon": bool(period and period.is_ending_soon(today)),
                "overdue": bool(period and period.is_overdue(today)),
                "on_agenda": project.pk in on_agenda,
            }
        )
    return [
        {"phase": phase, "label": Phase(phase).label, "cards": cards}
        for phase, cards in columns.items()
    ]


def ended_counts(projects):
    """How many of ``projects`` left the programme, per ended phase, in one query:
    ``[{"phase", "label", "count"}]``."""
    counts = projects.aggregate(
        **{phase: Count("pk", filter=Q(phase=phase)) for phase in ENDED_PHASES}
    )
    return [
        {"phase": phase, "label": Phase(phase).label, "count": counts[phase]}
        for phase in ENDED_PHASES
    ]


def phase_board(request):
    require_perm(request.user, "projects.view_project")
    editions = list(Edition.objects.order_by("-number"))
    chosen = next((e for e in editions if e.slug == request.GET.get("edition")), None)
    scope = Project.objects.for_edition(chosen) if chosen else Project.objects.all()
    projects = (
        scope.running()
        .with_related()
        .prefetch_related(
            Prefetch("periods", queryset=PhasePeriod.objects.open(), to_attr="open_periods")
        )
        .order_by("title")
    )
    now = timezone.now()
    session = upcoming_session(now)
    on_agenda = session.project_ids if session else frozenset()
    columns = board_columns(projects, today=timezone.localdate(now), on_agenda=on_agenda)
    cards = [card for column in columns for card in column["cards"]]
    context = {
        **admin.site.each_context(request),
        "title": _("Tableau des phases"),
        "editions": editions,
        "chosen": chosen,
        "columns": columns,
        "ended": ended_counts(scope),
        "ending_soon": [card for card in cards if card["ending_soon"]],
        "overdue": [card for card in cards if card["overdue"]],
        "next_session": session,
    }
    return TemplateResponse(request, "admin/projects/phase_board.html", context)
