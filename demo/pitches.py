"""The pitch each demo application attaches, as its call asks: a one-page PDF drawn by
WeasyPrint from the application's own texts, with no resource from the network."""

from django.core.files.base import ContentFile
from django.utils.html import escape
from weasyprint import HTML

from programme.pdf import NoNetwork
from projects.models import Attachment

PAGE = """<html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family: 'DejaVu Sans', sans-serif; margin: 2cm">
<h1>{title}</h1><h2>Le problème</h2><p>{problem}</p><h2>Notre idée</h2><p>{solution}</p>
<p><em>Présentation fictive de la démonstration.</em></p></body></html>"""


def pitch_pdf(application):
    html = PAGE.format(
        title=escape(application.title),
        problem=escape(application.problem),
        solution=escape(application.proposed_solution),
    )
    return HTML(string=html, url_fetcher=NoNetwork()).write_pdf()


def attach_pitch(application, document, *, by, on):
    """Attach the pitch to ``application`` for the required ``document``, as uploaded by
    ``by`` on ``on`` (the story's past: the upload service only takes today's drafts)."""
    content = pitch_pdf(application)
    attachment = Attachment(
        application=application,
        required_document=document,
        original_name=f"pitch-{application.pk}.pdf",
        content_type="application/pdf",
        size=len(content),
        uploaded_by=by,
    )
    attachment.file.save(attachment.original_name, ContentFile(content), save=False)
    attachment.save()
    Attachment.objects.filter(pk=attachment.pk).update(uploaded_at=on)
    return attachment
