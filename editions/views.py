"""Public pages of the editions: the call for proposals."""

from django.shortcuts import get_object_or_404, render

from editions.freshness import edition_fingerprint
from editions.models import Call
from programme.public_pages import public_page


@public_page(edition_fingerprint)
def call_detail(request, edition_slug):
    call = get_object_or_404(
        Call.objects.select_related("edition").prefetch_related(
            "required_documents", "edition__phases"
        ),
        edition__slug=edition_slug,
        edition__is_published=True,
        is_published=True,
    )
    return render(
        request,
        "editions/public/call.html",
        {"call": call, "edition": call.edition, "state": call.state_at()},
    )
