"""E-mails of an event: the text staff wrote for it (``programme.models.MailTemplate``),
or the shipped templates ``<prefix>_subject.txt`` and ``<prefix>_body.txt``, in French."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from programme import mail_events
from programme.models import MailTemplate


def render_mail(template_prefix, context):
    """``(subject, body)`` of the mail ``template_prefix`` for ``context``."""
    context = {"site_url": settings.SITE_URL, **context}
    event = mail_events.event(template_prefix)
    written = MailTemplate.objects.filter(key=template_prefix).first() if event else None
    with translation.override(settings.LANGUAGE_CODE):
        if written is not None:
            values = event.values(context)
            subject = mail_events.render(written.subject, values)
            body = mail_events.render(written.body, values)
        else:
            subject = render_to_string(f"{template_prefix}_subject.txt", context)
            body = render_to_string(f"{template_prefix}_body.txt", context)
    return mail_events.one_line(subject), body


def send_mail(subject, body, recipients, attachments=()):
    """Send one e-mail to ``recipients`` (each sees only their own address).

    ``attachments`` are (file name, content, MIME type). Returns the number sent.
    """
    recipients = sorted({address.lower() for address in recipients if address})
    if not recipients:
        return 0
    messages = [
        EmailMessage(subject, body, to=[address], attachments=list(attachments))
        for address in recipients
    ]
    with get_connection() as connection:
        return connection.send_messages(messages)


def send_templated_mail(template_prefix, context, recipients, attachments=()):
    """Render the mail ``template_prefix`` and send it to ``recipients`` (each sees only
    their own address). ``attachments`` are (file name, content, MIME type). Returns the
    number sent."""
    recipients = [address for address in recipients if address]
    if not recipients:
        return 0
    subject, body = render_mail(template_prefix, context)
    return send_mail(subject, body, recipients, attachments)
