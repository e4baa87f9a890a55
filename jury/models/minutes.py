"""The official PDF of a closed session's minutes, stored once with its SHA-256 so that a
printed and signed copy can be checked against the record."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jury.models.sessions import Session


def minutes_path(_record, filename):
    """A random name under a folder no URL serves, with the extension of ``filename``:
    the file is read back only by the permission-checked view of the minutes."""
    return f"jury/proces-verbaux/{uuid.uuid4().hex}{PurePath(filename).suffix}"


class MinutesRecord(models.Model):
    """The PDF of the frozen minutes of a closed session, as ``store_minutes_pdf`` wrote it."""

    session = models.OneToOneField(
        Session,
        verbose_name=_("séance"),
        on_delete=models.PROTECT,
        related_name="minutes_record",
    )
    file = models.FileField(_("procès-verbal (PDF)"), upload_to=minutes_path, editable=False)
    sha256 = models.CharField(
        _("empreinte SHA-256"),
        max_length=64,
        editable=False,
        validators=[RegexValidator(r"^[0-9a-f]{64}$")],
    )
    created_at = models.DateTimeField(_("enregistré le"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("procès-verbal enregistré")
        verbose_name_plural = _("procès-verbaux enregistrés")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.session)
