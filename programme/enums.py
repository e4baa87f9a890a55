"""Choices of the programme-wide models. A leaf module: it imports nothing of ours."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    DEPARTMENT = "department", _("Direction métier de la collectivité")
    INCUBATOR = "incubator", _("Incubateur partenaire")
    SCHOOL = "school", _("École ou université")
    LOCAL_ACTOR = "local_actor", _("Acteur du territoire")
    INSTITUTION = "institution", _("Institution")


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    ARCHIVED = "archived", _("Archivée")
