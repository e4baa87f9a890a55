"""Screening submitted applications from the admin list."""

from functools import partial

import pytest
from django.contrib import admin
from django.urls import reverse

import projects.admin_base
from projects.admin_base import ObjectLinks
from projects.enums import ApplicationStatus
from projects.models import Application
from tests.projects.factories import ApplicationFactory, TeamMemberFactory
from tests.projects.helpers import admin_action

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/projects/application/"


def test_bulk_shortlisting_asks_for_a_reason_then_records_it_on_each(staff_client):
    first, second = ApplicationFactory(submitted=True), ApplicationFactory(submitted=True)
    shortlist = partial(admin_action, staff_client, CHANGELIST, "shortlist", [first, second])

    confirmation = shortlist()
    shortlist(confirm={"reason": "Projets solides."})

    assert "Motif de la décision" in confirmation.content.decode()
    for application in (first, second):
        application.refresh_from_db()
        assert application.status == ApplicationStatus.SHORTLISTED
        assert application.transitions.last().reason == "Projets solides."


def test_bulk_decision_without_a_reason_changes_nothing(staff_client):
    application = ApplicationFactory(submitted=True)

    response = admin_action(staff_client, CHANGELIST, "mark_ineligible", [application], confirm={})

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert "Ce champ est obligatoire." in response.content.decode()


def test_bulk_decision_reports_each_refusal_with_its_reason(staff_client):
    waiting = ApplicationFactory(submitted=True, title="Sans accord")
    TeamMemberFactory(application=waiting, manager_agreed=False, first_name="Léo", last_name="Roy")

    response = admin_action(
        staff_client, CHANGELIST, "shortlist", [waiting], confirm={"reason": "Solide."}, follow=True
    )

    assert (
        "Sans accord : Accord du ou de la responsable en attente pour : Léo Roy."
        in response.content.decode()
    )
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.SUBMITTED


def test_csv_export_lists_the_selection_and_defuses_formulas(staff_client):
    application = ApplicationFactory(submitted=True, title='=HYPERLINK("x")')

    response = admin_action(staff_client, CHANGELIST, "export_csv", [application])

    lines = response.content.decode("utf-8-sig").splitlines()
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert lines[0].startswith("identifiant;édition;titre;thématique;statut;déposée le")
    assert f"{application.pk};Saison" in lines[1]
    assert "'=HYPERLINK" in lines[1]


def test_screening_list_shows_team_size_pending_agreements_and_files(staff_client):
    application = ApplicationFactory(submitted=True)
    TeamMemberFactory(application=application, manager_agreed=False)

    content = staff_client.get(reverse("admin:projects_application_changelist")).content.decode()

    assert "accords en attente" in content.lower()
    assert 'class="field-pending">1<' in content


def test_screening_list_links_each_row_without_reversing_an_address_per_row(
    staff_client, monkeypatch
):
    calls = []

    def counted_reverse(*args, **kwargs):
        calls.append(args[0])
        return reverse(*args, **kwargs)

    monkeypatch.setattr(projects.admin_base, "reverse", counted_reverse)
    monkeypatch.setattr(admin.site._registry[Application], "links", ObjectLinks())
    applications = [ApplicationFactory(submitted=True) for _index in range(3)]
    staff_client.get(CHANGELIST)
    applications += [ApplicationFactory(submitted=True) for _index in range(5)]

    content = staff_client.get(CHANGELIST).content.decode()

    # Once per page name, for the 3 rows then the 8: never per row.
    assert sorted(calls) == [
        "admin:projects_application_change",
        "admin:projects_application_timeline",
    ]
    for application in applications:
        assert f'href="/admin/projects/application/{application.pk}/change/' in content
        assert f'href="/admin/projects/application/{application.pk}/historique/"' in content


def test_the_list_counts_each_team_its_pending_agreements_and_files_and_sorts_by_them(
    staff_client,
):
    small = ApplicationFactory(submitted=True, title="Petite équipe")
    large = ApplicationFactory(submitted=True, title="Grande équipe")
    TeamMemberFactory(application=large)
    TeamMemberFactory(application=large, manager_agreed=False)  # an answer pending
    TeamMemberFactory(application=large, student=True)

    most_first = staff_client.get(CHANGELIST, {"o": "-7"}).content.decode()  # « membres »
    fewest_first = staff_client.get(CHANGELIST, {"o": "7"}).content.decode()
    rows = {
        application.pk: application
        for application in admin.site.get_model_admin(Application)
        .get_queryset(None)
        .filter(pk__in=[small.pk, large.pk])
    }

    assert (rows[small.pk].member_count, rows[small.pk].pending_agreements) == (1, 0)
    assert (rows[large.pk].member_count, rows[large.pk].pending_agreements) == (4, 1)
    assert rows[large.pk].attachment_count == rows[small.pk].attachment_count == 0
    assert most_first.index("Grande équipe") < most_first.index("Petite équipe")
    assert fewest_first.index("Petite équipe") < fewest_first.index("Grande équipe")
