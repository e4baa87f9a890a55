"""Writing to the teams of an edition: preview a mailing, then queue it.

The text holds only the placeholders of ``projects.mailings.audience.PLACEHOLDERS``,
checked before anything is queued (``ActionRefused`` with a French message naming the
wrong one): a mail never fails on its text when it is sent.
"""

from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from programme import audit, mail_events
from programme.actions import verb
from programme.lifecycles import ActionRefused
from projects.mailings import audience as audiences
from projects.mailings.models import Mailing, MailingDelivery
from projects.mailings.tasks import send_mailing_mail

SEND = verb("mailing.send", gettext_lazy("Envoi groupé mis en file"))
PLACEHOLDERS = audiences.PLACEHOLDERS
NAMES = [placeholder.name for placeholder in PLACEHOLDERS]


@dataclass(frozen=True)
class Preview:
    count: int
    subject: str
    body: str


# What a mailing's subject holds as staff write it (before its placeholders are filled).
SUBJECT_LENGTH = Mailing._meta.get_field("subject").max_length


def _checked(edition, audience, subject, body):
    """The recipients, once the text and the audience are checked."""
    errors = [
        _("Objet : %(error)s") % {"error": error}
        for error in mail_events.template_errors(subject, NAMES)
    ] + [
        _("Texte : %(error)s") % {"error": error}
        for error in mail_events.template_errors(body, NAMES)
    ]
    if not subject.strip() or not body.strip():
        errors.append(_("L'objet et le texte sont obligatoires."))
    if len(subject) > SUBJECT_LENGTH:
        errors.append(
            _("L'objet ne doit pas dépasser %(limit)d caractères (il en a %(length)d).")
            % {"limit": SUBJECT_LENGTH, "length": len(subject)}
        )
    try:
        applications = audiences.applications(edition, audience)
    except LookupError:
        errors.append(_("Choisissez les équipes à qui écrire."))
        applications = None
    if errors:
        raise ActionRefused(errors)
    recipients = audiences.recipients(applications)
    if not recipients:
        raise ActionRefused(
            [_("Aucune équipe de cette édition ne correspond à ce choix : rien à envoyer.")]
        )
    return recipients


def preview_mailing(edition, *, audience, subject, body):
    """The number of mails and the first of them, rendered; refuses what ``queue_mailing``
    would refuse."""
    recipients = _checked(edition, audience, subject, body)
    first_subject, first_body = audiences.render(subject, body, *recipients[0])
    return Preview(len(recipients), first_subject, first_body)


def queue_mailing(edition, *, audience, subject, body, actor):
    """Write ``subject`` and ``body`` to every member of the teams of ``edition`` in
    ``audience``.

    Side effects, in order: checks the text and that someone is reached; creates the
    mailing and one delivery per member, with its subject rendered; writes the audit
    entry; after commit, queues one mail task per delivery and notes its task.
    """
    recipients = _checked(edition, audience, subject, body)
    with transaction.atomic():
        mailing = Mailing.objects.create(
            edition=edition,
            audience=audience,
            subject=subject,
            body=body,
            author=actor,
            recipient_count=len(recipients),
        )
        deliveries = MailingDelivery.objects.bulk_create(
            MailingDelivery(
                mailing=mailing,
                application=application,
                member=member,
                email=member.email,
                subject=audiences.render(subject, body, application, member)[0][:300],
            )
            for application, member in recipients
        )
        audit.record(
            mailing,
            SEND,
            actor=actor,
            changes={
                "audience": [None, str(audiences.audience_label(audience))],
                "subject": [None, subject],
                "body": [None, body],
                "recipient_count": [None, len(recipients)],
            },
        )
        transaction.on_commit(partial(_enqueue, [delivery.pk for delivery in deliveries]))
    return mailing


def _enqueue(delivery_ids):
    for delivery_id in delivery_ids:
        result = send_mailing_mail.enqueue(delivery_id)
        if keeps_an_outbox():
            MailingDelivery.objects.filter(pk=delivery_id).update(task_id=result.id)


def keeps_an_outbox():
    """Whether queued mails wait in the outbox (the database backend, in production); the
    demo's immediate backend sends each mail as it is queued, and keeps no row of it."""
    return isinstance(task_backends["default"], DatabaseBackend)
