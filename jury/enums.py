"""Choices of the jury app. A leaf module."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MemberRole(models.TextChoices):
    PRESIDENT = "president", _("Président ou présidente")
    ELECTED_OFFICIAL = "elected_official", _("Élu ou élue")
    COUNCIL_PRESIDENT = "council_president", _("Présidence du Conseil de développement")
    QUALIFIED_PERSON = "qualified_person", _("Personnalité qualifiée")
    SECRETARY = "secretary", _("Secrétaire de séance (sans voix)")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Programmée")
    SCORING = "scoring", _("Notation ouverte")
    DELIBERATION = "deliberation", _("Délibération")
    # A context: Django's own catalogue translates the English word "Close".
    CLOSED = "closed", pgettext_lazy("statut d'une séance", "Close")


class Averaging(models.TextChoices):
    """How the deliberation's table averages the marks (``jury.normalisation``)."""

    RAW = "raw", _("Moyenne brute")
    NORMALISED = "normalised", _("Moyenne normalisée par juré")


class Attendance(models.TextChoices):
    CONVENED = "convened", _("Convoqué·e")
    PRESENT = "present", _("Présent·e")
    ABSENT = "absent", _("Absent·e")
    EXCUSED = "excused", _("Excusé·e")


class ItemKind(models.TextChoices):
    SHORTLIST = "shortlist", _("Présélection")
    SELECTION = "selection", _("Sélection des lauréats")
    REVIEW = "review", _("Revue de phase")


class CriterionGrid(models.TextChoices):
    SELECTION = "selection", _("Grille de sélection")
    REVIEW = "review", _("Grille de revue de phase")


class Outcome(models.TextChoices):
    SHORTLISTED = "shortlisted", _("Présélectionnée")
    NOT_SHORTLISTED = "not_shortlisted", _("Non présélectionnée")
    SELECTED = "selected", _("Lauréate")
    NOT_SELECTED = "not_selected", _("Non retenue")
    CONTINUE = "continue", _("Poursuite en expérimentation")
    RENEW = "renew", _("Renouvellement de l'expérimentation")
    REINTEGRATE = "reintegrate", _("Réintégration des directions métiers")


# Which outcomes fit which kind of agenda item.
OUTCOMES_BY_KIND = {
    ItemKind.SHORTLIST: (Outcome.SHORTLISTED, Outcome.NOT_SHORTLISTED),
    ItemKind.SELECTION: (Outcome.SELECTED, Outcome.NOT_SELECTED),
    ItemKind.REVIEW: (Outcome.CONTINUE, Outcome.RENEW, Outcome.REINTEGRATE),
}
