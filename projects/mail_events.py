"""The mails of applications and projects, with the placeholders staff may write in them
(``programme.mail_events``). Registered from ``ProjectsConfig.ready``.

The starter texts are in French, as every mail is (mails are sent in French whatever the
language of the admin); staff edit them.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from programme.mail_events import Placeholder, register_event

SIGNATURE = "\n\nL'équipe innovation\n{{ site }}\n"


def _date(value, fmt="j F Y à H:i"):
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return formats.date_format(value, fmt)


def _application(context):
    return context.get("application") or context["member"].application


SITE = Placeholder(
    "site", _("L'adresse du site"), "https://tremplin.exemple.fr", lambda c: c["site_url"]
)
PROJECT = Placeholder(
    "projet",
    _("Le titre de la candidature"),
    "Tiers-lieu numérique",
    lambda c: _application(c).title,
)
CALL = Placeholder(
    "appel",
    _("Le titre de l'appel à candidatures"),
    "Appel à innovateurs territoriaux 2027",
    lambda c: _application(c).call.title,
)
EDITION = Placeholder(
    "edition", _("Le nom de l'édition"), "Saison 3", lambda c: _application(c).call.edition.name
)
REASON = Placeholder(
    "motif",
    _("Le motif de la décision (vide s'il n'y en a pas)"),
    "Un projet clair, une équipe complète.",
    lambda c: c["history"].reason,
)
WHEN = Placeholder(
    "date",
    _("La date et l'heure du changement (heure de Paris)"),
    "15 mars 2027 à 10:00",
    lambda c: _date(c["history"].at),
)
PITCH_SLOT = Placeholder(
    "creneau",
    _("Le créneau de présentation au jury, s'il est fixé (sinon : « à préciser »)"),
    "le 15 mars 2027 de 10:00 à 10:20, salle du conseil",
    lambda c: c.get("pitch_slot") or "à préciser",
)
MEMBER = Placeholder(
    "membre", _("Le nom du membre de l'équipe"), "Camille Martin", lambda c: c["member"].full_name
)
PROJECT_TITLE = Placeholder(
    "projet", _("Le titre du projet"), "Tiers-lieu numérique", lambda c: c["project"].title
)
APPLICATION_PLACEHOLDERS = (PROJECT, CALL, EDITION, REASON, WHEN, SITE)

DECISIONS = {
    "submitted": (
        _("Candidature déposée"),
        "Candidature déposée : {{ projet }}",
        "Votre candidature « {{ projet }} » à l'appel « {{ appel }} » a bien été déposée le "
        "{{ date }}.\n\nL'équipe innovation l'examinera après la clôture de l'appel ; vous serez "
        "informés de la suite par e-mail.",
    ),
    "withdrawn": (
        _("Candidature retirée"),
        "Candidature retirée : {{ projet }}",
        "La candidature « {{ projet }} » a été retirée par l'équipe le {{ date }}.",
    ),
    "ineligible": (
        _("Candidature non recevable"),
        "Candidature non recevable : {{ projet }}",
        "Après examen, votre candidature « {{ projet }} » n'est pas recevable.\n\n"
        "Motif : {{ motif }}",
    ),
    "not_shortlisted": (
        _("Candidature non présélectionnée"),
        "Candidature non présélectionnée : {{ projet }}",
        "Après examen, votre candidature « {{ projet }} » n'a pas été présélectionnée pour être "
        "présentée au jury.\n\nMotif : {{ motif }}",
    ),
    "shortlisted": (
        _("Candidature présélectionnée (invitation à présenter)"),
        "Candidature présélectionnée : {{ projet }}",
        "Bonne nouvelle : votre candidature « {{ projet }} » est présélectionnée. Vous êtes "
        "invités à présenter votre projet devant le jury, {{ creneau }}.",
    ),
    "selected": (
        _("Projet lauréat"),
        "Projet lauréat : {{ projet }}",
        "Félicitations : votre projet « {{ projet }} » est lauréat. Il entre en pré-incubation ; "
        "l'équipe innovation vous contactera pour organiser l'accompagnement.\n\n"
        "Motif : {{ motif }}",
    ),
    "not_selected": (
        _("Projet non retenu"),
        "Projet non retenu : {{ projet }}",
        "Votre projet « {{ projet }} » n'a pas été retenu.\n\nMotif : {{ motif }}",
    ),
}


def _agreement_link(context):
    return f"{context['site_url']}{context['agreement_path']}"


def _entry_setting(context):
    return _application(context).call.edition.entry_phase_setting


def _overdue(context):
    return "\n".join(
        f"- {m.title} (échéance le {_date(m.due_on, 'j F Y')})" for m in context["reminder"].overdue
    )


def _period(history):
    period = history.opened_period
    if period is None:
        return ""
    return (
        f"du {_date(period.planned_start, 'j F Y')} au {_date(period.planned_end, 'j F Y')}, "
        f"{period.days_per_week} jour(s) par semaine"
    )


def _follow_up_link(description, sample):
    return Placeholder("lien", description, sample, lambda c: c["site_url"] + c["follow_up_path"])


def register_events():
    for status, (label, subject, body) in DECISIONS.items():
        placeholders = APPLICATION_PLACEHOLDERS + ((PITCH_SLOT,) if status == "shortlisted" else ())
        register_event(
            f"projects/email/application_{status}",
            label,
            description=_("À l'équipe, quand la candidature change d'état."),
            placeholders=placeholders,
            subject=subject,
            body="Bonjour,\n\n" + body + SIGNATURE,
        )
    register_event(
        "projects/email/manager_request",
        _("Demande d'accord au ou à la responsable"),
        description=_("Au ou à la responsable d'un agent de l'équipe, avec le lien pour répondre."),
        placeholders=(
            MEMBER,
            PROJECT,
            CALL,
            Placeholder(
                "jours",
                _("Les jours par semaine de la pré-incubation"),
                "1",
                lambda c: _entry_setting(c).days_per_week,
            ),
            Placeholder(
                "mois", _("Les mois de la pré-incubation"), "3", lambda c: _entry_setting(c).months
            ),
            Placeholder(
                "lien",
                _("Le lien pour donner ou refuser l'accord"),
                "https://tremplin.exemple.fr/accord-responsable/…/",
                _agreement_link,
            ),
        ),
        subject="Votre accord est demandé pour {{ membre }}",
        body=(
            "Bonjour,\n\n{{ membre }} fait partie de l'équipe du projet « {{ projet }} », "
            "candidat à l'appel « {{ appel }} ».\n\nSi le projet est retenu, votre agent y "
            "consacrera {{ jours }} jour(s) par semaine pendant les {{ mois }} mois de "
            "pré-incubation. Votre accord est nécessaire.\n\nPour donner ou refuser votre "
            "accord :\n{{ lien }}\n\nL'équipe innovation\n"
        ),
    )
    register_event(
        "projects/email/manager_answered",
        _("Réponse du ou de la responsable"),
        description=_(
            "Au porteur ou à la porteuse et au membre concerné, quand le ou la responsable répond."
        ),
        placeholders=(
            MEMBER,
            PROJECT,
            Placeholder(
                "reponse",
                _("« a donné son accord » ou « a refusé son accord »"),
                "a donné son accord",
                lambda c: c["answer"],
            ),
            Placeholder(
                "responsable",
                _("L'adresse du ou de la responsable"),
                "chef.service@exemple.fr",
                lambda c: c["member"].manager_email,
            ),
            Placeholder(
                "date",
                _("La date et l'heure de la réponse (heure de Paris)"),
                "2 février 2027 à 09:30",
                lambda c: _date(c["member"].manager_responded_at),
            ),
            SITE,
        ),
        subject="{{ membre }} : le ou la responsable {{ reponse }}",
        body=(
            "Bonjour,\n\nLe ou la responsable de {{ membre }} ({{ responsable }}) {{ reponse }} "
            "pour le projet « {{ projet }} », le {{ date }}." + SIGNATURE
        ),
    )
    register_event(
        "projects/email/member_invited",
        _("Invitation d'un membre dans l'équipe"),
        description=_("À la personne ajoutée à l'équipe d'une candidature."),
        placeholders=(
            Placeholder(
                "porteur",
                _("Le nom du porteur ou de la porteuse"),
                "Camille Martin",
                lambda c: c["lead"].full_name if c.get("lead") else "",
            ),
            PROJECT,
            CALL,
            Placeholder(
                "adresse",
                _("L'adresse e-mail du membre invité"),
                "dominique.leroy@exemple.fr",
                lambda c: c["member"].email,
            ),
            Placeholder(
                "lien",
                _("La page de connexion du site"),
                "https://tremplin.exemple.fr/connexion/",
                lambda c: c["site_url"] + reverse("accounts:sign_in"),
            ),
        ),
        subject="Vous faites partie de l'équipe « {{ projet }} »",
        body=(
            "Bonjour,\n\n{{ porteur }} vous a ajouté·e à l'équipe du projet « {{ projet }} », "
            "candidat à l'appel « {{ appel }} ».\n\nPour voir la candidature, connectez-vous avec "
            "cette adresse ({{ adresse }}) : un lien de connexion vous sera envoyé, sans mot de "
            "passe à retenir.\n{{ lien }}\n\nSi vous ne connaissez pas ce projet, ignorez ce "
            "message.\n\nL'équipe innovation\n"
        ),
    )
    register_event(
        "projects/email/project_moved",
        _("Décision de phase d'un projet"),
        description=_("À l'équipe et aux coachs, quand le projet change de phase."),
        placeholders=(
            PROJECT_TITLE,
            Placeholder(
                "phase",
                _("La nouvelle phase"),
                "Expérimentation",
                lambda c: c["history"].get_to_phase_display(),
            ),
            Placeholder(
                "date",
                _("La date du changement"),
                "15 mars 2027",
                lambda c: _date(c["history"].at, "j F Y"),
            ),
            Placeholder(
                "issue",
                _("L'issue, pour une réintégration (sinon vide)"),
                "Repris par une direction métier",
                lambda c: c["history"].get_outcome_display() if c["history"].outcome else "",
            ),
            Placeholder(
                "periode",
                _("La nouvelle période (dates, jours par semaine)"),
                "du 16 mars 2027 au 15 septembre 2027, 2 jour(s) par semaine",
                lambda c: _period(c["history"]),
            ),
            REASON,
            SITE,
        ),
        subject="{{ projet }} : {{ phase }}",
        body=(
            "Bonjour,\n\nLe projet « {{ projet }} » passe en phase « {{ phase }} » à compter du "
            "{{ date }}.\nNouvelle période : {{ periode }}.\n\nMotif : {{ motif }}" + SIGNATURE
        ),
    )
    register_event(
        "projects/email/report_submitted",
        _("Bilan de phase déposé"),
        description=_("Aux coachs de la période et à l'équipe innovation."),
        placeholders=(
            PROJECT_TITLE,
            Placeholder(
                "periode",
                _("La phase du bilan"),
                "Pré-incubation",
                lambda c: c["report"].period.get_phase_display(),
            ),
            Placeholder(
                "date",
                _("La date du dépôt"),
                "2 juin 2027",
                lambda c: _date(c["report"].submitted_at, "j F Y"),
            ),
            _follow_up_link(_("Le lien du bilan"), "https://tremplin.exemple.fr/suivi/3/bilan/"),
            SITE,
        ),
        subject="{{ projet }} : bilan de phase déposé",
        body=(
            "Bonjour,\n\nL'équipe du projet « {{ projet }} » a déposé le {{ date }} son bilan "
            "de la période « {{ periode }} ».\nIl sera joint au point du projet à la "
            "prochaine séance du jury.\n\nLe lire : {{ lien }}" + SIGNATURE
        ),
    )
    register_event(
        "projects/email/follow_up_reminder",
        _("Rappel mensuel du suivi"),
        description=_("À l'équipe et aux coachs d'un projet en cours, chaque mois."),
        placeholders=(
            PROJECT_TITLE,
            Placeholder(
                "jalons",
                _("Les jalons dont l'échéance est passée, un par ligne"),
                "- Prototype testé (échéance le 1 mai 2027)",
                _overdue,
            ),
            Placeholder(
                "sans_declaration",
                _("Les membres qui n'ont pas déclaré leur temps du mois"),
                "Camille Martin, Dominique Leroy",
                lambda c: ", ".join(m.full_name for m in c["reminder"].undeclared),
            ),
            Placeholder(
                "mois", _("Le mois écoulé"), "mai 2027", lambda c: _date(c["reminder"].month, "F Y")
            ),
            _follow_up_link(
                _("Le lien du suivi du projet"), "https://tremplin.exemple.fr/suivi/3/"
            ),
            SITE,
        ),
        subject="{{ projet }} : le point du mois",
        body=(
            "Bonjour,\n\nVoici le point du mois sur le suivi du projet « {{ projet }} ».\n\n"
            "Jalons dont l'échéance est passée :\n{{ jalons }}\n\nTemps de {{ mois }} pas encore "
            "déclaré pour : {{ sans_declaration }}\n\nLe suivi du projet : {{ lien }}" + SIGNATURE
        ),
    )
