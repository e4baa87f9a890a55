"""Applications, their teams and their files, and the history of their statuses."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programme.enums import DecisionSource
from programme.fields import done_by, part_of, valid_choice
from programme.roles import is_innovation_staff
from programme.subqueries import count
from projects.applications.transitions import CORRECTION_MOVES, SCREENING_MOVES
from projects.enums import ApplicationStatus, ManagerResponse, MemberKind, MemberRole
from projects.history import Transition


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every application; a person, those whose team they are in."""
        if not user.is_authenticated:
            return self.none()
        if is_innovation_staff(user):
            return self
        return self.filter(team_members__user=user).distinct()

    def for_edition(self, edition):
        return self.filter(call__edition=edition)

    def with_status(self, *statuses):
        return self.filter(status__in=statuses)

    def submitted(self):
        return self.exclude(status=ApplicationStatus.DRAFT)

    def with_untold_screening(self):
        """Annotate ``untold_screening``: the last move is a staff screening decision (or
        its correction) the team has not been told of yet."""
        rows = ApplicationTransition.objects
        last = rows.filter(application=models.OuterRef(models.OuterRef("pk"))).order_by(
            "-at", "-pk"
        )
        untold = rows.filter(pk=models.Subquery(last.values("pk")[:1]), published_at=None)
        return self.annotate(
            untold_screening=models.Exists(
                untold.filter(decided_by=DecisionSource.STAFF, move__in=SCREENING_MOVES)
            )
        )

    def untold_screening(self):
        """Applications whose staff screening decision waits for publication."""
        return self.with_untold_screening().filter(untold_screening=True)

    def with_team_counts(self):
        """Annotate ``member_count``, ``pending_agreements`` (the agents whose manager has
        not answered) and ``attachment_count``, each a subquery: no join nor GROUP BY, so
        that counting these rows stays a plain count."""
        members = TeamMember.objects.filter(application=models.OuterRef("pk"))
        return self.annotate(
            member_count=count(members),
            pending_agreements=count(
                members.filter(kind=MemberKind.AGENT, manager_response=ManagerResponse.PENDING)
            ),
            attachment_count=count(Attachment.objects.filter(application=models.OuterRef("pk"))),
        )


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
    # Set by the retention schedule or an erasure (``projects.retention``): the texts,
    # files and team's names are gone; the application, its status and history stay.
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-created_at"]
        constraints = [
            valid_choice("status", ApplicationStatus, name="application_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status=ApplicationStatus.DRAFT)
                | models.Q(submitted_at__isnull=False),
                name="application_submitted_has_date",
            ),
        ]

    def __str__(self):
        return self.title or _("Candidature n° %(number)s") % {"number": self.pk}

    @property
    def edition(self):
        return self.call.edition

    @property
    def is_draft(self):
        return self.status == ApplicationStatus.DRAFT

    def members_waiting_for_manager(self):
        return [member for member in self.team_members.all() if member.is_waiting_for_manager]

    # The texts a submission needs (the title is required from the start).
    REQUIRED_TEXTS = ("problem", "target_users", "proposed_solution", "expected_impact")

    def team_refusals(self):
        """Why the team cannot submit yet, as French sentences (empty when it can)."""
        members = list(self.team_members.all())
        refusals = []
        if not any(member.role == MemberRole.LEAD for member in members):
            refusals.append(_("L'équipe n'a pas de porteur ou porteuse de projet."))
        count, call = len(members), self.call
        if count < call.min_team_size:
            refusals.append(
                ngettext(
                    "L'équipe compte %(count)d membre, l'appel en demande au moins %(min)d.",
                    "L'équipe compte %(count)d membres, l'appel en demande au moins %(min)d.",
                    count,
                )
                % {"count": count, "min": call.min_team_size}
            )
        if count > call.max_team_size:
            refusals.append(
                _("L'équipe compte %(count)d membres, l'appel en autorise %(max)d au plus.")
                % {"count": count, "max": call.max_team_size}
            )
        for member in members:
            if member.manager_response == ManagerResponse.DECLINED:
                refusals.append(
                    _("%(name)s : son ou sa responsable a refusé de donner son accord.")
                    % {"name": member.display_name}
                )
            missing = member.missing_details()
            if missing:
                refusals.append(
                    _("%(name)s : renseignez %(fields)s.")
                    % {"name": member.display_name, "fields": ", ".join(str(f) for f in missing)}
                )
        return refusals

    def content_refusals(self):
        """The texts and the mandatory documents still missing, by name (French)."""
        refusals = [
            _("Le champ « %(field)s » est à remplir.")
            % {"field": self._meta.get_field(name).verbose_name}
            for name in ("title", *self.REQUIRED_TEXTS)
            if not getattr(self, name).strip()
        ]
        attached = {attachment.required_document_id for attachment in self.attachments.all()}
        refusals += [
            _("Pièce obligatoire manquante : « %(document)s ».") % {"document": document.name}
            for document in self.call.required_documents.all()
            if document.is_mandatory and document.pk not in attached
        ]
        return refusals

    def last_transition(self):
        """The last move of the application (``None`` for a draft never moved)."""
        return [None, *self.transitions.all()][-1]

    def team_status(self):
        """The status as the team knows it: the last decision told to them (a jury's or
        a staff screening decision waits for staff to publish it)."""
        told = [row for row in self.transitions.all() if row.published_at is not None]
        return ApplicationStatus(told[-1].to_status) if told else ApplicationStatus.DRAFT


class TeamMember(models.Model):
    """A person in an application's team. Not always a user: invited by e-mail first.

    Kind-specific details (an agent's department and line manager, a student's school,
    a local actor's organisation) may stay empty while the application is a draft; the
    submission guard requires them.
    """

    application = part_of(Application, _("candidature"), "team_members")
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
    kind = models.CharField(_("profil"), max_length=20, choices=MemberKind.choices, blank=True)
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
    anonymised_at = models.DateTimeField(_("anonymisé·e le"), null=True, blank=True, editable=False)

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
            valid_choice("role", MemberRole, name="team_member_role_valid"),
            valid_choice("kind", MemberKind, name="team_member_kind_valid", blank=True),
            models.CheckConstraint(
                condition=models.Q(public_name_consent=False)
                | models.Q(public_name_consent_at__isnull=False),
                name="team_member_consent_has_date",
            ),
        ]

    def __str__(self):
        return self.full_name or _("Membre n° %(number)s") % {"number": self.pk}

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def display_name(self):
        """The name, or the address while the name is not given yet."""
        return self.full_name or self.email

    @property
    def is_waiting_for_manager(self):
        return self.kind == MemberKind.AGENT and self.manager_response == ManagerResponse.PENDING

    def missing_details(self):
        """The fields still empty that a submission needs, as French labels."""
        missing = [
            self._meta.get_field(name).verbose_name
            for name in ("first_name", "last_name", "kind")
            if not getattr(self, name)
        ]
        if not self.kind:
            return missing
        required = {
            MemberKind.AGENT: ("department", "manager_email"),
            MemberKind.STUDENT: ("school",),
            MemberKind.LOCAL_ACTOR: ("organisation",),
        }.get(self.kind, ())
        return missing + [
            self._meta.get_field(name).verbose_name
            for name in required
            if not getattr(self, name if name.endswith("email") else f"{name}_id")
        ]


def attachment_path(instance, _filename):
    # Random names: the original name is kept in the row, never trusted on disk.
    return f"attachments/{instance.application_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file attached to an application. Stored privately, served by a checked view."""

    application = part_of(Application, _("candidature"), "attachments")
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
    uploaded_by = done_by(_("déposé par"))
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["application", "uploaded_at"]

    def __str__(self):
        return self.original_name or _("Pièce jointe n° %(number)s") % {"number": self.pk}


class ApplicationTransition(Transition):
    """One move of an application's status. Written only by
    ``projects.applications.services.lifecycle``."""

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

    @property
    def is_correction(self):
        """A staff screening decision corrected before the team was told."""
        return self.move in CORRECTION_MOVES
