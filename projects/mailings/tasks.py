"""The mail of one delivery of a mailing, rendered when it is sent."""

from django_tasks import task

from programme.mail import send_mail
from projects.mailings.audience import render
from projects.mailings.models import MailingDelivery


@task()
def send_mailing_mail(delivery_id):
    """Send the mailing's text to the delivery's member. Returns the number sent."""
    delivery = MailingDelivery.objects.select_related(
        "mailing", "application__call__edition", "member"
    ).get(pk=delivery_id)
    member = delivery.member
    if member is None:
        return 0
    subject, body = render(
        delivery.mailing.subject, delivery.mailing.body, delivery.application, member
    )
    return send_mail(subject, body, [delivery.email])
