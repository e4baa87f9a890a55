"""Choices of the editions app. A leaf module.

The phases of a laureate project live here, the lowest app that needs them: an edition
holds the settings of each phase its projects live (``editions.phases`` describes each
kind), and ``projects`` moves the projects between them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallState(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")


class Phase(models.TextChoices):
    """Where a laureate project stands. Reintegration and abandonment are terminal."""

    PRE_INCUBATION = "pre_incubation", _("Pré-incubation")
    EXPERIMENTATION = "experimentation", _("Expérimentation")
    REINTEGRATION = "reintegration", _("Réintégration")
    ABANDONED = "abandoned", _("Abandon")


class PeriodPhase(models.TextChoices):
    """The phases lived as dated periods: ``editions.phases.PERIOD_PHASES``, as choices
    (a test keeps the two in step)."""

    PRE_INCUBATION = Phase.PRE_INCUBATION.value, Phase.PRE_INCUBATION.label
    EXPERIMENTATION = Phase.EXPERIMENTATION.value, Phase.EXPERIMENTATION.label


# A project runs while it lives in a period; reintegration and abandonment end it
# (the period phases of ``editions.phases``, in their order).
RUNNING_PHASES = (Phase.PRE_INCUBATION, Phase.EXPERIMENTATION)

# The query-string value of « every edition » where staff pick an edition (the exports,
# the dashboard): ``?edition=toutes``, ``?editions=toutes``.
ALL_EDITIONS = "toutes"
