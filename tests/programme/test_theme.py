"""The theme stylesheet and the logo, served from the programme's settings."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from programme.models import Programme, contrast_ratio


def make_programme(**fields):
    values = {
        "name": "Appel à innovateur territorial",
        "slug": "appel-a-innovateur-territorial",
        "authority_name": "Le Havre Seine Métropole",
        "primary_colour": "#00607A",
        "secondary_colour": "#0B2545",
    } | fields
    return Programme.objects.create(**values)


def css_value(css, selector, prop):
    block = re.search(re.escape(selector) + r"\s*\{(.*?)\}", css, re.DOTALL)
    assert block, f"no {selector} block in the stylesheet"
    value = re.search(re.escape(prop) + r":\s*([^;]+);", block.group(1))
    assert value, f"no {prop} in {selector}"
    return value.group(1).strip()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 2), "#0b2545").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_theme_css_uses_the_programme_colours(client):
    make_programme()

    response = client.get(reverse("theme_css"))

    css = response.content.decode()
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert css_value(css, '[data-bs-theme="light"]', "--bs-primary") == "#00607a"
    assert css_value(css, '[data-bs-theme="light"]', "--bs-primary-rgb") == "0, 96, 122"
    assert css_value(css, '[data-bs-theme="light"]', "--bs-link-color") == "#00607a"
    assert css_value(css, '[data-bs-theme="light"]', "--bs-link-color-rgb") == "0, 96, 122"
    assert css_value(css, '[data-bs-theme="light"]', "--bs-link-hover-color") == "#004d62"
    assert css_value(css, ".btn-primary", "--bs-btn-bg") == "#00607a"
    assert css_value(css, ".btn-primary", "--bs-btn-hover-bg") == "#005268"
    assert css_value(css, ".btn-outline-primary", "--bs-btn-color") == "#00607a"
    assert css_value(css, ".tremplin-footer", "background-color") == "#0b2545"


@pytest.mark.django_db
def test_theme_css_without_programme_uses_the_default_colours(client):
    response = client.get(reverse("theme_css"))

    css = response.content.decode()
    assert response.status_code == 200
    assert css_value(css, '[data-bs-theme="light"]', "--bs-primary") == "#005a9c"
    assert css_value(css, ".btn-primary", "--bs-btn-bg") == "#005a9c"
    assert css_value(css, ".tremplin-footer", "background-color") == "#1b1b3a"
    assert "Last-Modified" not in response


@pytest.mark.django_db
def test_theme_css_darkens_a_colour_too_light_for_white_text(client):
    # The admin refuses such a colour; a row written another way must still be readable.
    make_programme(primary_colour="#FFCC00", secondary_colour="#8FBC8F")

    response = client.get(reverse("theme_css"))

    css = response.content.decode()
    primary = css_value(css, '[data-bs-theme="light"]', "--bs-primary")
    secondary = css_value(css, ".tremplin-footer", "background-color")
    assert contrast_ratio(primary, "#ffffff") >= 4.5
    assert contrast_ratio(secondary, "#ffffff") >= 4.5
    assert primary != "#ffcc00"


@pytest.mark.django_db
def test_theme_css_with_an_invalid_colour_falls_back_to_the_default(client):
    make_programme(primary_colour="red;}")

    response = client.get(reverse("theme_css"))

    css = response.content.decode()
    assert css_value(css, '[data-bs-theme="light"]', "--bs-primary") == "#005a9c"
    assert "red;}" not in css


@pytest.mark.django_db
def test_theme_css_is_cacheable_and_revalidated(client):
    make_programme()

    first = client.get(reverse("theme_css"))
    again = client.get(reverse("theme_css"), headers={"if-none-match": first["ETag"]})

    assert first["Cache-Control"] == "public, max-age=300"
    assert first["ETag"].startswith('"')
    assert "Last-Modified" in first
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.django_db
def test_theme_css_etag_changes_with_the_colours(client):
    programme = make_programme()
    before = client.get(reverse("theme_css"))["ETag"]

    programme.primary_colour = "#7A1F5C"
    programme.save()
    after = client.get(reverse("theme_css"))

    assert after["ETag"] != before
    assert css_value(after.content.decode(), '[data-bs-theme="light"]', "--bs-primary") == (
        "#7a1f5c"
    )


def with_logo(**fields):
    programme = make_programme(**fields)
    programme.logo.save("logo.png", ContentFile(png_bytes()))
    return programme


def no_programme(media_root):
    pass


def no_logo(media_root):
    make_programme()


def logo_file_gone(media_root):
    (media_root / with_logo().logo.name).unlink()


@pytest.mark.parametrize(
    "arrange",
    [
        pytest.param(no_programme, id="without a programme"),
        pytest.param(no_logo, id="without a logo"),
        pytest.param(logo_file_gone, id="whose file is gone"),
    ],
)
@pytest.mark.django_db
def test_logo_is_not_found(client, media_root, arrange):
    arrange(media_root)

    response = client.get(reverse("logo"))

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.django_db
def test_logo_streams_the_programme_logo(client, media_root):
    with_logo(logo_alt="Le Havre Seine Métropole")

    response = client.get(reverse("logo"))

    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Cache-Control"] == "public, max-age=300"


@pytest.mark.django_db
def test_home_page_links_the_logo_and_the_theme(client, media_root):
    programme = with_logo(logo_alt="Logo de Le Havre Seine Métropole")
    version = int(programme.updated_at.timestamp())

    response = client.get(reverse("home"))

    html = response.content.decode()
    assert f'href="/theme.css?v={version}"' in html
    assert f'src="/logo?v={version}" alt="Logo de Le Havre Seine Métropole"' in html
