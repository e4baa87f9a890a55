"""The editions' calendar in the admin, and its iCalendar download.

The download is served like every staff screen: to signed-in staff who passed the second
factor and hold the permission, and to nobody else. A calendar application cannot
subscribe to it by address: an address that opens a calendar without signing in is a
credential, which calendar services keep and fetch from their own servers, and which
would need storing, hashing and revoking. Staff download the file and import it again
when dates change (its events keep their ``UID``, so the import updates them).
"""

from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from editions.calendar import events, to_ics
from editions.models import Edition
from programme.rules import require_perm

PERMISSION = "editions.view_edition"


def _edition_from(request):
    """The edition asked for in ``?edition=``; an unknown one is a 404, never the
    calendar of every edition passed off as that one's."""
    slug = request.GET.get("edition")
    return get_object_or_404(Edition, slug=slug) if slug else None


def calendar_page(request):
    require_perm(request.user, PERMISSION)
    edition = _edition_from(request)
    query = f"?{urlencode({'edition': edition.slug})}" if edition else ""
    context = {
        **admin.site.each_context(request),
        "title": _("Calendrier des éditions"),
        "editions": Edition.objects.order_by("-number"),
        "chosen": edition,
        "events": events(edition),
        "ics_url": reverse("admin:editions_calendar_ics") + query,
    }
    return TemplateResponse(request, "admin/editions/calendar.html", context)


def calendar_ics(request):
    require_perm(request.user, PERMISSION)
    edition = _edition_from(request)
    name = (
        _("Tremplin — %(edition)s") % {"edition": edition.name}
        if edition
        else _("Tremplin — toutes les éditions")
    )
    response = HttpResponse(
        to_ics(events(edition), name=name), content_type="text/calendar; charset=utf-8"
    )
    filename = f"calendrier-{edition.slug if edition else 'tremplin'}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
