"""The « S'identifier avec ProConnect » button, shown only while ProConnect is configured."""

from django import template

from programme import proconnect

register = template.Library()


@register.inclusion_tag("programme/accounts/_proconnect_button.html")
def proconnect_button(next_url=""):
    return {"enabled": proconnect.is_enabled(), "next": next_url or ""}
