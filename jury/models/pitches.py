"""A shortlisted team's invitation to pitch before the jury, with the slot it was told:
sent again, with the next sequence number, only when the slot or the place changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jury.models.agenda import AgendaItem
from programme.fields import done_by


class TeamInvitation(models.Model):
    """The last invitation mailed to the team of a pitch (an item for selection)."""

    item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("point"),
        on_delete=models.CASCADE,
        related_name="team_invitation",
    )
    starts_at = models.DateTimeField(_("début du passage"), editable=False)
    ends_at = models.DateTimeField(_("fin du passage"), editable=False)
    place = models.CharField(_("lieu"), max_length=250, blank=True, editable=False)
    # iCalendar's SEQUENCE: a diary replaces the event of the same UID with a higher one.
    sequence = models.PositiveSmallIntegerField(_("version de l'invitation"), editable=False)
    sent_at = models.DateTimeField(_("envoyée le"), editable=False)
    sent_by = done_by(_("envoyée par"), editable=False)

    class Meta:
        verbose_name = _("convocation d'une équipe")
        verbose_name_plural = _("convocations des équipes")
        ordering = ["item__session", "item__position"]

    def __str__(self):
        return str(self.item)

    def tells(self, slot, place):
        """Whether this invitation already told ``slot`` (a ``PitchSlot``) at ``place``."""
        return (self.starts_at, self.ends_at, self.place) == (slot.start, slot.end, place)
