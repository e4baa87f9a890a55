"""Template tags of the site's layout: navigation, language switch, alternate addresses."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

register = template.Library()


@register.inclusion_tag("programme/public/_nav_item.html", takes_context=True)
def nav_item(context, url_name, label):
    """A link of the main navigation, marked as the current page or section."""
    url = reverse(url_name)
    path = context["request"].path
    is_page = path == url
    in_section = not is_page and url != reverse("home") and path.startswith(url)
    return {"url": url, "label": label, "is_page": is_page, "in_section": in_section}


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
