"""The audit log: one row for every change a service makes, whatever it changes.

Written only by ``programme.audit.record``, inside the transaction of the change it
records; read-only everywhere (the admin lists it, filtered by person, object, action
and date, and each object's admin page links to its rows).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.actions import action_label


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )


class AuditEntry(models.Model):
    """Who did what to which object, when, why, and the fields it changed."""

    at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    # Kept when the account is erased or deleted: the record still says who acted.
    actor_label = models.CharField(_("auteur"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type d'objet"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("identifiant de l'objet"), max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("objet"), max_length=300)
    changes = models.JSONField(
        _("champs modifiés"),
        default=dict,
        blank=True,
        encoder=DjangoJSONEncoder,
        help_text=_("Pour chaque champ : sa valeur avant et après."),
    )
    reason = models.TextField(_("motif"), blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("journal des actions")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"{self.object_repr} — {self.action_label}"

    @property
    def action_label(self):
        return action_label(self.action)

    def change_lines(self):
        """The changed fields as (field label, before, after), with state labels, not codes."""
        model = self.content_type.model_class()
        lines = []
        for name, (before, after) in self.changes.items():
            field = _field(model, name)
            lines.append((_label(field, name), _display(field, before), _display(field, after)))
        return lines


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since, or not a field: show its name
        return None


def _label(field, name):
    if field is None:
        return name
    if field.is_relation and field.auto_created and not field.concrete:
        # A reverse relation (a session's convocations): the related model's plural.
        return str(field.related_model._meta.verbose_name_plural)
    return str(field.verbose_name)


def _choices(field):
    if getattr(field, "choices", None):
        return dict(field.flatchoices)
    if field is not None and field.is_relation and field.auto_created and not field.concrete:
        # A reverse relation recorded by its rows' choice (an edition's phases).
        for related in field.related_model._meta.get_fields():
            if getattr(related, "choices", None):
                return dict(related.flatchoices)
    return {}


def _display(field, value):
    if value in (None, ""):
        return "—"
    choices = _choices(field)
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    return str(choices.get(value, value))
