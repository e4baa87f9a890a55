"""The agenda of a session: its items, in running order, each an application to decide
on or a project to review. The agenda freezes when scoring opens: an item then keeps its
subject and its kind, and leaves the agenda only by being withdrawn with a reason."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from editions.enums import RUNNING_PHASES
from jury.enums import CriterionGrid, ItemKind, SessionStatus
from jury.models.sessions import Session
from programme.fields import done_by, part_of
from programme.roles import is_innovation_staff
from projects.enums import ApplicationStatus

# The state a subject must be in to be put on the agenda, by kind of item.
DECIDABLE_APPLICATIONS = {
    ItemKind.SHORTLIST: ApplicationStatus.SUBMITTED,
    ItemKind.SELECTION: ApplicationStatus.SHORTLISTED,
}
FROZEN_FIELDS = ("kind", "application_id", "project_id")


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What a person may see of a session's agenda: staff everything; a member, the
        items they did not withdraw from."""
        if not user.is_authenticated:
            return self.none()
        if is_innovation_staff(user):
            return self
        return self.filter(session__convocations__member__user=user).exclude(
            conflicts__member__user=user
        )

    def on_agenda(self):
        """The items not withdrawn from the agenda: those the close decides."""
        return self.filter(removed_at__isnull=True)


class AgendaItem(models.Model):
    """One point of a session's agenda: an application to decide on, or a project to review."""

    session = part_of(Session, _("séance"), "items")
    position = models.PositiveSmallIntegerField(_("ordre de passage"))
    kind = models.CharField(_("objet"), max_length=20, choices=ItemKind.choices)
    application = models.ForeignKey(
        "projects.Application",
        verbose_name=_("candidature"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("projet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    scheduled_time = models.TimeField(_("heure prévue"), null=True, blank=True)
    removed_at = models.DateTimeField(
        _("retiré de l'ordre du jour le"), null=True, blank=True, editable=False
    )
    removal_reason = models.TextField(_("motif du retrait"), blank=True, editable=False)
    removed_by = done_by(_("retiré par"), later=True)
    scoring_reopened_at = models.DateTimeField(
        _("notation rouverte le"), null=True, blank=True, editable=False
    )
    scoring_reopen_reason = models.TextField(
        _("motif de la réouverture de la notation"), blank=True, editable=False
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("ordre du jour")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"],
                name="agenda_item_position",
                violation_error_message=_("Deux points ont le même ordre de passage."),
            ),
            models.UniqueConstraint(
                fields=["session", "application"],
                condition=Q(application__isnull=False),
                name="agenda_item_application_once",
                violation_error_message=_("Cette candidature est déjà à l'ordre du jour."),
            ),
            models.UniqueConstraint(
                fields=["session", "project"],
                condition=Q(project__isnull=False),
                name="agenda_item_project_once",
                violation_error_message=_("Ce projet est déjà à l'ordre du jour."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=[ItemKind.SHORTLIST, ItemKind.SELECTION])
                    & Q(application__isnull=False, project__isnull=True)
                )
                | (Q(kind=ItemKind.REVIEW) & Q(application__isnull=True, project__isnull=False)),
                name="agenda_item_exactly_one_subject",
                violation_error_message=_(
                    "Un point porte sur une candidature (présélection, sélection) ou sur un "
                    "projet (revue de phase), jamais les deux."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.subject}"

    def clean(self):
        """Refuse a change of the frozen agenda, and a subject that cannot be decided."""
        super().clean()
        before = AgendaItem.objects.filter(pk=self.pk).values(*FROZEN_FIELDS).first()
        changed = before is None or any(before[name] != getattr(self, name) for name in before)
        if not changed:
            return
        if self.session_id is not None and self.session.status != SessionStatus.PLANNED:
            raise ValidationError(
                _(
                    "L'ordre du jour est figé depuis l'ouverture de la notation : un point ne "
                    "change plus d'objet ni de sujet, et aucun point ne s'ajoute. Retirez-le "
                    "de l'ordre du jour avec un motif."
                )
            )
        refusal = self.subject_refusal()
        if refusal:
            raise ValidationError(refusal)

    def subject_refusal(self):
        """Why the item's subject cannot be decided by its kind of item, or ``None``."""
        if self.kind == ItemKind.REVIEW:
            if self.project_id and self.project.phase not in RUNNING_PHASES:
                return _("Ce projet n'est plus en phase accompagnée : il n'a pas de revue.")
            return None
        expected = DECIDABLE_APPLICATIONS.get(self.kind)
        if self.application_id and expected and self.application.status != expected:
            return _(
                "Pour ce point, la candidature doit être « %(expected)s » ; "
                "elle est « %(status)s »."
            ) % {
                "expected": ApplicationStatus(expected).label,
                "status": self.application.get_status_display(),
            }
        return None

    @property
    def subject(self):
        return self.project if self.kind == ItemKind.REVIEW else self.application

    @property
    def grid(self):
        return CriterionGrid.REVIEW if self.kind == ItemKind.REVIEW else CriterionGrid.SELECTION

    @property
    def is_removed(self):
        return self.removed_at is not None

    @property
    def scoring_is_open(self):
        """Marks may change: during scoring, or when the chair reopened this item."""
        status = self.session.status
        return status == SessionStatus.SCORING or (
            status == SessionStatus.DELIBERATION and self.scoring_reopened_at is not None
        )
