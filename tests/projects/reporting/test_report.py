"""The end-of-phase report, from the follow-up pages."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.enums import Phase
from projects.laureates.services.follow_up import reopen_phase_report
from projects.models import PhaseReport
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    ImpactIndicatorFactory,
    MeasurementFactory,
    PhaseReportFactory,
    ProjectFactory,
)
from tests.projects.helpers import decide_project
from tests.projects.reporting.helpers import url

pytestmark = pytest.mark.django_db

REPORT = {
    "problem": "Les ruches disparaissent sans qu'on le sache.",
    "tested": "Un relevé mensuel avec les apiculteurs.",
    "results": "Trente ruches suivies.",
    "indicators_comment": "",
    "recommendation": "continue",
    "recommendation_reasons": "",
}


def test_saving_a_draft_creates_the_report_with_whatever_is_there(team, project):
    response = team.post(url("report", project), {"problem": "Un début de bilan."}, follow=True)

    report = PhaseReport.objects.get(period=project.period)
    assert (report.problem, report.tested, report.status) == ("Un début de bilan.", "", "draft")
    assert "Brouillon enregistré." in response.content.decode()


def test_submitting_an_incomplete_report_says_what_is_missing_and_keeps_the_text(team, project):
    response = team.post(
        url("report", project), {"problem": "Texte à ne pas perdre.", "deposer": "1"}
    )

    content = response.content.decode()
    report = PhaseReport.objects.get(period=project.period)
    assert "À compléter avant le dépôt" in content
    assert "ce que nous avons testé" in content
    assert "Texte à ne pas perdre." in content
    assert (report.problem, report.status) == ("Texte à ne pas perdre.", "draft")


def test_submitting_a_complete_report_makes_it_read_only_and_a_second_click_is_harmless(
    team, project
):
    team.post(url("report", project), {**REPORT, "deposer": "1"})
    second = team.post(url("report", project), {**REPORT, "deposer": "1"}, follow=True)

    report = PhaseReport.objects.get(period=project.period)
    content = second.content.decode()
    assert (report.status, report.submitted_by) == ("submitted", project.application.created_by)
    assert "Le bilan est déjà déposé : il n&#x27;est plus modifiable." in content
    assert "Trente ruches suivies." in content
    assert "Poursuivre en expérimentation" in content
    assert "Déposer le bilan" not in content


def test_a_submitted_report_cannot_be_edited_by_post(team, project):
    PhaseReportFactory(period=project.period, submitted=True)

    team.post(url("report", project), {**REPORT, "problem": "Réécrit après le dépôt."})

    assert PhaseReport.objects.get().problem != "Réécrit après le dépôt."


def test_a_reopened_report_shows_why_staff_gave_it_back(team, project):
    report = PhaseReportFactory(period=project.period, submitted=True)
    reopen_phase_report(
        report, actor=UserFactory(innovation_staff=True), reason="Ajoutez les chiffres de mai."
    )

    content = team.get(url("report", project)).content.decode()

    assert "Ajoutez les chiffres de mai." in content
    assert "Déposer le bilan" in content


def test_report_page_says_it_goes_to_the_jury_and_shows_latest_validated_measurements(
    team, project, indicator
):
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2022, 4, 1), value=5)
    MeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2022, 5, 1), value=17, validated=True
    )
    MeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2022, 4, 15), value=9, validated=True
    )
    # Not validated: never shown (a decimal, which no id in a URL can look like).
    MeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2022, 6, 1), value=Decimal("917.3")
    )

    content = team.get(url("report", project)).content.decode()

    assert "remis au jury lors de la prochaine revue du projet" in content
    assert "Ruches suivies" in content
    assert "17<br>" in content and "1er mai 2022" in content
    shown = content.split("Les indicateurs du projet")[1]
    assert "917,3" not in shown and "917.3" not in shown


def test_report_of_an_earlier_period_is_shown_with_periode(client):
    project = ProjectFactory(experimentation=True)
    PhaseReportFactory(period=project.periods.get(sequence=1), results="Bilan de pré-incubation.")
    client.force_login(project.application.created_by)

    earlier = client.get(url("report", project, query="?periode=1")).content.decode()
    current = client.get(url("report", project)).content.decode()

    assert "Bilan de pré-incubation." in earlier
    assert "Bilan de pré-incubation." not in current


def test_report_page_query_count_stays_flat_as_indicators_and_measurements_grow(team, project):
    PhaseReportFactory(period=project.period)
    MeasurementFactory(indicator=ImpactIndicatorFactory(project=project), validated=True)
    with CaptureQueriesContext(connection) as small:
        team.get(url("report", project))
    for _index in range(9):
        MeasurementFactory(indicator=ImpactIndicatorFactory(project=project), validated=True)

    with CaptureQueriesContext(connection) as large:
        team.get(url("report", project))

    assert len(large) == len(small)


def test_once_the_project_has_ended_the_team_reads_its_time_and_indicators_only(team, project):
    decide_project(
        project,
        Phase.REINTEGRATION,
        actor=UserFactory(innovation_staff=True),
        outcome="handed_over",
    )

    time_page = team.get(url("time_declaration", project))
    responses = [
        team.post(url("time_declaration", project), {f"days_{project.lead.pk}": "1"}),
        team.get(url("indicator_add", project)),
    ]

    assert "Seule l'équipe déclare son temps" in time_page.content.decode()
    assert [response.status_code for response in responses] == [403, 403]
    assert team.get(url("report", project)).status_code == 200


def test_a_coach_reads_that_no_report_is_started_yet(client, project):
    client.force_login(project.coach)

    content = client.get(url("report", project)).content.decode()

    assert "pas encore commencé son bilan" in content
