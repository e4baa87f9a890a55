"""Forms of the follow-up pages: a coaching session, a milestone. They validate input and
nothing else; a milestone's status moves through ``projects.laureates.services.follow_up``."""

from crispy_forms.layout import Fieldset
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.dates import format_date
from projects.enums import MilestoneStatus
from projects.form_helpers import form_helper, fragment_helper
from projects.laureates.transitions import MILESTONE_LIFECYCLE
from projects.models import CoachingEntry, Milestone


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CoachingEntryForm(forms.ModelForm):
    """One session: on a day that has come, within the period it belongs to."""

    class Meta:
        model = CoachingEntry
        fields = ["held_on", "duration_hours", "topics", "next_steps"]
        widgets = {
            "held_on": DateInput(),
            "duration_hours": forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            "topics": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "duration_hours": _("Par demi-heure : 1,5 pour une heure et demie."),
            "topics": _("Ce qui a été travaillé avec l'équipe : l'équipe le lira."),
        }
        error_messages = {
            "topics": {"required": _("Dites ce qui a été travaillé pendant la séance.")},
            "held_on": {"required": _("Indiquez la date de la séance.")},
            "duration_hours": {"required": _("Indiquez la durée de la séance.")},
        }

    def __init__(self, *args, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.helper = form_helper(
            Fieldset(_("La séance"), "held_on", "duration_hours"),
            Fieldset(_("Le contenu"), "topics", "next_steps"),
            submit_label=_("Enregistrer la séance"),
        )

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        start = self.period.starts_on
        if held_on > timezone.localdate():
            raise forms.ValidationError(
                _("La séance ne peut pas être datée d'un jour à venir."), code="future"
            )
        if held_on < start:
            raise forms.ValidationError(
                _("La période a commencé le %(start)s : la séance ne peut pas la précéder.")
                % {"start": format_date(start, "j F Y")},
                code="before_period",
            )
        return held_on


class MilestoneForm(forms.ModelForm):
    """A milestone's wording and due date. Its status is not here: see
    ``MilestoneStatusForm``."""

    class Meta:
        model = Milestone
        fields = ["title", "description", "due_on"]
        widgets = {"due_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "title": {"required": _("Donnez un intitulé au jalon.")},
            "due_on": {"required": _("Indiquez l'échéance du jalon.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fragment_helper(Fieldset(_("Le jalon"), "title", "description", "due_on"))


class MilestoneStatusForm(forms.Form):
    """Where an existing milestone stands, shown in the same ``<form>`` as its wording;
    ``projects.laureates.services.follow_up.set_milestone_status`` decides whether the
    move holds."""

    status = forms.ChoiceField(label=_("État"), choices=MilestoneStatus.choices)
    note = forms.CharField(
        label=_("Commentaire sur l'état"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire pour abandonner un jalon : dites pourquoi."),
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, initial={"status": current}, **kwargs)
        # Only the moves the milestone's lifecycle allows from where it stands.
        allowed = [current, *MILESTONE_LIFECYCLE.targets_from(current)]
        self.fields["status"].choices = [(s, MilestoneStatus(s).label) for s in allowed]
        self.helper = fragment_helper(Fieldset(_("Où en est-il ?"), "status", "note"))
