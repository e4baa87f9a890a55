"""Choices of the programme-wide models. A leaf module: it imports nothing of ours."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    DEPARTMENT = "department", _("Direction métier de la collectivité")
    INCUBATOR = "incubator", _("Incubateur partenaire")
    SCHOOL = "school", _("École ou université")
    LOCAL_ACTOR = "local_actor", _("Acteur du territoire")
    INSTITUTION = "institution", _("Institution")


class DecisionSource(models.TextChoices):
    """Who makes a move of a lifecycle: the team, staff, the jury, or the programme itself."""

    TEAM = "team", _("Équipe")
    STAFF = "staff", _("Équipe innovation")
    JURY = "jury", _("Jury")
    SYSTEM = "system", _("Automatique")


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    ARCHIVED = "archived", _("Archivée")


class AccessibilityStatus(models.TextChoices):
    """The compliance a French public site declares with the RGAA (loi n° 2005-102, art. 47).

    Without an audit, a site must declare itself not compliant.
    """

    COMPLIANT = "compliant", _("totalement conforme")
    PARTIAL = "partial", _("partiellement conforme")
    NOT_COMPLIANT = "not_compliant", _("non conforme")


class SignInStep(models.TextChoices):
    """The form a sign-in attempt went through."""

    PASSWORD = "password", _("Mot de passe")
    ADMIN_PASSWORD = "admin_password", _("Mot de passe (administration)")
    LINK = "link", _("Lien reçu par e-mail")
    SECOND_FACTOR = "second_factor", _("Second facteur")
