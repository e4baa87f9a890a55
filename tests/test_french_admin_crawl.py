"""The staff's admin in French, over the demo: every list and change page, and the
workflow screens, show no English word and no state code (« draft », « pre_incubation »)
where a French label belongs."""

import html
import inspect
import re
from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import models

import editions.enums
import jury.enums
import programme.enums
import projects.enums

pytestmark = pytest.mark.django_db

# Words that mean a label was left untranslated (from Django's apps or a third party's).
ENGLISH = (
    "Task Results",
    "Task result",
    "Tasks Database Backend",
    "Ready",
    "Running",
    "Successful",
    "Failed",
    "status",
    "priority",
    "Queue name",
    "Backend name",
    "Enqueued",
    "Finished",
    "Add another",
    "Save and",
    "Delete",
    "History",
    "Change",
    "Yes",
    "No ",
    "Unknown",
    "Static device",
    "TOTP device",
)


def state_codes():
    """The stored values of every state-like choice that are not French words too."""
    codes = set()
    for module in (programme.enums, editions.enums, projects.enums, jury.enums):
        for _name, choices in inspect.getmembers(module, inspect.isclass):
            if issubclass(choices, models.TextChoices) and choices is not models.TextChoices:
                codes |= {value for value in choices.values if "_" in value or value.isascii()}
    # Values that read the same in French are no sign of a missing label.
    return codes - FRENCH_TOO


# Stored values that are French words as well.
FRENCH_TOO = {"", "agent", "jury", "mai", "page", "date", "place", "absent", "service"}


def visible_text(page):
    page = re.sub(r"(?is)<(script|style|code|pre|textarea|select)\b.*?</\1>", " ", page)
    page = re.sub(r"(?is)<[^>]+>", " ", page)
    return " ".join(html.unescape(page).split())


@pytest.fixture
def demo(settings, media_root):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False


def test_the_admin_speaks_french_everywhere_over_the_demo(demo, staff_client):
    codes = state_codes()
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
        text = visible_text(response.content.decode())
        english = [word for word in ENGLISH if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
        raw = sorted(code for code in codes if re.search(rf"(?<![\w/.@-]){code}(?![\w/.@-])", text))
        if english or raw:
            found[path] = {"english": english, "codes": raw}

    assert read > 45, f"only {read} admin pages read"
    summary = {}
    for path, problems in found.items():
        for kind in ("english", "codes"):
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
