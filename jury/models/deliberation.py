"""Criteria, scores, conflicts of interest and decisions: all hang on the agenda item,
so a project can be scored again at a later review.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jury.enums import (
    CriterionGrid,
    Outcome,
)
from jury.models.agenda import AgendaItem
from jury.models.sessions import JuryMember, Session
from programme.fields import done_by, part_of, valid_choice
from projects.enums import ReintegrationOutcome
from projects.history import transition_links

SCALE_LIMIT = 20


class Criterion(models.Model):
    """A criterion of a session's grid, with its weight and its scale (0 to ``scale_max``)."""

    session = part_of(Session, _("séance"), "criteria")
    grid = models.CharField(_("grille"), max_length=20, choices=CriterionGrid.choices)
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    name = models.CharField(_("critère"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("coefficient"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    scale_max = models.PositiveSmallIntegerField(
        _("note maximale"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(SCALE_LIMIT)],
    )

    class Meta:
        verbose_name = _("critère")
        verbose_name_plural = _("critères")
        ordering = ["session", "grid", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "grid", "name"],
                name="criterion_unique",
                violation_error_message=_("Cette grille a déjà un critère de ce nom."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="criterion_weight_positive",
                violation_error_message=_("Le coefficient d'un critère est positif."),
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gte=1, scale_max__lte=SCALE_LIMIT),
                name="criterion_scale_in_range",
                violation_error_message=_("La note maximale est comprise entre 1 et 20."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def plain_weight(self):
        """The weight without trailing zeros (2, 1.5), as a sheet prints it."""
        if self.weight == self.weight.to_integral_value():
            return self.weight.quantize(Decimal(1))
        return self.weight.normalize()


class ScoreQuerySet(models.QuerySet):
    def counted_in(self, session):
        """The marks that count in ``session``: on items still on its agenda, and never
        a member's mark on an item they withdrew from (even one given before)."""
        withdrawn = ConflictOfInterest.objects.filter(
            item=models.OuterRef("item"), member=models.OuterRef("member")
        )
        return self.filter(item__session=session, item__removed_at__isnull=True).exclude(
            models.Exists(withdrawn)
        )


class Score(models.Model):
    """One member's mark on one criterion for one agenda item."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("point"), on_delete=models.PROTECT, related_name="scores"
    )
    member = models.ForeignKey(
        JuryMember, verbose_name=_("membre"), on_delete=models.PROTECT, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("critère"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("note"))
    # A copy of the criterion's scale, so that the database itself can refuse a mark
    # outside it (a check constraint cannot read another table).
    scale_max = models.PositiveSmallIntegerField(_("note maximale"), editable=False)
    comment = models.TextField(_("commentaire"), blank=True)
    created_at = models.DateTimeField(_("notée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["item", "member", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member", "criterion"],
                name="score_one_per_member_criterion",
                violation_error_message=_("Ce membre a déjà noté ce critère sur ce point."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=models.F("scale_max")),
                name="score_within_scale",
                violation_error_message=_("La note sort de l'échelle du critère."),
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.criterion}: {self.value}/{self.scale_max}"


class ConflictOfInterest(models.Model):
    """A member who withdraws from one agenda item ("déport")."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("point"), on_delete=models.PROTECT, related_name="conflicts"
    )
    member = models.ForeignKey(
        JuryMember, verbose_name=_("membre"), on_delete=models.PROTECT, related_name="conflicts"
    )
    reason = models.TextField(_("motif"), blank=True)
    declared_by = done_by(_("déclaré par"))
    declared_at = models.DateTimeField(_("déclaré le"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflit d'intérêts")
        verbose_name_plural = _("conflits d'intérêts")
        ordering = ["item", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member"],
                name="conflict_unique",
                violation_error_message=_("Ce membre s'est déjà déporté sur ce point."),
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.item}"


class Decision(models.Model):
    """The recorded outcome of one agenda item, with its reasons and its vote.

    ``projects`` never imports ``jury``: the decision points to the history rows it
    caused when the session closed and applied it.
    """

    # What the chair enters: the outcome, its reasons and the vote.
    ENTERED_FIELDS = (
        "outcome",
        "reintegration_outcome",
        "public_reasons",
        "private_reasons",
        "votes_for",
        "votes_against",
        "votes_abstain",
        "casting_vote_used",
    )

    item = models.OneToOneField(
        AgendaItem, verbose_name=_("point"), on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("décision"), max_length=20, choices=Outcome.choices)
    reintegration_outcome = models.CharField(
        _("issue de la réintégration"),
        max_length=20,
        choices=ReintegrationOutcome.choices,
        blank=True,
    )
    public_reasons = models.TextField(
        _("motifs communiqués"), blank=True, help_text=_("Publiés avec la décision.")
    )
    private_reasons = models.TextField(
        _("motifs internes"), blank=True, help_text=_("Réservés au jury et à l'équipe innovation.")
    )
    votes_for = models.PositiveSmallIntegerField(_("voix pour"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("voix contre"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    casting_vote_used = models.BooleanField(_("voix prépondérante utilisée"), default=False)
    chaired_by = models.ForeignKey(
        JuryMember,
        verbose_name=_("présidence du point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("Qui présidait le point, et y tenait la voix prépondérante."),
    )
    recorded_by = done_by(_("enregistrée par"))
    recorded_at = models.DateTimeField(_("enregistrée le"))
    applied_at = models.DateTimeField(_("appliquée le"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, editable=False)
    application_transition, project_transition = transition_links("jury_decision")

    class Meta:
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")
        ordering = ["item__session", "item__position"]
        constraints = [
            valid_choice(
                "outcome",
                Outcome,
                name="decision_outcome_valid",
                message=_("Cette décision n'existe pas."),
            ),
            models.CheckConstraint(
                condition=Q(casting_vote_used=False) | Q(votes_for=models.F("votes_against")),
                name="decision_casting_vote_only_on_tie",
                violation_error_message=_(
                    "La voix prépondérante ne sert qu'en cas d'égalité des voix."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(outcome=Outcome.REINTEGRATE)
                    & Q(reintegration_outcome__in=ReintegrationOutcome.values)
                )
                | (~Q(outcome=Outcome.REINTEGRATE) & Q(reintegration_outcome="")),
                name="decision_reintegration_outcome",
                violation_error_message=_(
                    "Une réintégration précise son issue, et seule une réintégration en a une."
                ),
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(applied_at__isnull=False),
                name="decision_published_after_applied",
                violation_error_message=_("Une décision n'est publiée qu'une fois appliquée."),
            ),
        ]

    def __str__(self):
        return f"{self.item}: {self.get_outcome_display()}"
