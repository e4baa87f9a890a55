"""E-mails from templates: ``<prefix>_subject.txt`` and ``<prefix>_body.txt``, in French."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(template_prefix, context, recipients, attachments=()):
    """Render and send one e-mail to ``recipients`` (each sees only their own address).

    ``attachments`` are (file name, content, MIME type). Returns the number sent.
    """
    recipients = sorted({address.lower() for address in recipients if address})
    if not recipients:
        return 0
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    subject = " ".join(subject.split())
    messages = [
        EmailMessage(subject, body, to=[address], attachments=list(attachments))
        for address in recipients
    ]
    with get_connection() as connection:
        return connection.send_messages(messages)
