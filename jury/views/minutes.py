"""The minutes of a session: the page (print-ready), the HTML file and the PDF.

Once the session is closed, the PDF is the stored record (``store_minutes_pdf``), whose
SHA-256 the page shows; a member who withdrew from an item gets an extract without it,
drawn for them. Before the close, the chair and staff may draw a draft (« Projet »),
never stored; the page itself exists only once the session is closed.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from jury.minutes import build_minutes, minutes_for
from jury.pdf import render_minutes_pdf
from jury.services import store_minutes_pdf
from jury.views.member import visible_session
from programme.files import private_file_response
from programme.pdf import STYLESHEET


def _closed_session(request, pk):
    session = visible_session(request, pk)
    if not session.is_closed:
        raise Http404(_("Le procès-verbal existe une fois la séance close."))
    return session


def _file_name(session, suffix):
    day = timezone.localtime(session.starts_at).date().isoformat()
    return f"proces-verbal-{day}{suffix}"


def _private(response):
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def minutes(request, pk):
    session = _closed_session(request, pk)
    return render(
        request,
        "jury/minutes.html",
        {
            "session": session,
            "minutes": minutes_for(session, request.user),
            "record": store_minutes_pdf(session, actor=request.user),
        },
    )


@login_required
@require_safe
def minutes_document(request, pk):
    """The minutes as an HTML file, to archive, print and sign."""
    session = _closed_session(request, pk)
    content = render_to_string(
        "jury/minutes_document.html",
        {
            "session": session,
            "minutes": minutes_for(session, request.user),
            "stylesheet_url": request.build_absolute_uri(static(STYLESHEET)),
        },
        request=request,
    )
    response = HttpResponse(content, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(session, ".html")}"'
    return _private(response)


@login_required
@require_safe
def minutes_pdf(request, pk):
    """The PDF: the stored record once closed (an extract for a member who withdrew from
    an item); before, a draft for the chair and staff."""
    session = visible_session(request, pk)
    if not session.is_closed:
        if not request.user.has_perm("jury.deliberate", session):
            raise PermissionDenied
        draft = minutes_for(session, request.user, minutes=build_minutes(session))
        return _pdf(render_minutes_pdf(draft, draft=True), session, "-projet.pdf")
    readable = minutes_for(session, request.user)
    if readable.get("extract"):
        return _pdf(render_minutes_pdf(readable), session, "-extrait.pdf")
    record = store_minutes_pdf(session, actor=request.user)
    return private_file_response(
        record.file, filename=_file_name(session, ".pdf"), content_type="application/pdf"
    )


def _pdf(content, session, suffix):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(session, suffix)}"'
    return _private(response)
