"""The letter that tells a team a decision, kept on its application: its terms frozen
when the decision is published, its PDF drawn once and stored privately."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.history import transition_links


def letter_path(_letter, _filename):
    """A random name under a folder no URL serves: the file is read back only by the
    permission-checked view of the letter."""
    return f"lettres-de-decision/{uuid.uuid4().hex}.pdf"


class DecisionLetter(models.Model):
    """The decision letter of one published move (an application's or a project's).

    ``terms`` is what the letter says, frozen at publication (``projects.letters``):
    the authority, the programme and edition, the subject and its team, the decision,
    its public reasons, the signatory, the place and date of signature. The PDF is
    drawn from them only, so drawing it later gives the same letter.
    """

    application = models.ForeignKey(
        "projects.Application",
        verbose_name=_("candidature"),
        on_delete=models.PROTECT,
        related_name="decision_letters",
    )
    application_transition, project_transition = transition_links("letter")
    terms = models.JSONField(_("termes de la lettre"), editable=False)
    file = models.FileField(_("lettre (PDF)"), upload_to=letter_path, blank=True, editable=False)
    created_at = models.DateTimeField(_("établie le"), editable=False)

    class Meta:
        verbose_name = _("lettre de décision")
        verbose_name_plural = _("lettres de décision")
        ordering = ["application", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(application_transition__isnull=False, project_transition__isnull=True)
                | Q(application_transition__isnull=True, project_transition__isnull=False),
                name="decision_letter_exactly_one_move",
                violation_error_message=_(
                    "Une lettre de décision porte sur une décision de candidature ou de "
                    "projet, jamais les deux."
                ),
            )
        ]

    def __str__(self):
        return _("Lettre de décision : %(subject)s — %(decision)s") % {
            "subject": self.terms["subject"],
            "decision": self.terms["decision"],
        }

    @property
    def filename(self):
        return f"lettre-de-decision-{self.terms['dated']}-{self.pk}.pdf"
