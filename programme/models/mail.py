"""Mail texts written by staff for an event of ``programme.mail_events``, used instead of
the shipped templates; ``programme.mail_templates`` is the only writer."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MailTemplate(models.Model):
    key = models.CharField(_("mail"), max_length=150, unique=True)
    subject = models.CharField(_("objet"), max_length=250)
    body = models.TextField(_("texte"))
    updated_at = models.DateTimeField(_("modifié le"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifié par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("modèle de mail")
        verbose_name_plural = _("modèles de mails")
        ordering = ["key"]

    def __str__(self):
        return self.key
