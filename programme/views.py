"""The programme's branding, served to every page: its theme stylesheet and its logo.

The colours and the logo are settings of the ``Programme`` row, edited in the admin; a
view turns them into a small stylesheet of Bootstrap custom properties, so that the
strict Content Security Policy (``style-src 'self'``) never needs an inline style.
"""

import hashlib
import mimetypes
import re

from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from programme.context_processors import current_programme
from programme.models import Programme, contrast_ratio
from programme.public_pages import kept_in_shared_cache

WHITE = "#ffffff"
MINIMUM_CONTRAST = 4.5
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Long enough for a colour change made in the admin to show up soon; the templates also
# add the programme's modification time to the URL, so a changed theme is fetched at once.
BRANDING_MAX_AGE = 300


def _field_default(name):
    return Programme._meta.get_field(name).default


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _hex(rgb):
    return "#" + "".join(f"{round(channel):02x}" for channel in rgb)


def _mix(colour, other, weight):
    """``colour`` moved ``weight`` (0 to 1) of the way towards ``other``, like Sass's mix()."""
    return _hex(a + (b - a) * weight for a, b in zip(_rgb(colour), _rgb(other), strict=True))


def shade(colour, weight):
    return _mix(colour, "#000000", weight)


def tint(colour, weight):
    return _mix(colour, WHITE, weight)


def readable_on_white(colour):
    """The colour, darkened just enough for white text on it (and it on white) to pass AA.

    The admin refuses colours below 4.5:1, but a row written another way must not make
    the public site unreadable.
    """
    weight = 0.0
    candidate = colour
    while contrast_ratio(candidate, WHITE) < MINIMUM_CONTRAST and weight < 1:
        weight = round(weight + 0.05, 2)
        candidate = shade(colour, weight)
    return candidate


def _valid_colour(value, field):
    value = (value or "").strip()
    return value.lower() if _HEX_COLOUR.match(value) else _field_default(field).lower()


def theme_colours(programme):
    """The primary and secondary colours to use, safe for white text."""
    primary = getattr(programme, "primary_colour", None)
    secondary = getattr(programme, "secondary_colour", None)
    return (
        readable_on_white(_valid_colour(primary, "primary_colour")),
        readable_on_white(_valid_colour(secondary, "secondary_colour")),
    )


def _rgb_list(colour):
    return ", ".join(str(channel) for channel in _rgb(colour))


def build_theme_css(programme):
    primary, secondary = theme_colours(programme)
    hover, active = shade(primary, 0.15), shade(primary, 0.2)
    link_hover = shade(primary, 0.2)
    return f"""/* Theme of the programme: colours set in the admin. */
:root,
[data-bs-theme="light"] {{
  --bs-primary: {primary};
  --bs-primary-rgb: {_rgb_list(primary)};
  --bs-primary-text-emphasis: {shade(primary, 0.6)};
  --bs-primary-bg-subtle: {tint(primary, 0.9)};
  --bs-primary-border-subtle: {tint(primary, 0.6)};
  --bs-link-color: {primary};
  --bs-link-color-rgb: {_rgb_list(primary)};
  --bs-link-hover-color: {link_hover};
  --bs-link-hover-color-rgb: {_rgb_list(link_hover)};
  --bs-focus-ring-color: rgba({_rgb_list(primary)}, 0.4);
  --tremplin-primary: {primary};
  --tremplin-primary-subtle: {tint(primary, 0.92)};
  --tremplin-secondary: {secondary};
}}

.btn-primary {{
  --bs-btn-color: #ffffff;
  --bs-btn-bg: {primary};
  --bs-btn-border-color: {primary};
  --bs-btn-hover-color: #ffffff;
  --bs-btn-hover-bg: {hover};
  --bs-btn-hover-border-color: {active};
  --bs-btn-focus-shadow-rgb: {_rgb_list(primary)};
  --bs-btn-active-color: #ffffff;
  --bs-btn-active-bg: {active};
  --bs-btn-active-border-color: {shade(primary, 0.25)};
  --bs-btn-disabled-color: #ffffff;
  --bs-btn-disabled-bg: {primary};
  --bs-btn-disabled-border-color: {primary};
}}

.btn-outline-primary {{
  --bs-btn-color: {primary};
  --bs-btn-border-color: {primary};
  --bs-btn-hover-color: #ffffff;
  --bs-btn-hover-bg: {primary};
  --bs-btn-hover-border-color: {primary};
  --bs-btn-focus-shadow-rgb: {_rgb_list(primary)};
  --bs-btn-active-color: #ffffff;
  --bs-btn-active-bg: {primary};
  --bs-btn-active-border-color: {primary};
  --bs-btn-disabled-color: {primary};
  --bs-btn-disabled-border-color: {primary};
}}

.tremplin-header,
.tremplin-footer {{
  background-color: {secondary};
  color: #ffffff;
}}
"""


def _theme_etag(request):
    return hashlib.sha256(build_theme_css(current_programme(request)).encode()).hexdigest()


def _programme_updated_at(request):
    programme = current_programme(request)
    return programme.updated_at if programme else None


@require_safe
# Every page links it: the same for everyone, kept like a public page.
@kept_in_shared_cache
@cache_control(public=True, max_age=BRANDING_MAX_AGE)
@condition(etag_func=_theme_etag, last_modified_func=_programme_updated_at)
def theme_css(request):
    """The Bootstrap custom properties of the programme's colours, as a stylesheet."""
    css = build_theme_css(current_programme(request))
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=BRANDING_MAX_AGE)
@condition(last_modified_func=_programme_updated_at)
def logo(request):
    """The programme's logo file, or 404 when none is set or the file is gone."""
    programme = current_programme(request)
    if programme is None or not programme.logo:
        raise Http404("No logo.")
    try:
        handle = programme.logo.open("rb")
    except FileNotFoundError as error:
        raise Http404("The logo file is missing.") from error
    content_type = mimetypes.guess_type(programme.logo.name)[0] or "application/octet-stream"
    if not content_type.startswith("image/") or content_type == "image/svg+xml":
        # Only raster images: an SVG may carry scripts.
        handle.close()
        raise Http404("The logo is not a raster image.")
    return FileResponse(handle, content_type=content_type)
