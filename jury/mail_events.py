"""The jury's mails, with the placeholders staff may write in them
(``programme.mail_events``). Registered from ``JuryConfig.ready``; the starter text is
in French, as every mail is."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from programme.mail_events import Placeholder, register_event
from projects.mail_events import PROJECT


def _starts(context, fmt):
    return formats.date_format(timezone.localtime(context["session"].starts_at), fmt)


def _agenda(context):
    return "\n".join(f"{line}\n   Dossier : {line.url}" for line in context["agenda"])


def _slot(context, fmt):
    return formats.date_format(context["starts_at"], fmt)


SESSION_TITLE = Placeholder(
    "seance", _("Le titre de la séance"), "Jury de sélection", lambda c: c["session"].title
)
# The pitch's slot, in the invitation and in its cancellation.
SLOT_DAY = Placeholder(
    "date",
    _("Le jour du passage (heure de Paris)"),
    "lundi 15 mars 2027",
    lambda c: _slot(c, "l j F Y"),
)
SLOT_START = Placeholder(
    "debut", _("L'heure de début du créneau"), "14:20", lambda c: _slot(c, "H:i")
)


def _changed(context):
    if not context["updated"]:
        return ""
    return str(_("L'horaire a changé : il remplace celui de l'invitation précédente."))


def register_events():
    register_pitch_invitation()
    register_pitch_cancellation()
    register_event(
        "jury/email/invitation",
        _("Convocation d'un membre du jury"),
        description=_(
            "À chaque membre convoqué, avec l'ordre du jour qu'il peut voir et l'invitation "
            "d'agenda en pièce jointe."
        ),
        placeholders=(
            SESSION_TITLE,
            Placeholder(
                "date",
                _("La date et l'heure de la séance (heure de Paris)"),
                "15 mars 2027 à 14:00",
                lambda c: _starts(c, "j F Y à H:i"),
            ),
            Placeholder(
                "lieu", _("Le lieu de la séance"), "Salle du conseil", lambda c: c["session"].place
            ),
            Placeholder(
                "ordre_du_jour",
                _("L'ordre du jour du membre, un point par ligne avec son lien"),
                "14:00 — 1. Tiers-lieu numérique\n   Dossier : https://tremplin.exemple.fr/jury/…",
                _agenda,
            ),
            Placeholder(
                "lien",
                _("Le lien de la séance dans l'espace jury"),
                "https://tremplin.exemple.fr/jury/seances/1/",
                lambda c: c["site_url"] + c["session_path"],
            ),
        ),
        subject="Convocation : {{ seance }} ({{ date }})",
        body=(
            "Bonjour,\n\nVous êtes convoqué·e à la séance « {{ seance }} », le {{ date }}.\n"
            "Lieu : {{ lieu }}\n\nOrdre du jour (heures de Paris) :\n{{ ordre_du_jour }}\n\n"
            "Vous pouvez consulter les dossiers, déclarer un conflit d'intérêts et noter les "
            "projets dans votre espace jury :\n{{ lien }}\n\nL'invitation est jointe pour "
            "votre agenda.\n\nL'équipe innovation\n"
        ),
    )


def register_pitch_invitation():
    """The invitation of a shortlisted team to pitch: its slot comes from the agenda."""
    register_event(
        "jury/email/pitch_invitation",
        _("Convocation d'une équipe devant le jury"),
        description=_(
            "À chaque membre d'une équipe présélectionnée, avec son créneau de passage et "
            "l'invitation d'agenda en pièce jointe ; envoyée de nouveau si le créneau change."
        ),
        placeholders=(
            PROJECT,
            SLOT_DAY,
            SLOT_START,
            Placeholder(
                "fin",
                _("L'heure de fin du créneau"),
                "14:40",
                lambda c: formats.date_format(c["ends_at"], "H:i"),
            ),
            Placeholder(
                "lieu",
                _("Le lieu du passage"),
                "Salle du conseil",
                lambda c: c["invitation"].place,
            ),
            SESSION_TITLE,
            Placeholder(
                "nouvel_horaire",
                _("Si le créneau a changé, une phrase qui le dit (vide sinon)"),
                "L'horaire a changé : il remplace celui de l'invitation précédente.",
                _changed,
            ),
        ),
        subject="Convocation devant le jury : {{ projet }} ({{ date }})",
        body=(
            "Bonjour,\n\nVotre candidature « {{ projet }} » est présélectionnée : vous êtes "
            "invités à la présenter devant le jury.\n\nVotre passage : le {{ date }}, de "
            "{{ debut }} à {{ fin }} (heure de Paris).\nLieu : {{ lieu }}\nSéance : "
            "{{ seance }}\n\nPrésentez-vous quelques minutes avant votre horaire. "
            "L'invitation est jointe pour votre agenda.\n\nL'équipe innovation\n"
        ),
    )


def register_pitch_cancellation():
    """The cancellation of a team's pitch: its item left the agenda or changed subject."""
    register_event(
        "jury/email/pitch_cancellation",
        _("Annulation du passage d'une équipe devant le jury"),
        description=_(
            "À chaque membre d'une équipe convoquée dont le passage n'a plus lieu (retiré "
            "de l'ordre du jour), avec l'annulation de l'événement d'agenda en pièce jointe."
        ),
        placeholders=(
            PROJECT,
            SLOT_DAY,
            SLOT_START,
            Placeholder(
                "seance",
                _("Le titre de la séance"),
                "Jury de sélection",
                lambda c: c["pitch"].session_title,
            ),
        ),
        subject="Passage devant le jury annulé : {{ projet }} ({{ date }})",
        body=(
            "Bonjour,\n\nLa présentation de votre candidature « {{ projet }} » devant le "
            "jury, prévue le {{ date }} à {{ debut }} (heure de Paris), n'aura pas lieu.\n"
            "Séance : {{ seance }}\n\nL'événement est retiré de votre agenda par la pièce "
            "jointe. L'équipe innovation vous recontactera si un autre passage est prévu.\n\n"
            "L'équipe innovation\n"
        ),
    )
