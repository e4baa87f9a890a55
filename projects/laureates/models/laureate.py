"""Laureate projects and the periods they live in each phase."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editions.enums import RUNNING_PHASES, PeriodPhase, Phase
from programme.fields import valid_choice
from programme.roles import is_innovation_staff
from projects.applications.models import TeamMember
from projects.enums import ReintegrationOutcome
from projects.laureates.models.history import ProjectTransition


class ProjectQuerySet(models.QuerySet):
    def for_edition(self, edition):
        return self.filter(application__call__edition=edition)

    def in_phase(self, *phases):
        return self.filter(phase__in=phases)

    def running(self):
        return self.in_phase(*RUNNING_PHASES)

    def published(self):
        return self.filter(is_published=True)

    def public(self):
        """What citizens may see: projects staff published, of published editions, whose
        selection the team has been told (a jury's selection waits for staff to publish
        the session's decisions)."""
        told_selection = ProjectTransition.objects.public().filter(
            project=OuterRef("pk"), from_phase=""
        )
        return self.filter(
            Exists(told_selection),
            is_published=True,
            application__call__edition__is_published=True,
        )

    def with_public_phase(self):
        """Annotate the phase as the public knows it (see ``ProjectTransition.public``):
        ``public_phase``, ``public_outcome`` and ``public_phase_at`` (when it began).

        A jury's decision moves the project at once but reaches the public only when
        staff publish it; until then the public sees the phase before it.
        """
        told = ProjectTransition.objects.public().filter(project=OuterRef("pk"))
        told = told.order_by("-at", "-pk")
        return self.annotate(
            public_phase=Subquery(told.values("to_phase")[:1]),
            public_outcome=Subquery(told.values("outcome")[:1]),
            public_phase_at=Subquery(told.values("at")[:1]),
        )

    def with_related(self):
        return self.select_related("application__call__edition", "theme")

    def followed_by(self, user):
        """The projects whose follow-up ``user`` may see: staff every one; a coach, those
        with a period they coach; a team member, their team's."""
        if not user.is_authenticated:
            return self.none()
        if is_innovation_staff(user):
            return self
        in_team = TeamMember.objects.filter(application=OuterRef("application"), user=user)
        return self.filter(Exists(_coached_periods(user)) | Exists(in_team))

    def coached_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(Exists(_coached_periods(user)))


def _coached_periods(user):
    return PhasePeriod.objects.filter(project=OuterRef("pk"), coaches=user)


class Project(models.Model):
    """A laureate: created from a selected application by ``projects.services``."""

    application = models.OneToOneField(
        "projects.Application",
        verbose_name=_("candidature"),
        on_delete=models.PROTECT,
        related_name="project",
        editable=False,
    )
    title = models.CharField(_("nom du projet"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    theme = models.ForeignKey(
        "programme.Theme",
        verbose_name=_("thématique"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    public_summary = models.TextField(_("présentation publique"), blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, editable=False)
    outcome = models.CharField(
        _("issue"),
        max_length=20,
        choices=ReintegrationOutcome.choices,
        blank=True,
        editable=False,
    )
    phase_since = models.DateField(_("dans cette phase depuis le"), editable=False)
    is_published = models.BooleanField(
        _("publié"), default=False, help_text=_("Visible sur le site public.")
    )
    publish_with_decision = models.BooleanField(
        _("publier avec la décision du jury"),
        default=True,
        help_text=_(
            "La page publique du projet est publiée quand l'équipe innovation publie la "
            "décision du jury qui le retient. Décochez pour la publier plus tard, à la main."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projet lauréat")
        verbose_name_plural = _("projets lauréats")
        ordering = ["title"]
        constraints = [
            valid_choice("phase", Phase, name="project_phase_valid"),
            models.CheckConstraint(
                condition=(
                    models.Q(phase=Phase.REINTEGRATION)
                    & models.Q(outcome__in=ReintegrationOutcome.values)
                )
                | (~models.Q(phase=Phase.REINTEGRATION) & models.Q(outcome="")),
                name="project_outcome_only_on_reintegration",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def edition(self):
        return self.application.call.edition

    @property
    def is_running(self):
        return self.phase in RUNNING_PHASES

    # The public phase, read from ``ProjectQuerySet.with_public_phase`` annotations.

    @property
    def public_phase_label(self):
        return Phase(self.public_phase).label if self.public_phase else ""

    @property
    def public_outcome_label(self):
        return ReintegrationOutcome(self.public_outcome).label if self.public_outcome else ""

    @property
    def public_phase_since(self):
        return timezone.localdate(self.public_phase_at) if self.public_phase_at else None

    @property
    def is_publicly_running(self):
        return self.public_phase in RUNNING_PHASES


# A period whose planned end is this close is flagged to staff and coaches.
ENDING_SOON = datetime.timedelta(days=30)


class PhasePeriodQuerySet(models.QuerySet):
    def open(self):
        return self.filter(actual_end__isnull=True)

    def ending_by(self, today):
        """Open periods that end within ``ENDING_SOON`` of ``today`` or are overdue."""
        return self.open().filter(planned_end__lte=today + ENDING_SOON)


class PhasePeriod(models.Model):
    """One period a project lives in a phase: pre-incubation, then experimentations.

    Each renewal of an experimentation is a period of its own; ``sequence`` numbers the
    periods of a project from 1. Periods are opened and closed by ``projects.services``.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.PROTECT, related_name="periods"
    )
    sequence = models.PositiveSmallIntegerField(_("numéro"), editable=False)
    phase = models.CharField(_("phase"), max_length=20, choices=PeriodPhase.choices, editable=False)
    planned_start = models.DateField(_("début prévu"))
    planned_end = models.DateField(_("fin prévue"))
    actual_start = models.DateField(_("début effectif"), null=True, blank=True)
    actual_end = models.DateField(_("fin effective"), null=True, blank=True, editable=False)
    days_per_week = models.DecimalField(
        _("temps consacré (jours par semaine)"),
        max_digits=2,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("5.0"))],
    )
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    objectives = models.TextField(_("objectifs"), blank=True)
    results_summary = models.TextField(_("bilan"), blank=True)
    results_published = models.BooleanField(
        _("bilan publié"),
        default=False,
        help_text=_("Affiche le bilan de cette période sur la page publique du projet."),
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coachs"),
        blank=True,
        related_name="coached_periods",
    )

    objects = PhasePeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("période de phase")
        verbose_name_plural = _("périodes de phase")
        ordering = ["project", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "sequence"], name="phase_period_unique_sequence"
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(actual_end__isnull=True),
                name="phase_period_one_open_per_project",
            ),
            valid_choice("phase", PeriodPhase, name="phase_period_phase_valid"),
            models.CheckConstraint(
                condition=models.Q(planned_end__gt=models.F("planned_start")),
                name="phase_period_planned_dates_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True)
                | models.Q(actual_start__isnull=False, actual_end__gte=models.F("actual_start")),
                name="phase_period_actual_dates_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(days_per_week__gt=0, days_per_week__lte=5),
                name="phase_period_days_per_week_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.project} — {self.get_phase_display()} ({self.sequence})"

    @property
    def is_open(self):
        return self.actual_end is None

    @property
    def starts_on(self):
        return self.actual_start or self.planned_start

    @property
    def ends_on(self):
        """The actual end once closed; until then, the planned one."""
        return self.actual_end or self.planned_end

    def days_left(self, today):
        """Days until the planned end of an open period (negative once overdue)."""
        return (self.planned_end - today).days if self.is_open else None

    def is_overdue(self, today):
        return self.is_open and self.planned_end < today

    def is_ending_soon(self, today):
        """Open, and its planned end falls within ``ENDING_SOON`` from ``today``."""
        return self.is_open and today <= self.planned_end <= today + ENDING_SOON
