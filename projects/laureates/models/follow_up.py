"""Following a laureate through its periods: coaching, milestones, time given, resources.

Every row hangs on a ``PhasePeriod``: what a team did in pre-incubation stays apart from
what it did in each experimentation. Milestone statuses move through
``projects.laureates.services.follow_up``, which records who moved them, when and why.
"""

import calendar
import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.fields import done_by, part_of, valid_choice
from projects.enums import MilestoneStatus, ResourceKind

OPEN_MILESTONE_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)


class CoachingEntryQuerySet(models.QuerySet):
    def for_project(self, project):
        return self.filter(period__project=project)


class CoachingEntry(models.Model):
    """One coaching session of a period, as the coach logs it."""

    period = part_of("projects.PhasePeriod", _("période"), "coaching_entries")
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        on_delete=models.PROTECT,
        related_name="coaching_entries",
    )
    held_on = models.DateField(_("date"))
    duration_hours = models.DecimalField(
        _("durée (heures)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    topics = models.TextField(_("sujets travaillés"))
    next_steps = models.TextField(_("prochaines étapes"), blank=True)
    created_at = models.DateTimeField(_("saisi le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = CoachingEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("séance d'accompagnement")
        verbose_name_plural = _("journal d'accompagnement")
        ordering = ["period", "-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_hours__gt=0, duration_hours__lte=24),
                name="coaching_entry_duration_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.period.project} — {self.held_on:%d/%m/%Y}"


class MilestoneQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_MILESTONE_STATUSES)

    def overdue(self, today):
        """Milestones not reached nor dropped whose due date has passed."""
        return self.open().filter(due_on__lt=today)


class Milestone(models.Model):
    """An objective of a period with its due date. Its status moves through a service."""

    period = part_of("projects.PhasePeriod", _("période"), "milestones")
    title = models.CharField(_("jalon"), max_length=200)
    description = models.TextField(_("précisions"), blank=True)
    due_on = models.DateField(_("échéance"))
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
        editable=False,
    )
    status_changed_at = models.DateTimeField(
        _("état changé le"), null=True, blank=True, editable=False
    )
    status_changed_by = done_by(_("état changé par"), later=True)
    status_note = models.TextField(_("commentaire sur l'état"), blank=True, editable=False)
    created_by = done_by(_("créé par"))
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")
        ordering = ["period", "due_on", "pk"]
        constraints = [
            valid_choice("status", MilestoneStatus, name="milestone_status_valid"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in OPEN_MILESTONE_STATUSES

    def is_overdue(self, today):
        return self.is_open and self.due_on < today


class TimeCommitment(models.Model):
    """The days a week a team member plans to give in a period, when it differs from the
    period's own figure (``PhasePeriod.days_per_week``)."""

    period = part_of("projects.PhasePeriod", _("période"), "time_commitments")
    member = part_of("projects.TeamMember", _("membre"), "time_commitments")
    planned_days_per_week = models.DecimalField(
        _("jours par semaine prévus"),
        max_digits=2,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("5.0"))],
    )

    class Meta:
        verbose_name = _("temps prévu")
        verbose_name_plural = _("temps prévus")
        ordering = ["period", "member"]
        constraints = [
            models.UniqueConstraint(fields=["period", "member"], name="time_commitment_unique"),
            models.CheckConstraint(
                condition=Q(planned_days_per_week__gte=0, planned_days_per_week__lte=5),
                name="time_commitment_days_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.planned_days_per_week}"


def first_of_month(day):
    return day.replace(day=1)


def working_days(start, end):
    """Monday-to-Friday days from ``start`` to ``end``, both included."""
    if end < start:
        return 0
    full_weeks, rest = divmod((end - start).days + 1, 7)
    days = full_weeks * 5
    for offset in range(rest):
        if (start + datetime.timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            days += 1
    return days


def month_bounds(month):
    last = calendar.monthrange(month.year, month.month)[1]
    return month, month.replace(day=last)


class TimeDeclaration(models.Model):
    """The days a team member actually gave to the project in one month of a period,
    declared by the team and read by staff: releasing agents is the first difficulty
    such programmes meet."""

    period = part_of("projects.PhasePeriod", _("période"), "time_declarations")
    member = part_of("projects.TeamMember", _("membre"), "time_declarations")
    month = models.DateField(_("mois"), help_text=_("Le premier jour du mois."))
    days_given = models.DecimalField(
        _("jours consacrés"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("23"))],
    )
    comment = models.CharField(_("commentaire"), max_length=300, blank=True)
    declared_by = done_by(_("déclaré par"))
    declared_at = models.DateTimeField(_("déclaré le"), auto_now=True)

    class Meta:
        verbose_name = _("temps consacré")
        verbose_name_plural = _("temps consacrés")
        ordering = ["period", "month", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "member", "month"], name="time_declaration_unique_month"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="time_declaration_month_is_first_day"
            ),
            models.CheckConstraint(
                condition=Q(days_given__gte=0, days_given__lte=23),
                name="time_declaration_days_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.month:%m/%Y}"


class Resource(models.Model):
    """A means granted to a period (budget, equipment, a service...) and what was used."""

    period = part_of("projects.PhasePeriod", _("période"), "resources")
    kind = models.CharField(_("nature"), max_length=20, choices=ResourceKind.choices)
    label = models.CharField(_("intitulé"), max_length=200)
    amount_granted = models.DecimalField(
        _("montant accordé (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    amount_used = models.DecimalField(
        _("montant utilisé (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    use_note = models.TextField(_("utilisation"), blank=True)

    class Meta:
        verbose_name = _("moyen accordé")
        verbose_name_plural = _("moyens accordés")
        ordering = ["period", "kind", "pk"]
        constraints = [
            valid_choice("kind", ResourceKind, name="resource_kind_valid"),
            models.CheckConstraint(
                condition=(Q(amount_granted__isnull=True) | Q(amount_granted__gte=0))
                & (Q(amount_used__isnull=True) | Q(amount_used__gte=0)),
                name="resource_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return self.label
