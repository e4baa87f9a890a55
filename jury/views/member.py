"""The jury member's area: their sessions, each item's file, withdrawal and scoring.

Sessions and items load through their ``visible_to`` QuerySets: a session one is not
convened to, or an item one withdrew from, is a 404 before any rule runs.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jury.forms import ConflictForm, ScoreForm
from jury.models import AgendaItem, Score, Session
from jury.normalisation import normalised_item_means
from jury.ranking import ITEM_FIELDS, rank, withdrawals
from jury.services import declare_conflict, record_score
from programme.files import private_file_response
from programme.lifecycles import Refused
from projects.laureates.follow_up import follow_up_for_review
from projects.models import Attachment, TeamMember


def visible_session(request, pk):
    # The substitute chair with the session: the deliberation page names them.
    sessions = Session.objects.visible_to(request.user).select_related("substitute_chair__user")
    session = get_object_or_404(sessions, pk=pk)
    if not request.user.has_perm("jury.see_session", session):
        raise PermissionDenied
    return session


def visible_item(request, session, item_pk):
    item = get_object_or_404(
        AgendaItem.objects.visible_to(request.user)
        .filter(session=session)
        .select_related("session", "application__call__edition", "project__application"),
        pk=item_pk,
    )
    if not request.user.has_perm("jury.see_item", item):
        raise Http404
    return item


def my_membership(request, session):
    convocation = (
        session.convocations.select_related("member").filter(member__user=request.user).first()
    )
    return convocation.member if convocation else None


def session_normalisation(session):
    """The items' means normalised per juror when the session chose that averaging, else
    ``None``: over every mark that counts in the session (whoever reads), so that every
    reader sees the same figures. One query, read as tuples."""
    if not session.is_normalised:
        return None
    marks = (
        Score.objects.counted_in(session)
        .annotate(weight=F("criterion__weight"))
        .values_list(*NORMALISED_FIELDS, named=True)
    )
    return normalised_item_means(marks)


NORMALISED_FIELDS = ("item_id", "member_id", "criterion_id", "value", "scale_max", "weight")


@login_required
def sessions(request):
    visible = Session.objects.visible_to(request.user).order_by("-starts_at")
    return render(request, "jury/sessions.html", {"sessions": visible})


@login_required
def session_detail(request, pk):
    session = visible_session(request, pk)
    member = my_membership(request, session)
    criteria = list(session.criteria.all())
    items = list(
        session.items.select_related("application", "project")
        .only(*ITEM_FIELDS)
        .order_by("position")
    )
    conflicts = withdrawals([item.pk for item in items])
    # How many marks the reader gave on each item: counted in the database.
    mine = (
        dict(
            Score.objects.filter(item__session=session, member=member)
            .values_list("item_id")
            .annotate(count=Count("id"))
            .order_by()
        )
        if member
        else {}
    )
    rows = []
    for item in items:
        withdrawn = member is not None and any(
            c.member_id == member.pk for c in conflicts.get(item.pk, ())
        )
        expected = sum(1 for c in criteria if c.grid == item.grid)
        rows.append(
            {
                "item": item,
                "withdrawn": withdrawn,
                "scored": mine.get(item.pk, 0),
                "expected": expected,
            }
        )
    context = {
        "session": session,
        "member": member,
        "rows": rows,
        "may_deliberate": request.user.has_perm("jury.deliberate", session),
    }
    if request.user.has_perm("jury.see_marks", session):
        grids = {}
        for criterion in criteria:
            grids.setdefault(criterion.grid, []).append(criterion)
        hidden = {row["item"].pk for row in rows if row["withdrawn"] or row["item"].is_removed}
        visible = [i for i in items if i.pk not in hidden]
        context["ranking"] = rank(visible, grids, session_normalisation(session), conflicts)
    return render(request, "jury/session.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_detail(request, pk, item_pk):
    session = visible_session(request, pk)
    item = visible_item(request, session, item_pk)
    member = my_membership(request, session)
    criteria = session.criteria.filter(grid=item.grid).order_by("position")
    mine = {}
    if member:
        mine = {s.criterion_id: s for s in item.scores.filter(member=member)}
    may_score = (
        member is not None
        and request.user.has_perm("jury.score_item", item)
        and item.scoring_is_open
        and not item.is_removed
    )
    form = ScoreForm(request.POST or None, criteria=criteria, scores=mine)
    if request.method == "POST":
        if not may_score:
            raise PermissionDenied
        if form.is_valid():
            try:
                with transaction.atomic():
                    for criterion, value, comment in form.marks():
                        record_score(
                            item, member=member, criterion=criterion, value=value, comment=comment
                        )
            except Refused as refused:
                refused.add_to_form(form)
            else:
                messages.success(request, _("Vos notes sont enregistrées."))
                return redirect("jury:session", session.pk)
    application = item.application or item.project.application
    return render(
        request,
        "jury/item.html",
        {
            "session": session,
            "item": item,
            "review": follow_up_for_review(item.project, timezone.localdate(session.starts_at))
            if item.project
            else None,
            "application": application,
            "members": TeamMember.objects.filter(application=application).select_related(
                "department", "school", "organisation"
            ),
            "attachments": application.attachments.all(),
            "form": form,
            "may_score": may_score,
            "conflict_form": ConflictForm(),
            "may_withdraw": member is not None
            and not session.is_closed
            and request.user.has_perm("jury.declare_conflict", item),
        },
    )


@login_required
@require_POST
def declare_conflict_view(request, pk, item_pk):
    session = visible_session(request, pk)
    item = visible_item(request, session, item_pk)
    member = my_membership(request, session)
    form = ConflictForm(request.POST)
    if member is None or not form.is_valid():
        raise PermissionDenied
    try:
        declare_conflict(
            item, member=member, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except Refused as refused:
        messages.error(request, " ".join(refused.reasons))
        return redirect("jury:item", session.pk, item.pk)
    messages.success(request, _("Vous vous êtes déporté·e sur ce point."))
    return redirect("jury:session", session.pk)


@login_required
def document(request, pk, item_pk, attachment_pk):
    """A team's file, for a member who may see the item it belongs to."""
    session = visible_session(request, pk)
    item = visible_item(request, session, item_pk)
    application = item.application or item.project.application
    attachment = get_object_or_404(Attachment, application=application, pk=attachment_pk)
    return private_file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )
