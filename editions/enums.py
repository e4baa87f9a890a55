"""Choices of the editions app. A leaf module."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallState(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")
