"""Programme-wide models: people, the programme and its branding, organisations, themes, news."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.enums import AccessibilityStatus, NewsStatus, OrganisationKind
from programme.fields import HttpsURLField

hex_colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Saisissez une couleur au format #RRGGBB, par exemple #005A9C.")
)


def contrast_ratio(foreground, background):
    """WCAG 2.1 contrast ratio between two #RRGGBB colours."""

    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. The e-mail address is the login.

    Roles are not booleans here: innovation staff belong to the staff group
    (``programme.roles``), jury members have a ``jury.JuryMember`` row, coaches are
    assigned to phase periods, applicants are team members of an application.
    """

    email = models.EmailField(_("adresse e-mail"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "programme.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    job_title = models.CharField(_("fonction"), max_length=200, blank=True)
    is_staff = models.BooleanField(
        _("accès à l'administration"),
        default=False,
        help_text=_("Peut se connecter à l'interface d'administration."),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_case_insensitive_unique")
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email


class ProgrammeQuerySet(models.QuerySet):
    def current(self):
        """The programme this site runs: the first one created."""
        return self.order_by("pk").first()


class Programme(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), unique=True)
    authority_name = models.CharField(_("collectivité"), max_length=200)
    tagline = models.CharField(_("accroche"), max_length=300, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    started_on = models.DateField(_("lancé le"), null=True, blank=True)
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    website_url = HttpsURLField(_("site de la collectivité"), blank=True)
    primary_colour = models.CharField(
        _("couleur principale"),
        max_length=7,
        default="#005A9C",
        validators=[hex_colour_validator],
        help_text=_("Boutons et liens, sur fond blanc : contraste d'au moins 4,5:1."),
    )
    secondary_colour = models.CharField(
        _("couleur secondaire"),
        max_length=7,
        default="#1B1B3A",
        validators=[hex_colour_validator],
        help_text=_("En-tête et pied de page, texte blanc : contraste d'au moins 4,5:1."),
    )
    logo = models.ImageField(_("logo"), upload_to="branding/", blank=True)
    logo_alt = models.CharField(_("texte alternatif du logo"), max_length=200, blank=True)
    # What the legal pages every public site owes (legal notice, personal data,
    # accessibility statement) say of the authority that publishes the site.
    postal_address = models.TextField(_("adresse postale"), blank=True)
    publication_director = models.CharField(
        _("directeur ou directrice de la publication"),
        max_length=200,
        blank=True,
        help_text=_("Par défaut : le représentant légal de la collectivité."),
    )
    hosting_provider = models.TextField(
        _("hébergeur"), blank=True, help_text=_("Nom, adresse et téléphone de l'hébergeur.")
    )
    dpo_email = models.EmailField(
        _("e-mail du délégué à la protection des données"),
        blank=True,
        help_text=_("Par défaut, l'e-mail de contact du programme."),
    )
    accessibility_status = models.CharField(
        _("conformité au RGAA"),
        max_length=20,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.NOT_COMPLIANT,
        help_text=_("Sans audit, le site doit être déclaré non conforme."),
    )
    accessibility_audit = models.TextField(
        _("résultats de l'audit d'accessibilité"),
        blank=True,
        help_text=_("Date, auditeur, taux de conformité et contenus non accessibles."),
    )
    accessibility_statement_on = models.DateField(
        _("déclaration d'accessibilité établie le"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accessibility_status__in=AccessibilityStatus.values),
                name="programme_accessibility_status_valid",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        for field in ("primary_colour", "secondary_colour"):
            colour = getattr(self, field)
            well_formed = hex_colour_validator.regex.match(colour or "")
            if well_formed and contrast_ratio(colour, "#FFFFFF") < 4.5:
                errors[field] = _(
                    "Cette couleur n'offre pas un contraste suffisant avec le blanc "
                    "(4,5:1 minimum, RGAA)."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def privacy_contact(self):
        """Where people write about their personal data: the DPO, else the programme."""
        return self.dpo_email or self.contact_email


class Objective(models.Model):
    """One of the programme's stated objectives, in the order the programme states them."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="objectives"
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    title = models.CharField(_("intitulé"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "position"], name="objective_unique_position"
            )
        ]

    def __str__(self):
        return self.title


class Organisation(models.Model):
    """A department of the authority, a partner incubator, a school or a local actor."""

    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(_("sigle"), max_length=50, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    website_url = HttpsURLField(_("site web"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organisation_unique_name"),
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
            ),
        ]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A public-service theme a project addresses (energy poverty, biodiversity, ...)."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsItemQuerySet(models.QuerySet):
    def public(self):
        """News citizens may read: published or archived, never drafts."""
        return self.exclude(status=NewsStatus.DRAFT).filter(published_at__isnull=False)


class NewsItem(models.Model):
    """A dated public article. Its status moves only through ``programme.services``."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="news"
    )
    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(_("identifiant d'URL"), max_length=250, unique=True)
    category = models.CharField(_("rubrique"), max_length=100, blank=True)
    summary = models.TextField(_("chapô"), blank=True)
    body = models.TextField(_("texte"))
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=NewsStatus.choices,
        default=NewsStatus.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        User,
        verbose_name=_("statut changé par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=NewsStatus.values), name="news_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=NewsStatus.DRAFT) | models.Q(published_at__isnull=False),
                name="news_published_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=NewsStatus.ARCHIVED)
                | models.Q(archived_at__isnull=False),
                name="news_archived_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_archived(self):
        return self.status == NewsStatus.ARCHIVED
