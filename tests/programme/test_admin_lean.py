"""The admin's costly parts done once or without a template, showing the same thing."""

import datetime
import re
from pathlib import Path

import django
import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import items_for_result
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import dateformat

from programme.admin_navigation import app_list_html
from programme.admin_rows import _datetime_writer, rows
from projects.models import Application
from tests.programme.factories import UserFactory
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
WHEN = [(1, 1, 0), (2, 28, 9), (8, 15, 13), (12, 31, 23)]


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


def _request(user, path="/admin/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_app_list_is_built_once_per_set_of_permissions(staff, monkeypatch):
    monkeypatch.setattr(admin.site._app_lists, "_lists", {})
    built = []
    build = admin.site._build_app_dict
    monkeypatch.setattr(
        admin.site, "_build_app_dict", lambda *args: built.append(args) or build(*args)
    )
    colleague = UserFactory(innovation_staff=True)
    reader = UserFactory(is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_application"))

    first = admin.site.get_app_list(_request(staff))
    again = admin.site.get_app_list(_request(staff))
    same_rights = admin.site.get_app_list(_request(colleague, "/admin/projects/"))
    fewer_rights = admin.site.get_app_list(_request(reader))

    assert again is first
    assert same_rights is first
    assert len(built) == 2
    assert [
        (app["app_label"], [model["object_name"] for model in app["models"]])
        for app in fewer_rights
    ] == [("projects", ["Application"])]
    assert fewer_rights[0]["models"][0]["view_only"] is True


def test_app_list_of_one_app_is_its_own(staff):
    request = RequestFactory().get("/admin/projects/")
    request.user = staff

    everything = admin.site.get_app_list(request)
    projects = admin.site.get_app_list(request, "projects")

    assert [app["app_label"] for app in projects] == ["projects"]
    assert len(everything) > 1


def _screening_list(user, query=""):
    request = RequestFactory().get(f"/admin/projects/application/{query}")
    request.user = user
    model_admin = admin.site.get_model_admin(Application)
    changelist = model_admin.get_changelist_instance(request)
    django_rows = [
        "".join(items_for_result(changelist, row, None)) for row in changelist.result_list
    ]
    return changelist, django_rows


@pytest.mark.parametrize("query", ["", "?o=-6.1&status__exact=submitted", "?q=Caf%C3%A9"])
def test_quick_rows_are_django_s_rows(staff, query):
    ApplicationFactory(title='Café <b>"l\'atelier"</b> & co', theme=None)
    ApplicationFactory(submitted=True, title="Café des jardins")
    ApplicationFactory(title="   ")

    changelist, django_rows = _screening_list(staff, query)

    assert django_rows
    assert [str(row[0]) for row in rows(changelist)] == django_rows


def test_quick_app_list_is_django_s_template(staff_client):
    request = _request(staff_client.staff, "/admin/projects/application/")
    app_list = admin.site.get_app_list(request)
    original = Template(
        (Path(django.__file__).parent / "contrib/admin/templates/admin/app_list.html").read_text()
    )

    for show_changelinks in (True, False):
        expected = original.render(
            Context(
                {"app_list": app_list, "request": request, "show_changelinks": show_changelinks}
            )
        )
        assert _squeezed(app_list_html(app_list, request.path, show_changelinks)) == _squeezed(
            expected
        )
    assert 'aria-current="page"' in app_list_html(app_list, request.path, False)


def _squeezed(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).replace(" >", ">").strip()


@pytest.mark.parametrize("format_string", ["j F Y H:i", "d/m/Y G\\hi", "\\L\\e j F Y", "Y-m-d"])
def test_quick_date_times_are_django_s(format_string):
    moments = [datetime.datetime(2026, month, day, hour, 7) for month, day, hour in WHEN]

    write = _datetime_writer(format_string)

    assert [write(moment) for moment in moments] == [
        dateformat.format(moment, format_string) for moment in moments
    ]


def test_quick_date_times_leave_other_formats_to_django():
    assert _datetime_writer("N j, Y, P") is None
