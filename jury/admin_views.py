"""The steps of a session, run from the admin; and the next session as the phase board
(``projects.board``) shows it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from jury.enums import SessionStatus
from jury.models import Session
from jury.services import (
    invite_members,
    invite_teams,
    move_session,
    publish_decisions,
    session_refusals,
    team_invitation_refusals,
)
from programme.enums import DecisionSource
from programme.lifecycles import Refused
from projects.staff.board import UpcomingSession


def next_session(now):
    """The next jury session not closed yet, for the phase board (``projects.board``)."""
    session = (
        Session.objects.filter(starts_at__gte=now)
        .exclude(status=SessionStatus.CLOSED)
        .order_by("starts_at")
        .first()
    )
    if session is None:
        return None
    return UpcomingSession(
        title=session.title,
        starts_at=session.starts_at,
        place=session.place,
        admin_url=reverse("admin:jury_session_change", args=[session.pk]),
        project_ids=frozenset(
            session.items.filter(project__isnull=False).values_list("project_id", flat=True)
        ),
    )


def session_step(model_admin, request, pk, step):
    """Confirm, then run one step of a session from the admin: invite the members,
    invite the shortlisted teams to pitch at their slots, open scoring, open the
    deliberation, publish the decisions. (Closing is done from the deliberation screen,
    where the decisions are.)"""
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
        "convoquer-equipes": (
            _("Envoyer les convocations aux équipes"),
            team_invitation_refusals(session),
            lambda actor: invite_teams(session, actor=actor) or None,
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
