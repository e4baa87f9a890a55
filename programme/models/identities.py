"""The ProConnect identity an account signs in with."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.fields import part_of


class ProConnectIdentity(models.Model):
    """The provider's subject (`sub`) that signs in to one account.

    A subject of an issuer belongs to at most one account, and an account has at most
    one subject per issuer: a later sign-in finds the account by its subject, whatever
    its e-mail address has become. Per issuer, because ProConnect's test and production
    environments give the same agent different subjects.
    """

    user = part_of(settings.AUTH_USER_MODEL, _("compte"), "proconnect_identities")
    issuer = models.CharField(_("fournisseur d'identité"), max_length=300)
    subject = models.CharField(_("identifiant ProConnect (sub)"), max_length=255)
    linked_at = models.DateTimeField(_("relié le"), default=timezone.now)

    class Meta:
        verbose_name = _("identité ProConnect")
        verbose_name_plural = _("identités ProConnect")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="proconnect_identity_subject_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "issuer"], name="proconnect_identity_one_per_issuer"
            ),
        ]

    def __str__(self):
        return f"{self.user} — ProConnect"
