"""The president's and secretary's screens (staff reach them too): the ranked table,
attendance, each decision with its vote, the close, and the minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jury.enums import Attendance, SessionStatus
from jury.forms import AttendanceForm, DecisionForm
from jury.models import Decision, Score
from jury.ranking import rank
from jury.rules import is_chair
from jury.services import (
    move_session,
    record_attendance,
    record_decision,
    session_refusals,
)
from jury.views.member import visible_session
from programme.enums import DecisionSource
from programme.exports import csv_response
from programme.lifecycles import Refused


def chair_session(request, pk):
    session = visible_session(request, pk)
    if not request.user.has_perm("jury.deliberate", session):
        raise PermissionDenied
    return session


def decided_by(request, session):
    return DecisionSource.JURY if is_chair(request.user, session) else DecisionSource.STAFF


def ranked_items(session):
    items = list(
        session.items.select_related("application", "project", "decision")
        .prefetch_related(
            "conflicts__member__user",
            Prefetch("scores", queryset=Score.objects.select_related("criterion")),
        )
        .order_by("position")
    )
    grids = {}
    for criterion in session.criteria.order_by("position"):
        grids.setdefault(criterion.grid, []).append(criterion)
    return items, rank(items, grids), grids


@login_required
def deliberation(request, pk):
    session = chair_session(request, pk)
    _items, ranking, grids = ranked_items(session)
    convocations = session.convocations.select_related("member__user").order_by("member__role")
    present = session.voting_members_present()
    return render(
        request,
        "jury/deliberation.html",
        {
            "session": session,
            "ranking": ranking,
            "grids": grids,
            "convocations": convocations,
            "attendance_choices": Attendance.choices,
            "present_count": len(present),
            "quorum_reached": not session.quorum_refusals(),
            "close_refusals": session_refusals(
                session, SessionStatus.CLOSED, decided_by=decided_by(request, session)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision(request, pk, item_pk):
    session = chair_session(request, pk)
    item = get_object_or_404(
        session.items.select_related("application", "project", "session").exclude(
            conflicts__member__user=request.user
        ),
        pk=item_pk,
    )
    existing = Decision.objects.filter(item=item).first()
    form = DecisionForm(request.POST or None, instance=existing, item=item)
    if session.status != SessionStatus.DELIBERATION:
        form.add_error(None, _("Les décisions s'enregistrent pendant la délibération."))
    elif request.method == "POST" and form.is_valid():
        details = {name: value for name, value in form.cleaned_data.items() if name != "outcome"}
        try:
            record_decision(
                item, outcome=form.cleaned_data["outcome"], actor=request.user, **details
            )
        except Refused as refused:
            refused.add_to_form(form)
        else:
            messages.success(
                request, _("Décision enregistrée pour le point %(n)d.") % {"n": item.position}
            )
            return redirect("jury:deliberation", session.pk)
    return render(
        request,
        "jury/decision.html",
        {
            "session": session,
            "item": item,
            "form": form,
            "voters": len(session.voting_members_present(item)),
        },
    )


@login_required
@require_POST
def attendance(request, pk):
    session = chair_session(request, pk)
    form = AttendanceForm(request.POST)
    convocation = (
        session.convocations.filter(member_id=form.data.get("member")).first()
        if form.is_valid()
        else None
    )
    if convocation is None:
        messages.error(request, _("Membre inconnu pour cette séance."))
    else:
        try:
            record_attendance(
                session,
                member=convocation.member,
                attendance=form.cleaned_data["attendance"],
                actor=request.user,
            )
        except Refused as refused:
            messages.error(request, " ".join(refused.reasons))
        else:
            messages.success(request, _("Présence enregistrée."))
    return redirect("jury:deliberation", session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def close(request, pk):
    session = chair_session(request, pk)
    if session.is_closed:
        messages.info(request, _("La séance est déjà close."))
        return redirect("jury:minutes", session.pk)
    source = decided_by(request, session)
    refusals = session_refusals(session, SessionStatus.CLOSED, decided_by=source)
    if request.method == "POST":
        try:
            move_session(session, SessionStatus.CLOSED, actor=request.user, decided_by=source)
        except Refused as refused:
            refusals = refused.reasons
        else:
            messages.success(
                request, _("Séance close : les décisions sont appliquées et le procès-verbal figé.")
            )
            return redirect("jury:minutes", session.pk)
    return render(request, "jury/close.html", {"session": session, "refusals": refusals})


def _closed_session(request, pk):
    session = visible_session(request, pk)
    if not session.is_closed:
        raise Http404(_("Le procès-verbal existe une fois la séance close."))
    return session


@login_required
def minutes(request, pk):
    session = _closed_session(request, pk)
    return render(request, "jury/minutes.html", {"session": session, "minutes": session.minutes})


@login_required
def minutes_document(request, pk):
    """The minutes as a self-contained HTML file, to archive, print and sign."""
    session = _closed_session(request, pk)
    content = render_to_string(
        "jury/minutes_document.html", {"session": session, "minutes": session.minutes}
    )
    response = HttpResponse(content, content_type="text/html; charset=utf-8")
    day = timezone.localtime(session.starts_at).date().isoformat()
    response["Content-Disposition"] = f'attachment; filename="proces-verbal-{day}.html"'
    return response


@login_required
def export_scores(request, pk):
    """The ranked table as CSV, for the chair and staff. Withdrawn members never count."""
    session = chair_session(request, pk)
    _items, ranking, _grids = ranked_items(session)
    return csv_response(
        f"classement-seance-{session.pk}.csv",
        [_("objet"), _("rang"), _("point"), _("sujet"), _("moyenne /20"), _("notes"), _("déports")],
        (
            [
                kind,
                row.rank or "",
                row.item.position,
                row.item.subject,
                f"{row.mean:.2f}" if row.mean is not None else "",
                row.scorers,
                ", ".join(row.withdrawn),
            ]
            for kind, rows in ranking.items()
            for row in rows
        ),
    )
