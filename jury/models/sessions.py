"""Jury members, dated sessions, who is convened, and the agenda.

A session belongs to the programme, not to an edition: its agenda can hold the pitches
of one edition and the phase reviews of another (15 March in the seed story).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jury.enums import (
    Attendance,
    CriterionGrid,
    ItemKind,
    MemberRole,
    SessionStatus,
)
from programme.roles import is_innovation_staff


class JuryMember(models.Model):
    """A person sitting on the programme's jury, with the public role they hold there."""

    programme = models.ForeignKey(
        "programme.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="jury_members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.PROTECT,
        related_name="jury_memberships",
    )
    role = models.CharField(_("rôle"), max_length=20, choices=MemberRole.choices)
    public_title = models.CharField(
        _("qualité"),
        max_length=250,
        blank=True,
        help_text=_("Par exemple : 1er Vice-Président de la Communauté urbaine."),
    )
    is_active = models.BooleanField(_("en fonction"), default=True)

    class Meta:
        verbose_name = _("membre du jury")
        verbose_name_plural = _("membres du jury")
        ordering = ["programme", "role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="jury_member_unique_user"),
            models.CheckConstraint(
                condition=Q(role__in=MemberRole.values), name="jury_member_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def can_vote(self):
        return self.role != MemberRole.SECRETARY


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every session; a jury member, those they are convened to."""
        if not user.is_authenticated:
            return self.none()
        if is_innovation_staff(user):
            return self
        return self.filter(convocations__member__user=user).distinct()


class Session(models.Model):
    """A dated meeting of the jury ("séance"). Its status moves through ``jury.services``."""

    programme = models.ForeignKey(
        "programme.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="jury_sessions",
    )
    title = models.CharField(_("intitulé"), max_length=250)
    starts_at = models.DateTimeField(_("date et heure"))
    place = models.CharField(_("lieu"), max_length=250, blank=True)
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=SessionStatus.choices,
        default=SessionStatus.PLANNED,
        editable=False,
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum (membres votants présents)"), default=3, validators=[MinValueValidator(1)]
    )
    casting_vote_enabled = models.BooleanField(
        _("voix prépondérante de la présidence en cas d'égalité"), default=True
    )
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("close par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    minutes = models.JSONField(_("procès-verbal figé"), null=True, blank=True, editable=False)
    members = models.ManyToManyField(
        JuryMember, verbose_name=_("membres convoqués"), through="Convocation", blank=True
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("séance du jury")
        verbose_name_plural = _("séances du jury")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SessionStatus.values), name="session_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=SessionStatus.CLOSED)
                | Q(closed_at__isnull=False, minutes__isnull=False),
                name="session_closed_has_minutes",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_closed(self):
        return self.status == SessionStatus.CLOSED

    def voting_members_present(self, item=None):
        """The voting members marked present, less those who withdrew from ``item``."""
        convocations = self.convocations.filter(attendance=Attendance.PRESENT).select_related(
            "member"
        )
        withdrawn = set(item.conflicts.values_list("member_id", flat=True)) if item else set()
        return [
            c.member for c in convocations if c.member.can_vote and c.member_id not in withdrawn
        ]

    def quorum_refusals(self):
        """The quorum's refusal, as a French sentence, when too few voting members sit."""
        present = len(self.voting_members_present())
        if present >= self.quorum:
            return []
        return [
            _("Quorum non atteint : %(present)d membre(s) votant(s) présent(s), %(quorum)d requis.")
            % {"present": present, "quorum": self.quorum}
        ]


class Convocation(models.Model):
    """A member convened to a session, and whether they sat."""

    session = models.ForeignKey(
        Session, verbose_name=_("séance"), on_delete=models.CASCADE, related_name="convocations"
    )
    member = models.ForeignKey(
        JuryMember,
        verbose_name=_("membre"),
        on_delete=models.PROTECT,
        related_name="convocations",
    )
    attendance = models.CharField(
        _("présence"), max_length=10, choices=Attendance.choices, default=Attendance.CONVENED
    )
    invited_at = models.DateTimeField(
        _("invitation envoyée le"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("convocation")
        verbose_name_plural = _("convocations")
        ordering = ["session", "member__role"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="convocation_unique"),
            models.CheckConstraint(
                condition=Q(attendance__in=Attendance.values), name="convocation_attendance_valid"
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.session}"


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


class AgendaItem(models.Model):
    """One point of a session's agenda: an application to decide on, or a project to review."""

    session = models.ForeignKey(
        Session, verbose_name=_("séance"), on_delete=models.CASCADE, related_name="items"
    )
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

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("ordre du jour")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="agenda_item_position"),
            models.UniqueConstraint(
                fields=["session", "application"],
                condition=Q(application__isnull=False),
                name="agenda_item_application_once",
            ),
            models.UniqueConstraint(
                fields=["session", "project"],
                condition=Q(project__isnull=False),
                name="agenda_item_project_once",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=[ItemKind.SHORTLIST, ItemKind.SELECTION])
                    & Q(application__isnull=False, project__isnull=True)
                )
                | (Q(kind=ItemKind.REVIEW) & Q(application__isnull=True, project__isnull=False)),
                name="agenda_item_exactly_one_subject",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.subject}"

    @property
    def subject(self):
        return self.project if self.kind == ItemKind.REVIEW else self.application

    @property
    def grid(self):
        return CriterionGrid.REVIEW if self.kind == ItemKind.REVIEW else CriterionGrid.SELECTION
