"""A decision letter, downloaded by the team of its application or by staff; anyone else
gets a 404. The PDF is the stored one (drawn on first need: ``projects.letters``)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from programme.decorators import login_required_keeping_post
from programme.files import private_file_response
from projects.letters import store_letter_pdf
from projects.models import Application, DecisionLetter


@login_required_keeping_post
@require_safe
def decision_letter(request, letter_pk):
    letter = get_object_or_404(
        DecisionLetter.objects.select_related("application").filter(
            application__in=Application.objects.visible_to(request.user)
        ),
        pk=letter_pk,
    )
    if not request.user.has_perm("projects.download_decision_letter", letter):
        raise Http404
    return private_file_response(
        store_letter_pdf(letter).file, filename=letter.filename, content_type="application/pdf"
    )
