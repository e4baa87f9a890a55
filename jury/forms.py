"""Forms of the jury area. They validate input and nothing else."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from jury.enums import OUTCOMES_BY_KIND, ItemKind, Outcome
from jury.models import Decision
from projects.enums import ReintegrationOutcome


class ScoreForm(forms.Form):
    """One mark (and an optional comment) per criterion of the item's grid.

    A criterion left blank is simply not scored yet.
    """

    def __init__(self, *args, criteria, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            score = scores.get(criterion.pk)
            self.fields[f"value_{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s (coefficient %(weight)s) — note sur %(max)d")
                % {"name": criterion.name, "weight": criterion.weight, "max": criterion.scale_max},
                min_value=0,
                max_value=criterion.scale_max,
                required=False,
                initial=score.value if score else None,
                help_text=criterion.description,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Commentaire sur « %(name)s » (facultatif)") % {"name": criterion.name},
                required=False,
                initial=score.comment if score else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Enregistrer mes notes")))

    def marks(self):
        """(criterion, value, comment) for each criterion given a mark."""
        return [
            (
                criterion,
                self.cleaned_data[f"value_{criterion.pk}"],
                self.cleaned_data[f"comment_{criterion.pk}"],
            )
            for criterion in self.criteria
            if self.cleaned_data.get(f"value_{criterion.pk}") is not None
        ]


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du déport (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Vous ne verrez plus les notes ni la discussion de ce point, et ne pourrez ni le "
            "noter ni voter. Le procès-verbal indiquera que vous vous êtes déporté·e."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(
            Submit("submit", _("Je me déporte sur ce point"), css_class="btn-outline-danger")
        )


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "outcome",
            "reintegration_outcome",
            "public_reasons",
            "private_reasons",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "casting_vote_used",
        ]
        widgets = {
            "public_reasons": forms.Textarea(attrs={"rows": 3}),
            "private_reasons": forms.Textarea(attrs={"rows": 3}),
        }

    VOTES = ("votes_for", "votes_against", "votes_abstain")

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.VOTES:
            self.fields[name].required = False
        outcomes = OUTCOMES_BY_KIND[ItemKind(item.kind)]
        self.fields["outcome"].choices = [(o.value, o.label) for o in outcomes]
        if Outcome.REINTEGRATE in outcomes:
            self.fields["reintegration_outcome"].choices = [
                ("", "—"),
                *ReintegrationOutcome.choices,
            ]
        else:
            del self.fields["reintegration_outcome"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Enregistrer la décision")))

    def clean(self):
        cleaned = super().clean()
        for name in self.VOTES:
            cleaned[name] = cleaned.get(name) or 0
        return cleaned


class AttendanceForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    attendance = forms.CharField()
