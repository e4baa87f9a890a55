"""The phase board: where every laureate project stands, per edition or across them,
with the periods ending soon or overdue and the next jury session's agenda.

``projects`` does not import ``jury``: the jury app tells the board about its next
session through ``register_upcoming_session`` (see ``jury.apps``).
"""

from dataclasses import dataclass, field

from django.contrib import admin
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from editions.enums import Phase
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


def board_columns(projects, *, today, on_agenda):
    """Projects grouped by phase, each with its open period and its flags."""
    columns = {phase: [] for phase in Phase.values}
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


def phase_board(request):
    require_perm(request.user, "projects.view_project")
    editions = list(Edition.objects.order_by("-number"))
    chosen = next((e for e in editions if e.slug == request.GET.get("edition")), None)
    projects = (
        Project.objects.with_related()
        .prefetch_related(
            Prefetch("periods", queryset=PhasePeriod.objects.open(), to_attr="open_periods")
        )
        .order_by("title")
    )
    if chosen:
        projects = projects.for_edition(chosen)
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
        "ending_soon": [card for card in cards if card["ending_soon"]],
        "overdue": [card for card in cards if card["overdue"]],
        "next_session": session,
    }
    return TemplateResponse(request, "admin/projects/phase_board.html", context)
