"""What the history tables of both lifecycles share: who moved what, when, and why.

``ApplicationTransition`` (``projects.applications.models``) and ``ProjectTransition``
(``projects.laureates.models.history``) are the typed views of the audit log's entries for
those moves: each row names its move and points to its entry.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from programme.enums import DecisionSource
from programme.fields import done_by


class Transition(models.Model):
    """Fields common to both history tables: who moved what, when, and why."""

    move = models.CharField(_("mouvement"), max_length=40, blank=True, editable=False)
    at = models.DateTimeField(_("date d'effet"))
    recorded_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)
    actor = done_by(_("par"), null=True, blank=True)
    decided_by = models.CharField(_("décision de"), max_length=10, choices=DecisionSource.choices)
    reason = models.TextField(_("motif"), blank=True)
    # When the team was told. A jury's decision, and a staff screening decision, wait for
    # staff to publish them; a screening decision corrected before that is never told.
    published_at = models.DateTimeField(_("communiquée le"), null=True, blank=True, editable=False)
    # The row of the audit log this history row details (``None`` for rows older than it).
    audit_entry = models.OneToOneField(
        "programme.AuditEntry",
        verbose_name=_("entrée du journal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


def transition_links(related_name):
    """The two links of a record about one published move: to the application's history
    row or to the project's, each row reading the record back as ``related_name``."""
    return tuple(
        models.OneToOneField(
            f"projects.{model}",
            verbose_name=verbose_name,
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            editable=False,
            related_name=related_name,
        )
        for model, verbose_name in (
            ("ApplicationTransition", _("historique de candidature")),
            ("ProjectTransition", _("historique de projet")),
        )
    )


def told_at_once(decided_by):
    """Team and staff decisions reach the team at once; the jury's when staff publish."""
    return decided_by != DecisionSource.JURY


def decision(*, at, actor, decided_by, reason, told=None):
    """The fields every history row records of its decision: when, who, on whose
    authority, why, and when the team was told: at once unless the jury decided, or as
    ``told`` says (a staff screening decision waits for its batch's publication)."""
    if told is None:
        told = told_at_once(decided_by)
    return {
        "at": at,
        "actor": actor,
        "decided_by": decided_by,
        "reason": reason,
        "published_at": at if told else None,
    }
