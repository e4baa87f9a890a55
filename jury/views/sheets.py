"""The jury day's paper: each voting member's scoring sheet and the session's sign-in
sheet (feuille d'émargement), as PDFs drawn on the server (``programme.pdf``).

A scoring sheet lists the items of the agenda its member may see, and only those the
reader may see too: an item the member withdrew from is absent (``jury.rules``: a
withdrawn member sees nothing of it), and so is one the reader withdrew from.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from jury.models import AgendaItem
from jury.views.member import visible_session
from programme.pdf import render_pdf


def _pdf(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _day(session):
    return timezone.localtime(session.starts_at).date().isoformat()


@login_required
@require_safe
def scoring_sheet(request, pk, member_pk):
    """One voting member's blank scoring sheet: each item they may mark, in running order,
    with its grid's criteria, weights and scales, and boxes for marks and comments."""
    session = visible_session(request, pk)
    convocation = get_object_or_404(
        session.convocations.select_related("member__user"), member_id=member_pk
    )
    if not request.user.has_perm("jury.see_scoring_sheet", convocation):
        raise Http404(_("Cette grille de notation n'existe pas."))
    member = convocation.member
    if not member.can_vote:
        raise Http404(_("Le ou la secrétaire de séance ne note pas : pas de grille de notation."))
    items = (
        AgendaItem.objects.visible_to(request.user)
        .on_agenda()
        .filter(session=session)
        .exclude(conflicts__member=member)
        .select_related("application", "project")
        .order_by("position")
    )
    grids = {}
    for criterion in session.criteria.order_by("position"):
        grids.setdefault(criterion.grid, []).append(criterion)
    content = render_pdf(
        "jury/sheets/scoring_sheet.html",
        {
            "session": session,
            "member": member,
            "items": [(item, grids.get(item.grid, [])) for item in items],
        },
    )
    return _pdf(content, f"grille-de-notation-{_day(session)}-{member.pk}.pdf")


@login_required
@require_safe
def sign_in_sheet(request, pk):
    """The session's sign-in sheet: every convened member with their role, a column to
    sign, the date and the place."""
    session = visible_session(request, pk)
    if not request.user.has_perm("jury.see_sign_in_sheet", session):
        raise PermissionDenied
    convocations = session.convocations.select_related("member__user").order_by(
        "member__role", "member__user__last_name", "member__user__first_name"
    )
    content = render_pdf(
        "jury/sheets/sign_in_sheet.html", {"session": session, "convocations": convocations}
    )
    return _pdf(content, f"feuille-d-emargement-{_day(session)}.pdf")
