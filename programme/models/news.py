"""News: dated public articles, drafted, published and archived by staff."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from programme.enums import NewsStatus
from programme.fields import valid_choice
from programme.models.people import User
from programme.models.programme import Programme


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
            valid_choice("status", NewsStatus, name="news_status_valid"),
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
