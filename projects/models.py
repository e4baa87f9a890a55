"""Applications, their teams and files; laureate projects, their phase periods; histories.

Status and phase fields are not editable (``editable=False``): they change only through
``projects.services``, which writes the history rows below in the same transaction.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.enums import (
    ApplicationStatus,
    DecisionSource,
    ManagerResponse,
    MemberKind,
    MemberRole,
    PeriodPhase,
    Phase,
    ReintegrationOutcome,
)


class ApplicationQuerySet(models.QuerySet):
    def for_edition(self, edition):
        return self.filter(call__edition=edition)

    def with_status(self, *statuses):
        return self.filter(status__in=statuses)

    def submitted(self):
        return self.exclude(status=ApplicationStatus.DRAFT)


class Application(models.Model):
    """What a team submits to a call."""

    call = models.ForeignKey(
        "editions.Call",
        verbose_name=_("appel"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    title = models.CharField(_("titre du projet"), max_length=200)
    theme = models.ForeignKey(
        "programme.Theme",
        verbose_name=_("thématique"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    problem = models.TextField(_("problème à résoudre"), blank=True)
    target_users = models.TextField(_("qui en souffre"), blank=True)
    proposed_solution = models.TextField(_("idée proposée"), blank=True)
    expected_impact = models.TextField(_("impact attendu"), blank=True)
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        on_delete=models.PROTECT,
        related_name="created_applications",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    submitted_at = models.DateTimeField(_("déposée le"), null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status=ApplicationStatus.DRAFT)
                | models.Q(submitted_at__isnull=False),
                name="application_submitted_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def edition(self):
        return self.call.edition

    @property
    def is_draft(self):
        return self.status == ApplicationStatus.DRAFT


class TeamMember(models.Model):
    """A person in an application's team. Not always a user: invited by e-mail first.

    Kind-specific details (an agent's department and line manager, a student's school,
    a local actor's organisation) may stay empty while the application is a draft; the
    submission guard requires them.
    """

    application = models.ForeignKey(
        Application,
        verbose_name=_("candidature"),
        on_delete=models.CASCADE,
        related_name="team_members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_memberships",
    )
    email = models.EmailField(_("adresse e-mail"))
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    role = models.CharField(
        _("rôle"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    kind = models.CharField(_("profil"), max_length=20, choices=MemberKind.choices)
    job_title = models.CharField(_("fonction ou formation"), max_length=200, blank=True)
    department = models.ForeignKey(
        "programme.Organisation",
        verbose_name=_("direction métier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    manager_name = models.CharField(_("nom du ou de la responsable"), max_length=200, blank=True)
    manager_email = models.EmailField(_("e-mail du ou de la responsable"), blank=True)
    manager_response = models.CharField(
        _("accord du ou de la responsable"),
        max_length=10,
        choices=ManagerResponse.choices,
        default=ManagerResponse.PENDING,
        editable=False,
    )
    manager_responded_at = models.DateTimeField(
        _("réponse du ou de la responsable le"), null=True, blank=True, editable=False
    )
    school = models.ForeignKey(
        "programme.Organisation",
        verbose_name=_("école"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "programme.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    public_name_consent = models.BooleanField(
        _("accepte d'être nommé·e publiquement"), default=False
    )
    public_name_consent_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invité·e le"), auto_now_add=True)

    class Meta:
        verbose_name = _("membre de l'équipe")
        verbose_name_plural = _("membres de l'équipe")
        ordering = ["application", "role", "last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "email"], name="team_member_unique_email"
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(role=MemberRole.LEAD),
                name="team_member_one_lead",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=MemberRole.values), name="team_member_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=MemberKind.values), name="team_member_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(public_name_consent=False)
                | models.Q(public_name_consent_at__isnull=False),
                name="team_member_consent_has_date",
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def missing_details(self):
        """The kind-specific fields still empty, as French labels."""
        required = {
            MemberKind.AGENT: ("department", "manager_email"),
            MemberKind.STUDENT: ("school",),
            MemberKind.LOCAL_ACTOR: ("organisation",),
        }.get(self.kind, ())
        return [
            self._meta.get_field(name).verbose_name
            for name in required
            if not getattr(self, name if name.endswith("email") else f"{name}_id")
        ]


def attachment_path(instance, filename):
    # Random names: the original name is kept in the row, never trusted on disk.
    return f"attachments/{instance.application_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file attached to an application. Stored privately, served by a checked view."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("candidature"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    required_document = models.ForeignKey(
        "editions.RequiredDocument",
        verbose_name=_("pièce demandée"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("fichier"), upload_to=attachment_path)
    original_name = models.CharField(_("nom d'origine"), max_length=255)
    content_type = models.CharField(_("type de contenu"), max_length=100)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["application", "uploaded_at"]

    def __str__(self):
        return self.original_name


class ProjectQuerySet(models.QuerySet):
    def for_edition(self, edition):
        return self.filter(application__call__edition=edition)

    def in_phase(self, *phases):
        return self.filter(phase__in=phases)

    def published(self):
        return self.filter(is_published=True)

    def with_related(self):
        return self.select_related("application__call__edition", "theme")


class Project(models.Model):
    """A laureate: created from a selected application by ``projects.services``."""

    application = models.OneToOneField(
        Application,
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
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projet lauréat")
        verbose_name_plural = _("projets lauréats")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(phase__in=Phase.values), name="project_phase_valid"
            ),
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
        return self.phase in (Phase.PRE_INCUBATION, Phase.EXPERIMENTATION)


class PhasePeriodQuerySet(models.QuerySet):
    def open(self):
        return self.filter(actual_end__isnull=True)


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
    resources_granted = models.TextField(_("moyens accordés"), blank=True)
    budget_granted = models.DecimalField(
        _("budget accordé (€)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    objectives = models.TextField(_("objectifs"), blank=True)
    results_summary = models.TextField(_("bilan"), blank=True)
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
            models.CheckConstraint(
                condition=models.Q(phase__in=PeriodPhase.values), name="phase_period_phase_valid"
            ),
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


class Transition(models.Model):
    """Fields common to both history tables: who moved what, when, and why."""

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

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class ApplicationTransition(Transition):
    """One move of an application's status. Written only by ``projects.services``."""

    application = models.ForeignKey(
        Application,
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
        return f"{self.application}: {self.from_status} → {self.to_status}"


class ProjectTransition(Transition):
    """One move of a project's phase, with the periods it closed and opened."""

    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.PROTECT, related_name="transitions"
    )
    from_phase = models.CharField(_("de"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("vers"), max_length=20, choices=Phase.choices)
    outcome = models.CharField(
        _("issue"), max_length=20, choices=ReintegrationOutcome.choices, blank=True
    )
    closed_period = models.OneToOneField(
        PhasePeriod,
        verbose_name=_("période close"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closing_transition",
    )
    opened_period = models.OneToOneField(
        PhasePeriod,
        verbose_name=_("période ouverte"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opening_transition",
    )

    class Meta(Transition.Meta):
        verbose_name = _("historique de projet")
        verbose_name_plural = _("historique des projets")

    def __str__(self):
        return f"{self.project}: {self.from_phase or '∅'} → {self.to_phase}"
