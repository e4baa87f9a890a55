"""Sign-in records: who signed in (or failed to) and from where, and the cool-offs of
failed attempts.

``SignInRecord`` is the log of the attempts of accounts that need a second factor
(staff, jury chairs), shown read-only in the admin. ``SignInCooloff`` counts failures
per (account, address) and per address (``account`` empty), in the database so that
every worker agrees; ``programme.throttle`` is the only writer.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.enums import SignInStep
from programme.fields import part_of


class SignInRecord(models.Model):
    at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    user = part_of(settings.AUTH_USER_MODEL, _("compte"), "sign_in_records")
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    step = models.CharField(_("étape"), max_length=20, choices=SignInStep.choices)
    succeeded = models.BooleanField(_("réussie"))

    class Meta:
        verbose_name = _("connexion d'un compte protégé")
        verbose_name_plural = _("connexions des comptes protégés")
        ordering = ["-at"]
        # Who may take a person's second factor off (a lost phone), from the admin.
        permissions = [("reset_second_factor", _("Peut réinitialiser le second facteur"))]

    def __str__(self):
        return f"{self.user} — {self.get_step_display()} — {self.at:%Y-%m-%d %H:%M}"


class SignInCooloff(models.Model):
    """Failed attempts of one account from one address (or of one address, ``account``
    empty) at one step, and until when the next attempt waits."""

    scope = models.CharField(_("formulaire"), max_length=20, choices=SignInStep.choices)
    account = models.CharField(_("compte"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("adresse IP"))
    failures = models.PositiveIntegerField(_("échecs"), default=0)
    last_failure_at = models.DateTimeField(_("dernier échec"), default=timezone.now)
    blocked_until = models.DateTimeField(_("en attente jusqu'à"), null=True, blank=True)

    class Meta:
        verbose_name = _("attente après des échecs de connexion")
        verbose_name_plural = _("attentes après des échecs de connexion")
        ordering = ["-last_failure_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "account", "ip_address"], name="sign_in_cooloff_unique"
            )
        ]

    def __str__(self):
        who = self.account or _("toute adresse")
        return f"{who} @ {self.ip_address}"
