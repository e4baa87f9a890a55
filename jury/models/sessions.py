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
    Averaging,
    MemberRole,
    SessionStatus,
)
from programme.fields import done_by, part_of, valid_choice
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
            models.UniqueConstraint(
                fields=["programme", "user"],
                name="jury_member_unique_user",
                violation_error_message=_("Cette personne est déjà membre du jury."),
            ),
            valid_choice(
                "role",
                MemberRole,
                name="jury_member_role_valid",
                message=_("Ce rôle n'existe pas au jury."),
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
    substitute_chair = models.ForeignKey(
        JuryMember,
        verbose_name=_("présidence suppléante"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to=~Q(role__in=[MemberRole.PRESIDENT, MemberRole.SECRETARY]),
        help_text=_(
            "Le ou la vice-président·e qui préside les points dont la présidence s'est "
            "déportée, ou en son absence, et y tient la voix prépondérante."
        ),
    )
    averaging = models.CharField(
        _("calcul des moyennes"),
        max_length=20,
        choices=Averaging.choices,
        default=Averaging.RAW,
        editable=False,
        help_text=_(
            "Choisi avant l'ouverture de la notation. La moyenne normalisée par juré "
            "corrige les jurés sévères ou indulgents ; elle s'affiche à côté de la "
            "moyenne brute et ordonne le classement."
        ),
    )
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True, editable=False)
    closed_by = done_by(_("close par"), later=True)
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
            valid_choice(
                "status",
                SessionStatus,
                name="session_status_valid",
                message=_("Ce statut de séance n'existe pas."),
            ),
            valid_choice(
                "averaging",
                Averaging,
                name="session_averaging_valid",
                message=_("Ce calcul des moyennes n'existe pas."),
            ),
            models.CheckConstraint(
                condition=~Q(status=SessionStatus.CLOSED)
                | Q(closed_at__isnull=False, minutes__isnull=False),
                name="session_closed_has_minutes",
                violation_error_message=_("Une séance close a son procès-verbal figé."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_closed(self):
        return self.status == SessionStatus.CLOSED

    @property
    def is_normalised(self):
        return self.averaging == Averaging.NORMALISED

    @property
    def marks_are_open(self):
        """Whether marks may be read beyond their scorer: from the deliberation on."""
        return self.status in (SessionStatus.DELIBERATION, SessionStatus.CLOSED)

    def voting_members_present(self, item=None, convocations=None):
        """The voting members marked present, less those who withdrew from ``item`` or
        arrived after it. ``convocations``: the session's, already fetched with their
        members (a page that shows them too reads them once)."""
        if convocations is None:
            convocations = self.convocations.filter(attendance=Attendance.PRESENT).select_related(
                "member"
            )
        present = [c for c in convocations if c.attendance == Attendance.PRESENT]
        withdrawn = set(item.conflicts.values_list("member_id", flat=True)) if item else set()
        return _voting(present, item, withdrawn)

    def quorum_refusals(self, item=None, convocations=None):
        """The quorum's refusal, as a French sentence, when too few voting members sit
        (on ``item``: present by then, and not withdrawn from it). ``convocations`` as in
        ``voting_members_present``."""
        present = len(self.voting_members_present(item, convocations))
        return self._quorum_refusal(present, item.position if item else None)

    def item_quorum_refusals(self, convocations=None, withdrawn=None):
        """The quorum's refusal of each item on the agenda, read in two queries (one when
        ``convocations``, the session's with their members, are given; none with
        ``withdrawn`` too, ``{position: ids of the members withdrawn}`` of every item on
        the agenda, in running order). The items come as (position, withdrawn member)
        rows, not objects: the close's guard asks on every load of the deliberation page,
        a hundred items and more."""
        if convocations is None:
            convocations = self.convocations.filter(attendance=Attendance.PRESENT)
            convocations = list(convocations.select_related("member"))
        voters = [
            (c.member_id, c.arrived_after)
            for c in convocations
            if c.attendance == Attendance.PRESENT and c.member.can_vote
        ]
        if withdrawn is None:
            withdrawn = {}
            agenda = self.items.on_agenda().order_by("position")
            for position, member_id in agenda.values_list("position", "conflicts__member_id"):
                withdrawn.setdefault(position, set()).add(member_id)
        refusals = []
        for position, gone in withdrawn.items():
            present = sum(
                1
                for member_id, arrived_after in voters
                if member_id not in gone and (arrived_after is None or arrived_after < position)
            )
            refusals += self._quorum_refusal(present, position)
        return refusals

    def voting_on(self, item, convocations):
        """The voting members who count for ``item``'s quorum: present, in the room by
        then, and not withdrawn from it. ``convocations``: the session's, fetched with
        their members; ``item``'s conflicts prefetched (no query)."""
        withdrawn = {conflict.member_id for conflict in item.conflicts.all()}
        present = [c for c in convocations if c.attendance == Attendance.PRESENT]
        return _voting(present, item, withdrawn)

    def _quorum_refusal(self, present, position):
        """The refusal when ``present`` is short of the quorum, on the item at ``position``
        (``None``: on the session)."""
        if present >= self.quorum:
            return []
        if position is not None:
            return [
                _(
                    "Quorum non atteint sur le point %(position)d : %(present)d membre(s) "
                    "votant(s) présent(s) sans déport, %(quorum)d requis."
                )
                % {"position": position, "present": present, "quorum": self.quorum}
            ]
        return [
            _("Quorum non atteint : %(present)d membre(s) votant(s) présent(s), %(quorum)d requis.")
            % {"present": present, "quorum": self.quorum}
        ]

    def chair_of(self, item, convocations=None):
        """Who chairs ``item``: the president, unless they withdrew from it or do not sit
        on it; then the substitute chair if they sit on it and did not withdraw; else
        nobody (``None``). ``convocations``: the session's, already fetched with their
        members, to read many items in no further query (their conflicts prefetched)."""
        if convocations is None:
            convocations = self.convocations.select_related("member__user")
        withdrawn = {conflict.member_id for conflict in item.conflicts.all()}
        sitting = {
            c.member_id: c.member
            for c in convocations
            if c.attendance == Attendance.PRESENT and c.sits_on(item)
        }
        president = next((m for m in sitting.values() if m.role == MemberRole.PRESIDENT), None)
        for candidate in (president, sitting.get(self.substitute_chair_id)):
            if candidate is not None and candidate.pk not in withdrawn:
                return candidate
        return None


def _voting(convocations, item, withdrawn):
    """The voting members of ``convocations`` (those present) who sit on ``item``."""
    return [
        c.member
        for c in convocations
        if c.member.can_vote and c.member_id not in withdrawn and (item is None or c.sits_on(item))
    ]


class Convocation(models.Model):
    """A member convened to a session, and whether they sat."""

    session = part_of(Session, _("séance"), "convocations")
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
    arrived_after = models.PositiveSmallIntegerField(
        _("arrivée après le point n°"),
        null=True,
        blank=True,
        help_text=_("Présent·e à partir du point suivant seulement."),
    )

    class Meta:
        verbose_name = _("convocation")
        verbose_name_plural = _("convocations")
        ordering = ["session", "member__role"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"],
                name="convocation_unique",
                violation_error_message=_("Ce membre est déjà convoqué à cette séance."),
            ),
            valid_choice(
                "attendance",
                Attendance,
                name="convocation_attendance_valid",
                message=_("Présence inconnue."),
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.session}"

    def sits_on(self, item):
        """Whether the member is in the room for ``item`` (arrived before it)."""
        return self.arrived_after is None or self.arrived_after < item.position
