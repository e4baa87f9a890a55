"""A mailing and its deliveries (one mail to one team member), written by
``projects.mailings.services`` only; their delivery state is the task's, in the outbox."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.fields import part_of


class Mailing(models.Model):
    edition = models.ForeignKey(
        "editions.Edition", verbose_name=_("édition"), on_delete=models.PROTECT, related_name="+"
    )
    audience = models.CharField(_("destinataires"), max_length=40)
    subject = models.CharField(_("objet"), max_length=250)
    body = models.TextField(_("texte"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recipient_count = models.PositiveIntegerField(_("nombre de destinataires"), default=0)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("envoi groupé")
        verbose_name_plural = _("envois groupés")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return _("Envoi groupé n° %(number)s : %(subject)s") % {
            "number": self.pk,
            "subject": self.subject,
        }


class MailingDelivery(models.Model):
    """The mail of one member of one team; ``subject`` as rendered when it was queued,
    ``task_id`` its row in the outbox (``DBTaskResult``)."""

    mailing = part_of(Mailing, _("envoi groupé"), "deliveries")
    application = part_of("projects.Application", _("candidature"), "+")
    member = models.ForeignKey(
        "projects.TeamMember",
        verbose_name=_("membre"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    email = models.EmailField(_("destinataire"))
    subject = models.CharField(_("objet"), max_length=300)
    task_id = models.UUIDField(_("tâche"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("mail d'un envoi groupé")
        verbose_name_plural = _("mails d'envois groupés")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.email} — {self.subject}"
