"""A password validator for the words anyone would try first on this site."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from programme.models import Programme

# Fewer letters than this left once the site's words are taken out: the rest is guessable
# (« Tremplin2026! », « tremplin-tremplin »).
MIN_OTHER_LETTERS = 4


def _letters(text):
    """``text`` lower-case, without accents, digits, spaces or punctuation."""
    text = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[^a-z]", "", text.encode("ascii", "ignore").decode())


class SiteWordsValidator:
    """Refuse a password made of the site's own words: ``words`` and the programme's name,
    give or take digits and punctuation."""

    def __init__(self, words=()):
        self.words = list(words)

    def site_words(self):
        programme = Programme.objects.current()
        names = [programme.name] if programme else []
        words = {_letters(word) for word in [*self.words, *names]}
        return sorted((word for word in words if word), key=len, reverse=True)

    def validate(self, password, user=None):  # noqa: ARG002 (Django's signature)
        letters = _letters(password)
        rest = letters
        for word in self.site_words():
            rest = rest.replace(word, "")
        if rest != letters and len(rest) < MIN_OTHER_LETTERS:
            raise ValidationError(
                _("Ce mot de passe reprend le nom du site : choisissez-en un autre."),
                code="password_site_words",
            )

    def get_help_text(self):
        return _("Votre mot de passe ne peut pas reprendre le nom du site ou du programme.")
