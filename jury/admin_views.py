"""The phase board: where every laureate project stands, per edition or across them.

It lives in ``jury`` because it shows the next jury session beside the projects, and
``projects`` never imports ``jury``.
"""

import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from editions.models import Edition
from jury.enums import SessionStatus
from jury.models import Session
from projects.enums import Phase
from projects.models import PhasePeriod, Project

ENDING_SOON = datetime.timedelta(days=30)


def next_session(now):
    return (
        Session.objects.filter(starts_at__gte=now)
        .exclude(status=SessionStatus.CLOSED)
        .order_by("starts_at")
        .first()
    )


def board_columns(projects, *, today, on_agenda):
    """Projects grouped by phase, each with its open period and its flags."""
    columns = {phase: [] for phase in Phase.values}
    for project in projects:
        period = project.open_periods[0] if project.open_periods else None
        columns[project.phase].append(
            {
                "project": project,
                "period": period,
                "ending_soon": bool(period and today <= period.planned_end <= today + ENDING_SOON),
                "overdue": bool(period and period.planned_end < today),
                "on_agenda": project.pk in on_agenda,
            }
        )
    return [
        {"phase": phase, "label": Phase(phase).label, "cards": cards}
        for phase, cards in columns.items()
    ]


def phase_board(request):
    if not request.user.has_perm("projects.view_project"):
        raise PermissionDenied
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
    session = next_session(now)
    on_agenda = (
        set(session.items.filter(project__isnull=False).values_list("project_id", flat=True))
        if session
        else set()
    )
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
    return TemplateResponse(request, "admin/jury/phase_board.html", context)
