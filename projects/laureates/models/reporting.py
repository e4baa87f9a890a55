"""What a project proves: impact indicators, their dated measurements, phase reports.

A measurement is entered by the team or a coach and reaches the public only once staff
validated it (``projects.laureates.services.follow_up.review_measurement``) and published its
indicator. A phase report, once submitted, joins the project's review item at the next
jury session.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.fields import done_by, part_of, valid_choice
from projects.enums import MeasurementStatus, Recommendation, ReportStatus


class ImpactIndicatorQuerySet(models.QuerySet):
    def public(self):
        """Indicators staff published, of public projects."""
        return self.filter(is_published=True)


class ImpactIndicator(models.Model):
    """A figure a project measures to show its results: where it started and where it aims."""

    project = part_of("projects.Project", _("projet"), "indicators")
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    name = models.CharField(
        _("indicateur"), max_length=200, help_text=_("Par exemple : ménages accompagnés.")
    )
    unit = models.CharField(
        _("unité"), max_length=50, blank=True, help_text=_("Par exemple : ménages, %, tonnes.")
    )
    baseline = models.DecimalField(
        _("valeur de départ"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("cible"), max_digits=14, decimal_places=2, null=True, blank=True)
    method = models.TextField(
        _("méthode de mesure"), blank=True, help_text=_("Comment la valeur est mesurée.")
    )
    is_published = models.BooleanField(
        _("publié"),
        default=False,
        help_text=_("Ses mesures validées sont visibles sur la page publique du projet."),
    )
    created_by = done_by(_("créé par"), null=True, blank=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ImpactIndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicateur d'impact")
        verbose_name_plural = _("indicateurs d'impact")
        ordering = ["project", "position", "pk"]

    def __str__(self):
        return self.name


class MeasurementQuerySet(models.QuerySet):
    def validated(self):
        return self.filter(status=MeasurementStatus.VALIDATED)

    def to_review(self):
        return self.filter(status=MeasurementStatus.PROPOSED)

    def public(self):
        """Validated measurements of published indicators."""
        return self.validated().filter(indicator__is_published=True)


class Measurement(models.Model):
    """A dated value of an indicator, with its source, waiting for or past staff's check."""

    indicator = part_of(ImpactIndicator, _("indicateur"), "measurements")
    measured_on = models.DateField(_("mesuré le"))
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("D'où vient le chiffre : outil, enquête, registre…"),
    )
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=MeasurementStatus.choices,
        default=MeasurementStatus.PROPOSED,
        editable=False,
    )
    entered_by = done_by(_("saisie par"))
    entered_at = models.DateTimeField(_("saisie le"), auto_now_add=True)
    reviewed_by = done_by(_("vérifiée par"), later=True)
    reviewed_at = models.DateTimeField(_("vérifiée le"), null=True, blank=True, editable=False)
    review_note = models.TextField(_("commentaire de vérification"), blank=True, editable=False)

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")
        ordering = ["indicator", "measured_on", "pk"]
        constraints = [
            valid_choice("status", MeasurementStatus, name="measurement_status_valid"),
            models.CheckConstraint(
                condition=Q(status=MeasurementStatus.PROPOSED)
                | Q(reviewed_at__isnull=False, reviewed_by__isnull=False),
                name="measurement_review_has_author",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.measured_on:%d/%m/%Y}"

    @property
    def is_proposed(self):
        return self.status == MeasurementStatus.PROPOSED


class PhaseReport(models.Model):
    """The team's report at the end of a period: it joins the review item of the next
    jury session."""

    period = models.OneToOneField(
        "projects.PhasePeriod",
        verbose_name=_("période"),
        on_delete=models.CASCADE,
        related_name="report",
    )
    problem = models.TextField(_("le problème, tel que nous le comprenons maintenant"), blank=True)
    tested = models.TextField(_("ce que nous avons testé"), blank=True)
    results = models.TextField(_("les résultats"), blank=True)
    indicators_comment = models.TextField(_("ce que disent les indicateurs"), blank=True)
    recommendation = models.CharField(
        _("notre recommandation pour la suite"),
        max_length=20,
        choices=Recommendation.choices,
        blank=True,
    )
    recommendation_reasons = models.TextField(_("pourquoi"), blank=True)
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        editable=False,
    )
    submitted_at = models.DateTimeField(_("déposé le"), null=True, blank=True, editable=False)
    submitted_by = done_by(_("déposé par"), later=True)
    reopened_reason = models.TextField(_("motif de réouverture"), blank=True, editable=False)
    reopened_at = models.DateTimeField(
        _("rendu à l'équipe le"), null=True, blank=True, editable=False
    )
    reopened_by = done_by(_("rendu à l'équipe par"), later=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    # What the team writes, in the order it answers; some may wait for the submission.
    TEAM_FIELDS = (
        "problem",
        "tested",
        "results",
        "indicators_comment",
        "recommendation",
        "recommendation_reasons",
    )
    REQUIRED_FIELDS = ("problem", "tested", "results", "recommendation")

    class Meta:
        verbose_name = _("bilan de phase")
        verbose_name_plural = _("bilans de phase")
        ordering = ["period"]
        constraints = [
            valid_choice("status", ReportStatus, name="phase_report_status_valid"),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT)
                | Q(submitted_at__isnull=False, submitted_by__isnull=False),
                name="phase_report_submission_has_author",
            ),
            valid_choice(
                "recommendation",
                Recommendation,
                name="phase_report_recommendation_valid",
                blank=True,
            ),
        ]

    def __str__(self):
        return str(self.period)

    @property
    def is_submitted(self):
        return self.status == ReportStatus.SUBMITTED

    def completeness_refusals(self):
        """The fields a submission needs that are still empty, as one French sentence."""
        missing = [
            str(self._meta.get_field(name).verbose_name)
            for name in self.REQUIRED_FIELDS
            if not getattr(self, name).strip()
        ]
        if not missing:
            return []
        return [_("À compléter avant le dépôt : %(fields)s.") % {"fields": " ; ".join(missing)}]
