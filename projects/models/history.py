"""The history tables of both lifecycles, written only by ``projects.services``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from editions.enums import Phase
from programme.enums import DecisionSource
from projects.enums import ApplicationStatus, ReintegrationOutcome
from projects.transitions import RENEWAL


class ProjectTransitionQuerySet(models.QuerySet):
    def public(self):
        """The moves the public may know of a published project: those told to the team
        (staff and team decisions at once, the jury's once staff publish them)."""
        return self.filter(published_at__isnull=False)


class Transition(models.Model):
    """Fields common to both history tables: who moved what, when, and why."""

    move = models.CharField(_("mouvement"), max_length=40, blank=True, editable=False)
    at = models.DateTimeField(_("date d'effet"))
    recorded_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.CharField(_("décision de"), max_length=10, choices=DecisionSource.choices)
    reason = models.TextField(_("motif"), blank=True)
    # When the team was told. A jury's decision waits for staff to publish it.
    published_at = models.DateTimeField(_("communiquée le"), null=True, blank=True, editable=False)
    # The row of the audit log this history row details (``None`` for rows older than it).
    audit_entry = models.OneToOneField(
        "programme.AuditEntry",
        verbose_name=_("entrée du journal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class ApplicationTransition(Transition):
    """One move of an application's status. Written only by ``projects.services``."""

    application = models.ForeignKey(
        "projects.Application",
        verbose_name=_("candidature"),
        on_delete=models.PROTECT,
        related_name="transitions",
    )
    from_status = models.CharField(_("de"), max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField(_("vers"), max_length=20, choices=ApplicationStatus.choices)

    class Meta(Transition.Meta):
        verbose_name = _("historique de candidature")
        verbose_name_plural = _("historique des candidatures")

    def __str__(self):
        return (
            f"{self.application} : {self.get_from_status_display()} → "
            f"{self.get_to_status_display()}"
        )


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
