"""Background e-mail of the programme app."""

from django_tasks import task

from programme.mail import send_templated_mail


@task()
def send_mail_later(template_prefix, context, recipients):
    """Send a templated e-mail from the queue, so a mail server's hiccup fails no page.

    ``context`` must be plain data (it is stored in the queue).
    """
    return send_templated_mail(template_prefix, context, recipients)
