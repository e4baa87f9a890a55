"""The search and filter form of the public list of laureates. Validates input only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from editions.enums import Phase


class LaureateFilterForm(forms.Form):
    """Read from the query string; ``editions`` and ``themes`` are the choices on offer."""

    q = forms.CharField(label=_("Mots-clés"), required=False, max_length=200)
    edition = forms.ChoiceField(label=_("Édition"), required=False)
    theme = forms.ChoiceField(label=_("Thématique"), required=False)
    phase = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        choices=[("", _("Toutes les phases")), *Phase.choices],
    )

    def __init__(self, data=None, *, editions, themes):
        super().__init__(data)
        self.fields["edition"].choices = [("", _("Toutes les éditions"))] + [
            (edition.slug, edition.name) for edition in editions
        ]
        self.fields["theme"].choices = [("", _("Toutes les thématiques"))] + [
            (theme.slug, theme.name) for theme in themes
        ]

    def filters(self):
        """The valid, non-empty criteria: a field with a wrong value is ignored (and its
        error shown next to it)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
