"""The president's and secretary's screens (staff reach them too): the ranked table,
attendance, each decision with its vote, the close (the minutes: ``jury.views.minutes``)."""

from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jury.enums import SessionStatus
from jury.exports import ranking_table
from jury.forms import AttendanceSheetForm, AveragingForm, DecisionForm, ReasonForm
from jury.models import AgendaItem, Decision
from jury.ranking import DECISION_FIELDS, ITEM_FIELDS, agenda_withdrawals, rank
from jury.rules import is_chair
from jury.services import (
    decision_state_refusals,
    move_session,
    record_attendance_sheet,
    record_decision,
    reopen_refusals,
    session_refusals,
)
from jury.views.member import session_normalisation, visible_session
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


class RankedAgenda(NamedTuple):
    items: list  # on the agenda, in running order
    ranking: dict  # ``jury.ranking.rank``'s, empty for whoever may not read the marks
    grids: dict  # each grid's criteria, in order
    removed: list  # withdrawn from the agenda, in running order


def ranked_items(session, user, conflicts=None):
    """The items on the agenda ``user`` may see, ranked if they may see the marks (else
    an empty ranking), and those withdrawn from it (a ``RankedAgenda``): the one rule of
    ``jury.rules`` for the page and the export, the agenda read in one query.
    ``conflicts``: the agenda's withdrawals (``jury.ranking.agenda_withdrawals``), when
    the caller read them."""
    items, removed = [], []
    agenda = (
        AgendaItem.objects.visible_to(user)
        .filter(session=session)
        .select_related("application", "project", "decision__chaired_by__user")
        .only(*ITEM_FIELDS, *DECISION_FIELDS, "removal_reason")
        .order_by("position")
    )
    for item in agenda:
        (items if item.removed_at is None else removed).append(item)
    grids = {}
    for criterion in session.criteria.order_by("position"):
        grids.setdefault(criterion.grid, []).append(criterion)
    if not user.has_perm("jury.see_marks", session):
        return RankedAgenda(items, {}, grids, removed)
    ranking = rank(items, grids, session_normalisation(session), conflicts)
    return RankedAgenda(items, ranking, grids, removed)


# What the attendance sheet, the quorum and the close's checks read of a convocation.
CONVOCATION_FIELDS = (
    "session_id",
    "member_id",
    "attendance",
    "arrived_after",
    "member__user_id",
    "member__role",
    "member__user__first_name",
    "member__user__last_name",
    "member__user__email",
)


def sheet_convocations(session):
    """The convocations of the attendance sheet, in its order."""
    return (
        session.convocations.select_related("member__user")
        .only(*CONVOCATION_FIELDS)
        .order_by("member__role", "member__user__last_name")
    )


@login_required
def deliberation(request, pk):
    session = chair_session(request, pk)
    # The close's checks are asked in deliberation: they read the agenda, its decisions
    # and withdrawals, and the convocations, which the page reads already.
    deliberating = session.status == SessionStatus.DELIBERATION
    conflicts = agenda_withdrawals(session) if deliberating else None
    items, ranking, grids, removed = ranked_items(session, request.user, conflicts)
    source = decided_by(request, session)
    convocations = list(sheet_convocations(session))
    # The reader (a chair or staff) sees the whole agenda unless they withdrew from an
    # item: then the checks read it themselves.
    whole = deliberating and not any(
        conflict.member.user_id == request.user.pk
        for item_conflicts in conflicts.values()
        for conflict in item_conflicts
    )
    return render(
        request,
        "jury/deliberation.html",
        {
            "session": session,
            "items": items,
            "ranking": ranking,
            "grids": grids,
            "removed": removed,
            "convocations": convocations,
            "averaging_form": AveragingForm(initial={"averaging": session.averaging})
            if session.status == SessionStatus.PLANNED
            else None,
            "present_count": len(session.voting_members_present(None, convocations)),
            "quorum_reached": not session.quorum_refusals(None, convocations),
            "steps": session_steps(session, source),
            "close_refusals": session_refusals(
                session,
                SessionStatus.CLOSED,
                decided_by=source,
                convocations=convocations,
                agenda=items if whole else None,
                conflicts=conflicts if whole else None,
            ),
        },
    )


def session_steps(session, source):
    """The move the chair may make next from the jury area (open the scoring, then the
    deliberation), with what blocks it; the close has its own page."""
    steps = {
        SessionStatus.PLANNED: ("notation", SessionStatus.SCORING, _("Ouvrir la notation")),
        SessionStatus.SCORING: (
            "deliberation",
            SessionStatus.DELIBERATION,
            _("Ouvrir la délibération"),
        ),
    }
    if session.status not in steps:
        return []
    slug, target, label = steps[session.status]
    refusals = session_refusals(session, target, decided_by=source)
    return [{"slug": slug, "label": label, "refusals": refusals}]


@login_required
@require_http_methods(["GET", "POST"])
def decision(request, pk, item_pk):
    """The decision on one item, with its vote. Outside the deliberation (or on an item
    withdrawn from the agenda) it is shown read-only with the reason, whatever the
    method."""
    session = chair_session(request, pk)
    item = get_object_or_404(
        AgendaItem.objects.visible_to(request.user)
        .filter(session=session)
        .select_related("application", "project", "session"),
        pk=item_pk,
    )
    existing = Decision.objects.filter(item=item).select_related("chaired_by__user").first()
    refusals = decision_state_refusals(item)
    frozen = session.status != SessionStatus.DELIBERATION or item.is_removed
    posted = request.POST if request.method == "POST" and not frozen else None
    form = DecisionForm(posted, instance=existing, item=item, frozen=frozen)
    if posted is not None and form.is_valid():
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
    chair = existing.chaired_by if existing and session.is_closed else session.chair_of(item)
    return render(
        request,
        "jury/decision.html",
        {
            "session": session,
            "item": item,
            "form": form,
            "refusals": refusals,
            "chair": chair,
            "voters": len(session.voting_members_present(item)),
            "reopen_form": ReasonForm(),
            "may_reopen": not reopen_refusals(item) and item.scoring_reopened_at is None,
        },
    )


@login_required
@require_POST
def attendance(request, pk):
    """Everyone's attendance, recorded at once from the deliberation screen."""
    session = chair_session(request, pk)
    form = AttendanceSheetForm(request.POST, convocations=sheet_convocations(session))
    if not form.is_valid():
        messages.error(
            request,
            " ".join(
                f"{form[name].label} : {error}"
                for name, errors in form.errors.items()
                for error in errors
            ),
        )
    else:
        try:
            record_attendance_sheet(session, form.sheet(), actor=request.user)
        except Refused as refused:
            messages.error(request, " ".join(refused.reasons))
        else:
            messages.success(request, _("Présences enregistrées."))
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


@login_required
def export_scores(request, pk):
    """The ranked table as CSV, for the chair and staff, once the marks may be read (empty
    before): the items the reader withdrew from are not in it; withdrawn members never
    count."""
    session = chair_session(request, pk)
    header, rows = ranking_table(session, ranked_items(session, request.user).ranking)
    return csv_response(f"classement-seance-{session.pk}.csv", header, rows)
