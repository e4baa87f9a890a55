"""The call's form in the admin: a closing moved into the past or before a submission
asks staff to confirm, and the confirmation is recorded (``editions.services``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from editions.models import Call


class CallForm(forms.ModelForm):
    confirm_closing_change = forms.BooleanField(
        label=_("Je confirme ce changement de clôture"),
        required=False,
        help_text=_("Demandé quand la nouvelle clôture est passée ou précède un dépôt."),
    )

    class Meta:
        model = Call
        fields = [
            "edition",
            "title",
            "opens_at",
            "closes_at",
            "offer",
            "eligibility",
            "rules",
            "min_team_size",
            "max_team_size",
            "is_published",
        ]

    def clean(self):
        cleaned_data = super().clean()
        self.closing_warnings = self.instance.closing_change_warnings(cleaned_data.get("closes_at"))
        if self.closing_warnings and not cleaned_data.get("confirm_closing_change"):
            self.add_error(
                "closes_at",
                " ".join(
                    [
                        *self.closing_warnings,
                        str(
                            _("Cochez « Je confirme ce changement de clôture » pour l'enregistrer.")
                        ),
                    ]
                ),
            )
        return cleaned_data
