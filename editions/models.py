"""Editions of the programme and their calls for proposals."""

import calendar
import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editions.enums import CallState, PeriodPhase
from editions.phases import ENTRY_PHASE, PERIOD_PHASES, kind_of
from programme.dates import format_date
from programme.fields import part_of, valid_choice


def add_months(day, months):
    """The same day ``months`` later, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Edition(models.Model):
    """One yearly round ("saison") of the programme.

    Its projects' periods start from its phase settings (``EditionPhase``, one row per
    period phase): by default a 3-month pre-incubation at one day a week, then 6-month
    experimentations at two days a week.
    """

    programme = models.ForeignKey(
        "programme.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="editions",
    )
    number = models.PositiveSmallIntegerField(_("numéro"), validators=[MinValueValidator(1)])
    name = models.CharField(_("nom"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    slug = models.SlugField(_("identifiant d'URL"), unique=True)
    summary = models.TextField(_("présentation"), blank=True)
    is_published = models.BooleanField(
        _("publiée"), default=False, help_text=_("Visible sur le site public.")
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coachs de la saison"),
        blank=True,
        related_name="coached_editions",
        help_text=_("Accompagnent chaque projet lauréat dès sa pré-incubation."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="edition_unique_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="edition_number_gte_1"),
        ]

    def __str__(self):
        return self.name

    @property
    def phase_settings(self):
        """The settings of each period phase, in the order a project lives them.

        A phase the edition has no row for gets its kind's defaults (unsaved). Prefetch
        ``phases`` to read them without a query.
        """
        rows = {row.phase: row for row in self.phases.all()} if self.pk else {}
        return [rows.get(phase) or EditionPhase.default(self, phase) for phase in PERIOD_PHASES]

    def phase_setting(self, phase):
        """The settings a period of ``phase`` starts from in this edition."""
        if phase not in PERIOD_PHASES:
            raise ValueError(f"{phase!r} is not lived as a period")
        return next(setting for setting in self.phase_settings if setting.phase == phase)

    @property
    def entry_phase_setting(self):
        """The settings of the phase a laureate starts in (pre-incubation)."""
        return self.phase_setting(ENTRY_PHASE)

    def period_end(self, phase, start):
        """The planned end of a period of ``phase`` starting on ``start``."""
        return self.phase_setting(phase).period_end(start)


class EditionPhase(models.Model):
    """What the periods of one phase start from in an edition: length, time, place.

    One row per period phase (``editions.phases``); an edition created through the admin
    or ``add_default_phases`` gets one for each, with the kind's defaults.
    """

    edition = part_of(Edition, _("édition"), "phases")
    phase = models.CharField(_("phase"), max_length=20, choices=PeriodPhase.choices)
    months = models.PositiveSmallIntegerField(
        _("durée (mois)"), validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    days_per_week = models.DecimalField(
        _("temps consacré (jours par semaine)"),
        max_digits=2,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("5.0"))],
    )
    place = models.CharField(_("lieu"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phase de l'édition")
        verbose_name_plural = _("phases de l'édition")
        ordering = ["edition", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "phase"], name="edition_phase_unique"),
            valid_choice("phase", PeriodPhase, name="edition_phase_phase_valid"),
            models.CheckConstraint(
                condition=models.Q(months__gte=1), name="edition_phase_months_at_least_1"
            ),
            models.CheckConstraint(
                condition=models.Q(days_per_week__gt=0, days_per_week__lte=5),
                name="edition_phase_days_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.edition} — {self.get_phase_display()}"

    @classmethod
    def default(cls, edition, phase):
        """An unsaved row of ``edition`` for ``phase`` with the kind's defaults."""
        kind = kind_of(phase)
        return cls(
            edition=edition,
            phase=phase,
            months=kind.default_months,
            days_per_week=kind.default_days_per_week,
        )

    @property
    def kind(self):
        return kind_of(self.phase)

    def period_end(self, start):
        """The planned end of a period of this phase starting on ``start``."""
        return add_months(start, self.months)


class CallQuerySet(models.QuerySet):
    def open_at(self, moment):
        return self.filter(opens_at__lte=moment, closes_at__gte=moment)


class Call(models.Model):
    """The call for proposals of an edition: the window in which teams apply.

    Both ends are inclusive: a call that closes "on 31 January at 23:59" is stored as
    31 January 23:59:59 Paris time and accepts a submission at that very second.
    """

    edition = models.OneToOneField(
        Edition, verbose_name=_("édition"), on_delete=models.PROTECT, related_name="call"
    )
    title = models.CharField(_("intitulé"), max_length=250)
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    offer = models.TextField(
        _("ce que le programme offre"),
        blank=True,
        help_text=_("Accompagnement, temps dédié, phases, moyens."),
    )
    eligibility = models.TextField(_("qui peut candidater"), blank=True)
    rules = models.TextField(_("règlement"), blank=True)
    min_team_size = models.PositiveSmallIntegerField(
        _("taille minimale d'une équipe"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Porteur ou porteuse compris·e."),
    )
    max_team_size = models.PositiveSmallIntegerField(
        _("taille maximale d'une équipe"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    is_published = models.BooleanField(
        _("publié"), default=False, help_text=_("Visible sur le site public.")
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("appel à candidatures")
        verbose_name_plural = _("appels à candidatures")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(max_team_size__gte=1), name="call_max_team_size_gte_1"
            ),
            models.CheckConstraint(
                condition=models.Q(min_team_size__gte=1)
                & models.Q(min_team_size__lte=models.F("max_team_size")),
                name="call_team_size_range",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = gettext("La clôture doit venir après l'ouverture.")
        if self.min_team_size and self.max_team_size and self.min_team_size > self.max_team_size:
            errors["min_team_size"] = gettext(
                "La taille minimale d'une équipe ne peut pas dépasser sa taille maximale."
            )
        if errors:
            raise ValidationError(errors)

    def closing_change_warnings(self, closes_at, moment=None):
        """Why moving the closing to ``closes_at`` needs a confirmation: French sentences.

        Moving it into the past closes the call at once; moving it before a submission
        makes that submission late. Empty for a new call or an unchanged closing.
        """
        if self.pk is None or closes_at is None:
            return []
        stored = type(self).objects.filter(pk=self.pk).values_list("closes_at", flat=True).first()
        if stored is None or closes_at == stored:
            return []
        warnings = []
        moment = moment or timezone.now()
        if closes_at < moment:
            warnings.append(
                gettext("La nouvelle clôture est déjà passée : l'appel sera clos aussitôt.")
            )
        last = (
            self.applications.exclude(submitted_at=None)
            .order_by("-submitted_at")
            .values_list("submitted_at", flat=True)
            .first()
        )
        if last is not None and closes_at < last:
            warnings.append(
                gettext("La nouvelle clôture précède un dépôt déjà fait, le %(date)s.")
                % {"date": format_date(timezone.localtime(last), "DATETIME_FORMAT")}
            )
        return warnings

    def state_at(self, moment=None):
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return CallState.UPCOMING
        if moment <= self.closes_at:
            return CallState.OPEN
        return CallState.CLOSED

    def is_open(self, moment=None):
        return self.state_at(moment) == CallState.OPEN

    def is_closed(self, moment=None):
        return self.state_at(moment) == CallState.CLOSED

    def accepts_submissions(self, moment=None):
        """Teams may start, edit and submit drafts only while the call is open."""
        return self.is_open(moment)

    def submission_refusals(self, moment=None):
        """Why a team may not submit or edit a draft at ``moment``: French sentences."""
        state = self.state_at(moment)
        if state == CallState.UPCOMING:
            return [
                gettext("L'appel à candidatures ouvre le %(date)s.")
                % {"date": format_date(timezone.localtime(self.opens_at), "DATETIME_FORMAT")}
            ]
        if state == CallState.CLOSED:
            return [
                gettext("L'appel à candidatures est clos depuis le %(date)s.")
                % {"date": format_date(timezone.localtime(self.closes_at), "DATETIME_FORMAT")}
            ]
        return []


class RequiredDocument(models.Model):
    """A document a call asks applicants to attach (pitch deck, manager's agreement, ...)."""

    call = part_of(Call, _("appel"), "required_documents")
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_mandatory = models.BooleanField(_("obligatoire"), default=True)

    class Meta:
        verbose_name = _("pièce demandée")
        verbose_name_plural = _("pièces demandées")
        ordering = ["call", "position"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="required_document_unique_name")
        ]

    def __str__(self):
        return self.name
