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


class Phase(models.TextChoices):
    """Where a laureate project stands. Reintegration and abandonment are terminal."""

    PRE_INCUBATION = "pre_incubation", _("Pré-incubation")
    EXPERIMENTATION = "experimentation", _("Expérimentation")
    REINTEGRATION = "reintegration", _("Réintégration")
    ABANDONED = "abandoned", _("Abandon")


class PeriodPhase(models.TextChoices):
    """The phases that are lived as dated periods."""

    PRE_INCUBATION = Phase.PRE_INCUBATION.value, Phase.PRE_INCUBATION.label
    EXPERIMENTATION = Phase.EXPERIMENTATION.value, Phase.EXPERIMENTATION.label


class ReintegrationOutcome(models.TextChoices):
    STOPPED = "stopped", _("Arrêt du projet")
    HANDED_OVER = "handed_over", _("Repris par une direction métier")
    SCALED = "scaled", _("Déployé à plus grande échelle")


class DecisionSource(models.TextChoices):
    """Who took the decision a history row records."""

    TEAM = "team", _("Équipe")
    STAFF = "staff", _("Équipe innovation")
    JURY = "jury", _("Jury")
    SYSTEM = "system", _("Automatique")


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
