"""The staff's admin in French, over the demo: every list and change page, and the
workflow screens, show no English word and no state code (« draft », « pre_incubation »)
where a French label belongs, and no plain space before « ; : ! ? » or inside « »."""

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command

from tests.french import english_words, plain_spaces, raw_codes, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, media_root):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False


def test_the_admin_speaks_french_everywhere_over_the_demo(demo, staff_client, french_typography):
    found = {}
    read = 0
    pages = []
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        pages.append(f"/admin/{info[0]}/{info[1]}/")
        first = model._default_manager.order_by("pk").first()
        if first is not None and model_admin.has_view_permission(_request(staff_client)):
            pages.append(f"/admin/{info[0]}/{info[1]}/{first.pk}/change/")
    pages += ["/admin/", *(f"/admin/{view.route}" for view in _listed_views())]
    for path in pages:
        response = staff_client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        read += 1
        page = response.content.decode()
        text = visible_text(page)
        english = english_words(text)
        raw = raw_codes(text)
        spaces = plain_spaces(page)
        if english or raw or spaces:
            found[path] = {"english": english, "codes": raw, "spaces": spaces}

    assert read > 45, f"only {read} admin pages read"
    summary = {}
    for path, problems in found.items():
        for kind in ("english", "codes", "spaces"):
            for word in problems[kind]:
                summary.setdefault(word, []).append(path)
    assert {word: paths[:3] for word, paths in summary.items()} == {}


def _listed_views():
    return [view for view in admin.site._staff_views if view.listed and "<" not in view.route]


def _request(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = client.staff
    return request
