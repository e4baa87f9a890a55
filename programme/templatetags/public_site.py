"""Template tags of the site's layout: navigation, language switch, alternate addresses."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

register = template.Library()


# The sections of the main navigation, in order: their URL names and labels.
SECTIONS = (
    ("home", gettext_lazy("Accueil")),
    ("public:editions", gettext_lazy("Éditions")),
    ("public:laureates", gettext_lazy("Lauréats")),
    ("news:list", gettext_lazy("Actualités")),
    ("public:open_data", gettext_lazy("Données")),
)


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The ``<li>`` of each section of the main navigation, the current page marked
    ``aria-current="page"`` and the section it is in ``aria-current="true"``: one call
    instead of a template per link on every page."""
    path = context["request"].path
    home = reverse("home")
    html = []
    for url_name, label in SECTIONS:
        url = home if url_name == "home" else reverse(url_name)
        if path == url:
            active, current = " active", ' aria-current="page"'
        elif url != home and path.startswith(url):
            active, current = " active", ' aria-current="true"'
        else:
            active = current = ""
        html.append(
            f'<li class="nav-item">\n  <a class="nav-link{active}" href="{escape(url)}"{current}>'
            f"{escape(label)}</a>\n</li>"
        )
    return mark_safe("\n".join(html))


@register.simple_tag(takes_context=True)
def language_links(context):
    """The languages of the site, each with the link that switches to it from here."""
    current = translation.get_language()
    here = context["request"].get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": f"{reverse('switch_language', args=[code])}?{urlencode({'next': here})}",
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """This public page in each language, as absolute addresses (for hreflang)."""
    request = context["request"]
    return [
        {"code": code, "url": request.build_absolute_uri(translate_url(request.path, code))}
        for code, _name in settings.LANGUAGES
    ]
