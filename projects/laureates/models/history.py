"""The history of a project's phases: one row per move, with the periods it closed and
opened. Written only by ``projects.laureates.services.lifecycle``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from editions.enums import Phase
from projects.enums import ReintegrationOutcome
from projects.history import Transition
from projects.laureates.transitions import RENEWAL


class ProjectTransitionQuerySet(models.QuerySet):
    def public(self):
        """The moves the public may know of a published project: those told to the team
        (staff and team decisions at once, the jury's once staff publish them)."""
        return self.filter(published_at__isnull=False)


class ProjectTransition(Transition):
    """One move of a project's phase, with the periods it closed and opened."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("projet"),
        on_delete=models.PROTECT,
        related_name="transitions",
    )
    from_phase = models.CharField(_("de"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("vers"), max_length=20, choices=Phase.choices)
    outcome = models.CharField(
        _("issue"), max_length=20, choices=ReintegrationOutcome.choices, blank=True
    )
    closed_period = models.OneToOneField(
        "projects.PhasePeriod",
        verbose_name=_("période close"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closing_transition",
    )
    opened_period = models.OneToOneField(
        "projects.PhasePeriod",
        verbose_name=_("période ouverte"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opening_transition",
    )

    objects = ProjectTransitionQuerySet.as_manager()

    class Meta(Transition.Meta):
        verbose_name = _("historique de projet")
        verbose_name_plural = _("historique des projets")

    def __str__(self):
        return (
            f"{self.project} : {self.get_from_phase_display() or '∅'} → "
            f"{self.get_to_phase_display()}"
        )

    @property
    def is_renewal(self):
        return self.move == RENEWAL.name
