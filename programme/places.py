"""A place as French writes it after « Fait » at the foot of a signed document (the
minutes, the decision letters)."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _


def at_place(place):
    """The place after « Fait »: « au Havre » in French, « in Le Havre » in English."""
    if get_language().startswith("fr"):
        return french_at(place)
    return _("à %(place)s") % {"place": place}


def french_at(place):
    """« au Havre », « aux Andelys », « à Rouen »: French contracts « à le », « à les »."""
    for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
        if place.startswith(article):
            return contracted + place[len(article) :]
    return f"à {place}"
