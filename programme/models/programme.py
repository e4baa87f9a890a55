"""The programme this site runs, its branding and legal texts, objectives, organisations
and themes."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from programme.enums import AccessibilityStatus, OrganisationKind
from programme.fields import HttpsURLField, part_of, valid_choice

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
    minutes_place = models.CharField(
        _("lieu de signature des procès-verbaux"),
        max_length=100,
        default="Le Havre",
        help_text=_("La ville du siège de la collectivité : « Fait au Havre, le … »."),
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
            valid_choice(
                "accessibility_status",
                AccessibilityStatus,
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

    programme = part_of(Programme, _("programme"), "objectives")
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
            valid_choice("kind", OrganisationKind, name="organisation_kind_valid"),
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
