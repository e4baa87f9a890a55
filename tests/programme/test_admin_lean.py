"""The admin's costly parts done once or without a template, showing the same thing."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from projects.models import Application
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_quick_action_checkbox_is_django_s_checkbox_with_a_title_to_escape():
    application = ApplicationFactory(title='Café <b>"l\'atelier"</b> & co')
    model_admin = admin.site.get_model_admin(Application)

    quick = model_admin.action_checkbox(application)

    assert quick == admin.ModelAdmin.action_checkbox(model_admin, application)
    assert "&lt;b&gt;" in quick


def test_quick_action_checkbox_on_the_screening_list_selects_the_row(staff_client):
    application = ApplicationFactory(submitted=True, title="Jardins partagés")

    content = staff_client.get("/admin/projects/application/").content.decode()

    assert (
        f'<input type="checkbox" name="_selected_action" value="{application.pk}" '
        'class="action-select" aria-label="Choisir cet objet pour une action - '
        'Jardins partagés">'
    ) in content


def test_app_list_is_built_once_per_request(staff, monkeypatch):
    built = []
    build = admin.site._build_app_dict
    monkeypatch.setattr(
        admin.site, "_build_app_dict", lambda *args: built.append(args) or build(*args)
    )
    request = RequestFactory().get("/admin/")
    request.user = staff

    first = admin.site.get_app_list(request)
    again = admin.site.get_app_list(request)
    other_request = RequestFactory().get("/admin/")
    other_request.user = staff
    admin.site.get_app_list(other_request)

    assert again is first
    assert [app["app_label"] for app in first] == [
        app["app_label"] for app in admin.site.get_app_list(other_request)
    ]
    assert len(built) == 2


def test_app_list_of_one_app_is_its_own(staff):
    request = RequestFactory().get("/admin/projects/")
    request.user = staff

    everything = admin.site.get_app_list(request)
    projects = admin.site.get_app_list(request, "projects")

    assert [app["app_label"] for app in projects] == ["projects"]
    assert len(everything) > 1
