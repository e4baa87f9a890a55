"""Staff's own text for a mail event: saved, or taken back to the shipped one.

Both check the event exists; saving checks every placeholder first (``ActionRefused``
with a French message naming it), so a mail never fails on one when it is sent.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme import audit, mail_events
from programme.actions import verb
from programme.lifecycles import ActionRefused
from programme.models import MailTemplate

SAVE = verb("mail_template.save", gettext_lazy("Modèle de mail modifié"))
RESET = verb("mail_template.reset", gettext_lazy("Modèle de mail rétabli"))
FIELDS = ("subject", "body")


def _event(key):
    event = mail_events.event(key)
    if event is None:
        raise ActionRefused([_("Ce mail n'existe pas.")])
    return event


def text_errors(event, subject, body):
    """French messages on what is wrong with ``subject`` and ``body`` for ``event``."""
    names = event.names()
    errors = [
        _("Objet : %(error)s") % {"error": e} for e in mail_events.template_errors(subject, names)
    ]
    errors += [
        _("Texte : %(error)s") % {"error": e} for e in mail_events.template_errors(body, names)
    ]
    if not subject.strip():
        errors.append(_("L'objet ne peut pas être vide."))
    if not body.strip():
        errors.append(_("Le texte ne peut pas être vide."))
    return errors


def save_mail_template(key, *, subject, body, actor, at=None):
    """Use ``subject`` and ``body`` for the mails of ``key`` from now on.

    Side effects, in order: checks the event and every placeholder; locks (or creates)
    the event's row; saves the texts, who and when; writes the audit entry with the
    texts before (empty for the shipped ones) and after. Returns the row, or ``None``
    when nothing changed.
    """
    event = _event(key)
    errors = text_errors(event, subject, body)
    if errors:
        raise ActionRefused(errors)
    with transaction.atomic():
        row = MailTemplate.objects.select_for_update().filter(key=key).first()
        before = audit.snapshot(row, FIELDS) if row else dict.fromkeys(FIELDS, "")
        if row is None:
            row = MailTemplate(key=key)
        elif (row.subject, row.body) == (subject, body):
            return None
        row.subject, row.body = subject, body
        row.updated_at, row.updated_by = at or timezone.now(), actor
        row.save()
        audit.record(row, SAVE, actor=actor, changes=audit.changed(before, row), at=row.updated_at)
    return row


def reset_mail_template(key, *, actor):
    """Send the mails of ``key`` with the shipped text again.

    Side effects: locks the event's row; writes the audit entry with the texts removed;
    deletes the row. Returns ``False`` when the shipped text was already used.
    """
    _event(key)
    with transaction.atomic():
        row = MailTemplate.objects.select_for_update().filter(key=key).first()
        if row is None:
            return False
        audit.record(
            row,
            RESET,
            actor=actor,
            changes={name: [value, ""] for name, value in audit.snapshot(row, FIELDS).items()},
        )
        row.delete()
    return True


def current_text(key):
    """``(subject, body, row)``: staff's text for ``key`` and its row, or the event's
    starter and ``None`` while the shipped templates are used."""
    row = MailTemplate.objects.select_related("updated_by").filter(key=key).first()
    if row is not None:
        return row.subject, row.body, row
    event = _event(key)
    return event.subject, event.body, None


def preview(event, subject, body):
    """``(subject, body)`` of a checked text with the event's sample values."""
    values = event.sample_values()
    return mail_events.one_line(mail_events.render(subject, values)), mail_events.render(
        body, values
    )
