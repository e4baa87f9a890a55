"""The phase board: where every laureate project stands, per edition or across them.

It lives in ``jury`` because it shows the next jury session beside the projects, and
``projects`` never imports ``jury``. Also the steps of a session run from the admin.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from editions.enums import Phase
from editions.models import Edition
from jury.enums import SessionStatus
from jury.models import Session
from jury.services import invite_members, move_session, publish_decisions, session_refusals
from programme.enums import DecisionSource
from programme.lifecycles import Refused
from projects.models import PhasePeriod, Project


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


def session_step(model_admin, request, pk, step):
    """Confirm, then run one step of a session from the admin: invite the members, open
    scoring, open the deliberation, publish the decisions. (Closing is done from the
    deliberation screen, where the decisions are.)"""
    if not request.user.has_perm("jury.change_session"):
        raise PermissionDenied
    session = get_object_or_404(Session, pk=pk)
    steps = session_steps(session)
    if step not in steps:
        raise Http404
    label, refusals, run = steps[step]
    change_url = reverse("admin:jury_session_change", args=[session.pk])
    if request.method == "POST" and not refusals:
        try:
            result = run(request.user)
        except Refused as refused:
            refusals = refused.reasons
        else:
            if result is None:
                messages.info(request, _("C'était déjà fait : rien n'a changé."))
            else:
                messages.success(request, _("C'est fait : %(step)s.") % {"step": label})
            return redirect(change_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Session._meta,
        "title": label,
        "session": session,
        "refusals": refusals,
        "change_url": change_url,
    }
    return TemplateResponse(request, "admin/jury/session_step.html", context)


def session_steps(session):
    """The steps staff may take on ``session``: label, what blocks it, how to run it."""

    def move(target):
        return lambda actor: move_session(session, target, actor=actor)

    def refusals_for(target):
        return session_refusals(session, target, decided_by=DecisionSource.STAFF)

    closed_refusals = [] if session.is_closed else [_("La séance n'est pas encore close.")]
    return {
        "convoquer": (
            _("Envoyer les convocations"),
            [_("La séance est close.")] if session.is_closed else [],
            lambda actor: invite_members(session, actor=actor) or None,
        ),
        "notation": (
            _("Ouvrir la notation"),
            refusals_for(SessionStatus.SCORING),
            move(SessionStatus.SCORING),
        ),
        "deliberation": (
            _("Ouvrir la délibération"),
            refusals_for(SessionStatus.DELIBERATION),
            move(SessionStatus.DELIBERATION),
        ),
        "publier": (
            _("Publier les décisions aux équipes et sur le site"),
            closed_refusals,
            lambda actor: publish_decisions(session, actor=actor) or None,
        ),
    }
