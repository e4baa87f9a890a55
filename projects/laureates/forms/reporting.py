"""Forms of what a laureate proves: time given, indicators, measurements, phase report.

They validate input and nothing else; the views hand it to the services or save it.
"""

from decimal import Decimal

from crispy_forms.layout import Div, Fieldset
from django import forms
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.enums import Recommendation
from projects.form_helpers import form_helper, fragment_helper
from projects.models import ImpactIndicator, Measurement, PhaseReport

MAX_DAYS_IN_MONTH = Decimal("23")


class TimeDeclarationForm(forms.Form):
    """The days each team member gave in one month: a number and a comment per member.

    ``planned`` maps a member's pk to the days they planned that month, shown as help.
    An empty number leaves the member undeclared.
    """

    def __init__(self, *args, members, planned, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        rows = []
        for member in members:
            days, comment = self.field_names(member)
            self.fields[days] = forms.DecimalField(
                label=_("Jours donnés"),
                required=False,
                min_value=Decimal("0"),
                max_value=MAX_DAYS_IN_MONTH,
                step_size=Decimal("0.5"),
                max_digits=3,
                decimal_places=1,
                help_text=_("Prévu : %(days)s jours. Entre 0 et 23, par demi-journées.")
                % {"days": floatformat(planned.get(member.pk, Decimal(0)), -1)},
                widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
            )
            self.fields[comment] = forms.CharField(
                label=_("Commentaire (facultatif)"),
                required=False,
                max_length=300,
            )
            rows.append(
                Fieldset(
                    member.full_name,
                    Div(
                        Div(days, css_class="col-sm-5"),
                        Div(comment, css_class="col-sm-7"),
                        css_class="row",
                    ),
                )
            )
        # The template holds the <form>, its token and the month's button.
        self.helper = fragment_helper(*rows)

    @staticmethod
    def field_names(member):
        return f"days_{member.pk}", f"comment_{member.pk}"

    def clean(self):
        cleaned = super().clean()
        for member in self.members:
            days, comment = self.field_names(member)
            # A comment is kept with a number of days; alone it would be lost.
            if cleaned.get(comment, "").strip() and days in cleaned and cleaned[days] is None:
                self.add_error(days, _("Indiquez les jours consacrés avec ce commentaire."))
        return cleaned

    def days_by_member(self):
        return {member: self.cleaned_data[self.field_names(member)[0]] for member in self.members}

    def comments(self):
        return {
            member: self.cleaned_data[self.field_names(member)[1]].strip()
            for member in self.members
        }


class ImpactIndicatorForm(forms.ModelForm):
    class Meta:
        model = ImpactIndicator
        fields = ["name", "unit", "baseline", "target", "method", "position"]
        help_texts = {
            "baseline": _("La valeur avant le projet, si elle est connue."),
            "position": _("Les indicateurs sont présentés dans cet ordre."),
        }
        widgets = {"method": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "name",
            "unit",
            Div(
                Div("baseline", css_class="col-sm-6"),
                Div("target", css_class="col-sm-6"),
                css_class="row",
            ),
            "method",
            "position",
            submit_label=_("Enregistrer l'indicateur"),
        )


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "source"]
        widgets = {"measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "measured_on", "value", "source", submit_label=_("Proposer la mesure")
        )

    def clean_measured_on(self):
        measured_on = self.cleaned_data["measured_on"]
        if measured_on > timezone.localdate():
            raise forms.ValidationError(_("Une mesure ne peut pas être datée dans le futur."))
        return measured_on


class PhaseReportForm(forms.ModelForm):
    """Every field may wait while the report is a draft; the submission checks them."""

    class Meta:
        model = PhaseReport
        fields = PhaseReport.TEAM_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in PhaseReport.TEAM_FIELDS
            if name != "recommendation"
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].choices = [("", _("À choisir")), *Recommendation.choices]
        # The buttons (save, submit) and the reasons a submission is refused sit together
        # in the template, which holds the <form> and its token.
        self.helper = fragment_helper(
            Fieldset(
                _("Ce que nous avons appris"),
                "problem",
                "tested",
                "results",
                "indicators_comment",
            ),
            Fieldset(_("Pour la suite"), "recommendation", "recommendation_reasons"),
        )
