"""Decision letters: when a decision is told to a team (``projects.publication``), a
letter states it, signed by the president of the jury, and is kept on the application.

Its terms are frozen when the decision is published (``write_letter``); its PDF is drawn
from them alone the first time it is needed (``store_letter_pdf``: the mail that tells
the decision, or the team's download), like the minutes: publication, which stamps
many decisions in one transaction, neither waits for a rendering nor fails because of a
font or the PDF library.

Who signs: the jury decides in ``jury``, which ``projects`` never imports; the jury
registers who signs for a programme (``register_signatory``: its president), and a
jury decision names who chaired its item.
"""

import datetime
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from programme import audit
from programme.actions import verb
from programme.pdf import render_pdf
from programme.places import at_place
from projects.models import ApplicationTransition, DecisionLetter

WRITE_LETTER = verb("letter.write", _("Lettre de décision établie"))
TEMPLATE = "projects/letters/decision_letter.html"


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str


# Providers ``provider(programme) -> Signatory | None`` registered by the apps above.
_SIGNATORIES = []


def register_signatory(provider):
    """Letters of ``programme`` are signed by ``provider(programme)`` unless it is ``None``."""
    _SIGNATORIES.append(provider)


def signatory_for(programme):
    """Who signs the programme's letters: the first registered provider's answer, else
    the authority's director of publication (its legal representative)."""
    for provider in _SIGNATORIES:
        signatory = provider(programme)
        if signatory is not None:
            return signatory
    return Signatory(name=programme.publication_director or programme.authority_name, title="")


def write_letter(history, *, actor, at, decision=None, reasons=None, signatory=None):
    """Freeze the letter telling ``history`` (an ``ApplicationTransition`` or a
    ``ProjectTransition`` being published) and keep it on the application.

    ``decision``, ``reasons`` and ``signatory`` default to the history row's outcome, its
    reason and the programme's signatory; a jury decision gives its outcome, its public
    reasons and who chaired the item. Side effects: creates the letter; writes its audit
    entry. The PDF is drawn later (``store_letter_pdf``).
    """
    if isinstance(history, ApplicationTransition):
        application, subject = history.application, history.application
        default_decision = history.get_to_status_display()
    else:
        application, subject = history.project.application, history.project
        default_decision = history.get_to_phase_display()
    edition = application.call.edition
    programme = edition.programme
    signatory = signatory or signatory_for(programme)
    terms = {
        "authority": programme.authority_name,
        "programme": programme.name,
        "edition": edition.name,
        "subject": str(subject),
        "team": [member.display_name for member in application.team_members.all()],
        "decided_by": history.get_decided_by_display(),
        "decision": str(decision or default_decision),
        "reasons": history.reason if reasons is None else reasons,
        "signatory": asdict(signatory),
        "place": programme.minutes_place,
        "dated": timezone.localdate(at).isoformat(),
    }
    letter = DecisionLetter.objects.create(
        application=application,
        application_transition=history if isinstance(history, ApplicationTransition) else None,
        project_transition=None if isinstance(history, ApplicationTransition) else history,
        terms=terms,
        created_at=at,
    )
    audit.record(
        letter,
        WRITE_LETTER,
        actor=actor,
        changes={"decision": [None, terms["decision"]], "signatory": [None, signatory.name]},
        at=at,
    )
    return letter


def store_letter_pdf(letter):
    """``letter`` with its PDF: drawn from its frozen terms and stored (privately: served
    only by the letter's view) the first time, then always the same file. The row lock
    draws it once when the mail and a download ask at the same time."""
    with transaction.atomic():
        locked = DecisionLetter.objects.select_for_update().get(pk=letter.pk)
        if not locked.file:
            with translation.override(settings.LANGUAGE_CODE):
                content = render_pdf(TEMPLATE, {"terms": readable_terms(locked.terms)})
            locked.file.save("lettre.pdf", ContentFile(content), save=False)
            # A file outlives a rolled-back transaction: remove it if the row is not kept.
            try:
                locked.save(update_fields=["file"])
            except Exception:
                locked.file.delete(save=False)
                raise
    return locked


def letter_content(letter):
    """The bytes of ``letter``'s PDF, drawn and stored if it is not yet."""
    with store_letter_pdf(letter).file.open("rb") as stored:
        return stored.read()


def readable_terms(terms):
    """The frozen terms with their date as a date and their place after « Fait »."""
    return {
        **terms,
        "dated": datetime.date.fromisoformat(terms["dated"]),
        "at_place": at_place(terms["place"]),
    }
