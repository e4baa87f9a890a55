"""The call's form in the admin: a closing moved into the past or before a submission
asks staff to confirm, and the confirmation is recorded (``editions.services``). The
form of a season prepared from the last one (``NextSeasonForm``)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from editions.models import Call, Edition, add_months


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


def _next(text, source):
    """``text`` of ``source`` for the season after: its year, else its number, moved on."""
    for old, new in ((source.year, source.year + 1), (source.number, source.number + 1)):
        if str(old) in text:
            return text.replace(str(old), str(new))
    return text


class NextSeasonForm(forms.Form):
    """What a season prepared from the last one needs anew: its name, address and year,
    and its call's title and dates (the call opens at midnight and closes at 23:59:59 on
    the days given, Paris time). Starts from the source's values a year on."""

    name = forms.CharField(label=_("Nom de la nouvelle édition"), max_length=200)
    slug = forms.SlugField(
        label=_("Identifiant d'URL"),
        max_length=50,
        help_text=_("Lettres sans accent, chiffres et tirets ; unique."),
    )
    year = forms.IntegerField(label=_("Année"), min_value=2000, max_value=2100)
    call_title = forms.CharField(label=_("Intitulé de l'appel"), max_length=250)
    opens_on = forms.DateField(
        label=_("Ouverture de l'appel"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    closes_on = forms.DateField(
        label=_("Clôture de l'appel"),
        help_text=_("L'appel accepte les dépôts jusqu'à 23 h 59 ce jour-là."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    @classmethod
    def initial_for(cls, source):
        """The source's values a year on."""
        call = Call.objects.filter(edition=source).first()
        name = _next(source.name, source)
        initial = {
            "name": name,
            "slug": slugify(_next(source.slug, source)),
            "year": source.year + 1,
            "call_title": _next(call.title, source) if call else name,
        }
        if call is not None:
            initial["opens_on"] = add_months(timezone.localdate(call.opens_at), 12)
            initial["closes_on"] = add_months(timezone.localdate(call.closes_at), 12)
        return initial

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Edition.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                _("Une édition porte déjà l'identifiant d'URL « %(slug)s »."),
                params={"slug": slug},
            )
        return slug

    def clean(self):
        cleaned_data = super().clean()
        opens_on, closes_on = cleaned_data.get("opens_on"), cleaned_data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("La clôture de l'appel doit venir après son ouverture."))
        return cleaned_data

    def dates(self):
        """The call's opening and closing moments, Paris time."""
        start = datetime.time(0, 0)
        end = datetime.time(23, 59, 59)
        return (
            timezone.make_aware(datetime.datetime.combine(self.cleaned_data["opens_on"], start)),
            timezone.make_aware(datetime.datetime.combine(self.cleaned_data["closes_on"], end)),
        )
