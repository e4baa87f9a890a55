"""The events the programme mails about, and the placeholders staff may write in them.

Each app registers its own events (``register_event``), from its ``ready()``: the key is
the prefix of the shipped templates (``<key>_subject.txt`` and ``<key>_body.txt``), kept
as the text used until staff write their own (``programme.models.MailTemplate``).

A text written by staff is not a Django template: it may only hold placeholders
``{{ nom }}`` among those its event allows, each one a plain string computed from the
mail's context by the event's code. No tag, no filter, no attribute: nothing staff write
can reach the objects behind a mail. ``template_errors`` checks a text when it is saved,
so a mail never fails on a placeholder when it is sent. Pure module.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
NAME = re.compile(r"^[a-z_]+$")


@dataclass(frozen=True)
class Placeholder:
    """``{{ name }}``: ``description`` for staff, ``sample`` for the preview, and
    ``value(context)`` the text it stands for in a mail."""

    name: str
    description: str
    sample: str
    value: object


@dataclass(frozen=True)
class MailEvent:
    """A mail the programme sends; ``subject`` and ``body`` are the text staff start
    from, in the placeholders' syntax, saying what the shipped templates say."""

    key: str
    label: str
    description: str
    placeholders: tuple
    subject: str
    body: str

    def names(self):
        return [placeholder.name for placeholder in self.placeholders]

    def values(self, context):
        return placeholder_values(self.placeholders, context)

    def sample_values(self):
        return {p.name: str(p.sample) for p in self.placeholders}


EVENTS = {}


def register_event(key, label, *, description="", placeholders=(), subject="", body=""):
    """Declare the mail ``key`` (its shipped templates' prefix) with its placeholders
    and the text staff start from (checked here: a starter must be valid)."""
    if key in EVENTS:
        raise ValueError(f"The mail event {key!r} is registered twice")
    names = [placeholder.name for placeholder in placeholders]
    if template_errors(subject, names) or template_errors(body, names):
        raise ValueError(f"The starter text of {key!r} uses an unknown placeholder")
    EVENTS[key] = MailEvent(key, label, description, tuple(placeholders), subject, body)
    return EVENTS[key]


def event(key):
    return EVENTS.get(key)


def events():
    """Every registered event, in the order of their French labels."""
    return sorted(EVENTS.values(), key=lambda e: str(e.label))


def template_errors(text, allowed):
    """Why ``text`` may not be used with the placeholders ``allowed``: French messages,
    each naming what is wrong; empty if the text is fine."""
    errors = []
    if "{%" in text or "%}" in text:
        errors.append(
            _(
                "Les balises « {% … %} » ne sont pas permises : seuls les champs "
                "« {{ nom }} » le sont."
            )
        )
    if "{#" in text or "#}" in text:
        errors.append(_("Les commentaires « {# … #} » ne sont pas permis."))
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1).strip()
        if not NAME.match(name) or name not in allowed:
            errors.append(
                _(
                    "Le champ « %(placeholder)s » n'existe pas pour ce mail. "
                    "Champs possibles : %(names)s."
                )
                % {"placeholder": match.group(0), "names": ", ".join(allowed) or "—"}
            )
    rest = PLACEHOLDER.sub("", text)
    if "{{" in rest:
        start = rest.index("{{")
        errors.append(
            _("Le champ qui commence par « %(start)s » n'est pas fermé : ajoutez « }} ».")
            % {"start": rest[start : start + 20].split("\n")[0]}
        )
    elif "}}" in rest:
        errors.append(_("« }} » ferme un champ qui n'a pas été ouvert par « {{ »."))
    return errors


def placeholder_values(placeholders, context):
    """``{name: text}`` of each of ``placeholders`` for a mail's ``context``."""
    return {p.name: str(p.value(context) or "") for p in placeholders}


def render(text, values):
    """``text`` with each placeholder replaced by its value (``text`` was checked)."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1).strip(), ""), text)


def one_line(subject):
    return " ".join(subject.split())
