"""The official PDF of a closed session's minutes, stored once with its SHA-256."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.minutes import official_minutes
from jury.models import MinutesRecord, Session
from jury.pdf import render_minutes_pdf
from programme import audit
from programme.actions import verb
from programme.lifecycles import ActionRefused

STORE_MINUTES = verb("session.store_minutes", _("Procès-verbal PDF enregistré"))


def store_minutes_pdf(session, *, actor):
    """The stored PDF of ``session``'s minutes: made and stored the first time it is
    asked for after the close, then always the same file.

    Why on first request rather than in the close: the PDF is drawn only from the
    minutes frozen at the close (names, outcomes, votes, place and date of signature),
    so drawing it later gives the same record; and the close, which applies every
    decision in one transaction with the session locked, must neither wait for a
    rendering of several seconds nor fail, and roll the jury's decisions back, because
    of a font or a PDF library. The first reader of the page or the PDF (member or
    staff) makes it; the lock makes it once when two ask at the same time.

    Side effects, in order:
    1. raises ``ActionRefused`` if the session is not closed (before, the PDF is a
       draft, drawn for the reader and never stored);
    2. locks the session row; returns the existing record if there is one;
    3. draws the official minutes (every item, no internal reason) as a PDF;
    4. stores it through the default storage (private: served only by the minutes
       view) with its SHA-256, and writes the audit entry ``session.store_minutes``.
    """
    if not session.is_closed:
        raise ActionRefused([_("Le procès-verbal n'est enregistré qu'une fois la séance close.")])
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        existing = MinutesRecord.objects.filter(session=locked).first()
        if existing is not None:
            return existing
        content = render_minutes_pdf(official_minutes(locked))
        digest = hashlib.sha256(content).hexdigest()
        record = MinutesRecord(
            session=locked, sha256=digest, created_at=timezone.now(), created_by=actor
        )
        record.file.save("proces-verbal.pdf", ContentFile(content), save=False)
        # A file outlives a rolled-back transaction: remove it if the rows are not kept.
        try:
            record.save()
            audit.record(
                locked, STORE_MINUTES, actor=actor, changes={"minutes_sha256": [None, digest]}
            )
        except Exception:
            record.file.delete(save=False)
            raise
    return record
