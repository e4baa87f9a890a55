"""Choices of the projects app. A leaf module: states and kinds, nothing else."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    WITHDRAWN = "withdrawn", _("Retirée")
    INELIGIBLE = "ineligible", _("Non recevable")
    NOT_SHORTLISTED = "not_shortlisted", _("Non présélectionnée")
    SHORTLISTED = "shortlisted", _("Présélectionnée")
    SELECTED = "selected", _("Lauréate")
    NOT_SELECTED = "not_selected", _("Non retenue")


class ReintegrationOutcome(models.TextChoices):
    STOPPED = "stopped", _("Arrêt du projet")
    HANDED_OVER = "handed_over", _("Repris par une direction métier")
    SCALED = "scaled", _("Déployé à plus grande échelle")


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Porteur ou porteuse")
    MEMBER = "member", _("Membre")


class MemberKind(models.TextChoices):
    AGENT = "agent", _("Agent de la collectivité")
    STUDENT = "student", _("Étudiant ou étudiante")
    LOCAL_ACTOR = "local_actor", _("Acteur du territoire")


class ManagerResponse(models.TextChoices):
    PENDING = "pending", _("En attente")
    AGREED = "agreed", _("Accord donné")
    DECLINED = "declined", _("Accord refusé")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("À venir")
    IN_PROGRESS = "in_progress", _("En cours")
    REACHED = "reached", _("Atteint")
    DROPPED = "dropped", _("Abandonné")


class MeasurementStatus(models.TextChoices):
    """A measurement the team or coach entered, until staff check its source."""

    PROPOSED = "proposed", _("À valider")
    VALIDATED = "validated", _("Validée")
    REJECTED = "rejected", _("Refusée")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposé")


class Recommendation(models.TextChoices):
    """What the team recommends for the phase after the one its report closes."""

    CONTINUE = "continue", _("Poursuivre en expérimentation")
    REINTEGRATE = "reintegrate", _("Réintégrer les directions métiers")
    STOP = "stop", _("Arrêter le projet")


class ResourceKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    EQUIPMENT = "equipment", _("Matériel")
    SERVICE = "service", _("Prestation")
    STAFF = "staff", _("Renfort humain")
    PLACE = "place", _("Locaux")
    OTHER = "other", _("Autre")
