"""The follow-up in the admin: staff check measurements, give reports back, and keep
each period's milestones, coaching, time and resources."""

import datetime
from functools import partial

import pytest
from django.urls import reverse

from projects.enums import MeasurementStatus, MilestoneStatus, ReportStatus
from projects.models import Milestone, TimeCommitment
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    MeasurementFactory,
    MilestoneFactory,
    PhaseReportFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.projects.helpers import admin_action

pytestmark = pytest.mark.django_db
MEASUREMENTS = "/admin/projects/measurement/"


def period_url(period):
    return reverse("admin:projects_phaseperiod_change", args=[period.pk])


def reopen_url(report):
    return reverse("admin:projects_phasereport_reopen", args=[report.pk])


def test_validating_many_measurements_goes_through_the_service_and_reports_the_others(
    staff_client,
):
    first = MeasurementFactory(indicator__name="Ménages repérés")
    second = MeasurementFactory()
    checked = MeasurementFactory(indicator__name="Visites", validated=True)
    refused = MeasurementFactory(indicator__name="Appels", rejected=True)

    response = admin_action(
        staff_client,
        MEASUREMENTS,
        "validate_measurements",
        [first, second, checked, refused],
        follow=True,
    )

    content = response.content.decode()
    for measurement in (first, second):
        measurement.refresh_from_db()
        assert measurement.status == MeasurementStatus.VALIDATED
        assert measurement.reviewed_by == staff_client.staff
    refused.refresh_from_db()
    assert refused.status == MeasurementStatus.REJECTED
    assert "2 mesure(s) validée(s)." in content
    assert "Déjà vérifiées, rien n&#x27;a changé" in content
    assert "Visites — 01/06/2022 (Validée)" in content
    assert "Appels — 01/06/2022 (Refusée)" in content


def test_rejecting_asks_for_a_note_then_records_it(staff_client):
    measurement = MeasurementFactory(indicator__name="Ménages repérés")
    reject = partial(admin_action, staff_client, MEASUREMENTS, "reject_measurements", [measurement])

    confirmation = reject()
    response = reject(confirm={"note": "La source manque."}, follow=True)

    measurement.refresh_from_db()
    assert "Motif du refus" in confirmation.content.decode()
    assert "Ménages repérés" in confirmation.content.decode()
    assert measurement.status == MeasurementStatus.REJECTED
    assert measurement.review_note == "La source manque."
    assert measurement.reviewed_by == staff_client.staff
    assert "1 mesure(s) refusée(s)." in response.content.decode()


def test_rejecting_without_a_note_changes_nothing(staff_client):
    measurement = MeasurementFactory()

    response = admin_action(
        staff_client, MEASUREMENTS, "reject_measurements", [measurement], confirm={"note": "   "}
    )

    measurement.refresh_from_db()
    assert measurement.status == MeasurementStatus.PROPOSED
    assert "Ce champ est obligatoire." in response.content.decode()
    assert f'name="_selected_action" value="{measurement.pk}"' in response.content.decode()


def test_rejecting_only_checked_measurements_shows_why_and_keeps_the_note(staff_client):
    measurement = MeasurementFactory(validated=True)

    note = {"note": "Chiffre à revoir."}

    response = admin_action(
        staff_client, MEASUREMENTS, "reject_measurements", [measurement], confirm=note
    )

    content = response.content.decode()
    measurement.refresh_from_db()
    assert measurement.status == MeasurementStatus.VALIDATED
    assert "Cette mesure est déjà « Validée »." in content
    assert "\nChiffre à revoir.</textarea>" in content


def test_measurement_status_is_shown_but_not_editable(staff_client):
    measurement = MeasurementFactory(validated=True)

    content = staff_client.get(
        reverse("admin:projects_measurement_change", args=[measurement.pk])
    ).content.decode()

    assert "Validée" in content
    assert 'name="status"' not in content
    assert 'name="value"' not in content


def test_staff_gives_a_report_back_to_its_team_with_a_reason(staff_client):
    report = PhaseReportFactory(submitted=True)

    page = staff_client.get(period_url(report.period)).content.decode()
    response = staff_client.post(
        reopen_url(report), {"reason": "Il manque les indicateurs."}, follow=True
    )

    report.refresh_from_db()
    assert f'href="{reopen_url(report)}"' in page
    assert report.status == ReportStatus.DRAFT
    assert report.reopened_reason == "Il manque les indicateurs."
    assert report.reopened_by == staff_client.staff
    assert response.redirect_chain[-1][0] == period_url(report.period)
    assert "est rendu à l&#x27;équipe" in response.content.decode()


def test_giving_a_report_back_without_a_reason_changes_nothing(staff_client):
    report = PhaseReportFactory(submitted=True)

    response = staff_client.post(reopen_url(report), {"reason": " "})

    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert "Ce champ est obligatoire." in response.content.decode()


def test_giving_back_a_draft_report_twice_is_harmless(staff_client):
    report = PhaseReportFactory()

    response = staff_client.post(reopen_url(report), {"reason": "Encore."}, follow=True)

    report.refresh_from_db()
    assert report.reopened_reason == ""
    assert "déjà entre les mains de l&#x27;équipe" in response.content.decode()


def test_staff_without_the_permission_cannot_give_a_report_back(client):
    report = PhaseReportFactory(submitted=True)
    client.force_login(UserFactory(is_staff=True))

    response = client.post(reopen_url(report), {"reason": "Non."})

    report.refresh_from_db()
    assert response.status_code == 403
    assert report.status == ReportStatus.SUBMITTED


def period_form_data(response):
    """What the period's change page would post back untouched: its fields and an empty
    management form for each inline."""
    form = response.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "coaches"
    }
    data["coaches"] = [coach.pk for coach in form.initial.get("coaches", [])]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name, value in management.initial.items():
            data[f"{inline.formset.prefix}-{name}"] = value
    return data


def test_time_commitment_members_are_limited_to_the_project_team(staff_client):
    project = ProjectFactory()
    period = project.periods.get()
    colleague = TeamMemberFactory(application=project.application, last_name="Équipière")
    outsider = TeamMemberFactory(last_name="Étrangère")
    page = staff_client.get(period_url(period))
    data = period_form_data(page)
    data["time_commitments-TOTAL_FORMS"] = 1

    refused = staff_client.post(
        period_url(period),
        {
            **data,
            "time_commitments-0-member": outsider.pk,
            "time_commitments-0-planned_days_per_week": "2",
        },
    )
    accepted = staff_client.post(
        period_url(period),
        {
            **data,
            "time_commitments-0-member": colleague.pk,
            "time_commitments-0-planned_days_per_week": "2",
        },
    )

    (commitments,) = [
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.prefix == "time_commitments"
    ]
    choices = commitments.form.base_fields["member"].queryset
    assert set(choices) == set(project.application.team_members.all())
    assert outsider not in choices
    assert "Sélectionnez un choix valide" in refused.content.decode()
    assert accepted.status_code == 302
    assert list(TimeCommitment.objects.values_list("member", flat=True)) == [colleague.pk]


def test_milestone_added_from_the_period_records_who_added_it(staff_client):
    period = ProjectFactory().periods.get()
    data = period_form_data(staff_client.get(period_url(period)))
    data["milestones-TOTAL_FORMS"] = 1

    response = staff_client.post(
        period_url(period),
        {
            **data,
            "milestones-0-title": "Premier prototype",
            "milestones-0-due_on": datetime.date(2022, 6, 30).isoformat(),
        },
    )

    milestone = Milestone.objects.get()
    assert response.status_code == 302
    assert (milestone.title, milestone.created_by) == ("Premier prototype", staff_client.staff)


def milestone_status_url(milestone):
    return reverse("admin:projects_milestone_status", args=[milestone.period_id, milestone.pk])


def test_staff_moves_a_milestone_through_the_service(staff_client):
    milestone = MilestoneFactory(title="Premier prototype")

    page = staff_client.get(period_url(milestone.period)).content.decode()
    response = staff_client.post(
        milestone_status_url(milestone), {"status": MilestoneStatus.REACHED}, follow=True
    )

    milestone.refresh_from_db()
    assert f'href="{milestone_status_url(milestone)}"' in page
    assert milestone.status == MilestoneStatus.REACHED
    assert milestone.status_changed_by == staff_client.staff
    assert "« Premier prototype » est maintenant « Atteint »" in response.content.decode()


def test_dropping_a_milestone_without_a_reason_is_refused_in_french(staff_client):
    milestone = MilestoneFactory()

    response = staff_client.post(
        milestone_status_url(milestone), {"status": MilestoneStatus.DROPPED, "note": ""}
    )

    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.PLANNED
    assert "Dites pourquoi le jalon est abandonné." in response.content.decode()
    assert '<option value="dropped" selected>' in response.content.decode()


def test_project_admin_links_to_the_follow_up_the_team_and_coaches_see(staff_client):
    project = ProjectFactory()

    change = staff_client.get(reverse("admin:projects_project_change", args=[project.pk]))
    listing = staff_client.get(reverse("admin:projects_project_changelist"))
    follow_up = staff_client.get(f"/suivi/{project.pk}/")

    link = f'<a href="/suivi/{project.pk}/">Suivi du projet</a>'
    assert link in change.content.decode()
    assert link in listing.content.decode()
    assert follow_up.status_code == 200
