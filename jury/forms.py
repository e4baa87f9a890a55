"""Forms of the jury area. They validate input and nothing else."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from jury.enums import OUTCOMES_BY_KIND, Attendance, Averaging, ItemKind, Outcome
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
                % {
                    "name": criterion.name,
                    "weight": floatformat(criterion.weight, "-2"),
                    "max": criterion.scale_max,
                },
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
        fields = Decision.ENTERED_FIELDS
        widgets = {
            "public_reasons": forms.Textarea(attrs={"rows": 3}),
            "private_reasons": forms.Textarea(attrs={"rows": 3}),
        }

    VOTES = ("votes_for", "votes_against", "votes_abstain")

    def __init__(self, *args, item, frozen=False, **kwargs):
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
        if frozen:
            for field in self.fields.values():
                field.disabled = True
        else:
            self.helper.add_input(Submit("submit", _("Enregistrer la décision")))

    def clean(self):
        cleaned = super().clean()
        for name in self.VOTES:
            cleaned[name] = cleaned.get(name) or 0
        return cleaned


class AttendanceSheetForm(forms.Form):
    """Everyone's attendance on one screen: a choice per convened member, and for those
    present, the item after which they arrived (if they came late). The deliberation
    page writes the same fields without building the form (``jury_attendance``): it is
    only bound, to check what the chair sends."""

    @staticmethod
    def names(member_id):
        """The names of a member's two fields: their attendance, their arrival."""
        return f"attendance_{member_id}", f"arrived_after_{member_id}"

    @staticmethod
    def labels(name):
        """The labels of a member's two fields, for the person ``name``."""
        return (
            _("Présence de %(name)s") % {"name": name},
            _("%(name)s arrivé·e après le point n°") % {"name": name},
        )

    def __init__(self, *args, convocations, **kwargs):
        super().__init__(*args, **kwargs)
        self.convocations = list(convocations)
        for convocation in self.convocations:
            attendance, arrival = self.names(convocation.member_id)
            attendance_label, arrival_label = self.labels(convocation.member.user)
            self.fields[attendance] = forms.ChoiceField(
                label=attendance_label,
                choices=Attendance.choices,
                initial=convocation.attendance,
            )
            self.fields[arrival] = forms.IntegerField(
                label=arrival_label,
                required=False,
                min_value=1,
                initial=convocation.arrived_after,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def sheet(self):
        """``{member id: (attendance, arrived after)}``, as the service takes it."""
        return {
            c.member_id: tuple(self.cleaned_data[name] for name in self.names(c.member_id))
            for c in self.convocations
        }


class ReasonForm(forms.Form):
    """A reason, required: withdrawing an item from the agenda, reopening its scoring."""

    reason = forms.CharField(
        label=_("Motif"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Indiquez le motif.")},
    )


class AveragingForm(forms.Form):
    """How the deliberation's table averages the marks, chosen before scoring opens."""

    averaging = forms.ChoiceField(
        label=_("Calcul des moyennes"),
        choices=Averaging.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": _("Choisissez un calcul des moyennes."),
            "invalid_choice": _("Ce calcul des moyennes n'existe pas."),
        },
    )
