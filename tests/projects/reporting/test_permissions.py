"""Who may read and write the evidence pages of a laureate's follow-up."""

import pytest
from django.urls import reverse

from projects.models import ImpactIndicator, PhaseReport
from tests.jury.factories import JuryMemberFactory
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    ImpactIndicatorFactory,
    PhaseReportFactory,
    ProjectFactory,
    TimeDeclarationFactory,
)
from tests.projects.reporting.helpers import SECRET, pages, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("outsider", ["other_team", "other_coach", "jury_member", "anonymous"])
def test_people_who_do_not_follow_the_project_get_nothing_of_it(
    client, project, indicator, outsider
):
    TimeDeclarationFactory(period=project.period, member=project.lead, comment=SECRET)
    PhaseReportFactory(period=project.period, problem=SECRET)
    other = ProjectFactory()
    other.periods.get().coaches.add(other_coach := UserFactory())
    user = {
        "other_team": other.application.created_by,
        "other_coach": other_coach,
        "jury_member": JuryMemberFactory().user,
        "anonymous": None,
    }[outsider]
    if user:
        client.force_login(user)

    for page in pages(project, indicator):
        for response in (client.get(page), client.post(page, {"name": "x", "problem": "x"})):
            content = response.content.decode()
            if user:
                assert response.status_code == 404
            else:
                assert response.status_code == 302
                assert response.headers["Location"].startswith(reverse("accounts:sign_in"))
            assert SECRET not in content
            assert "Ruches" not in content
    assert ImpactIndicator.objects.filter(project=project).count() == 1
    assert PhaseReport.objects.get().problem == SECRET


@pytest.mark.parametrize("role", ["coach", "staff"])
def test_coaches_and_staff_read_the_time_and_report_but_may_not_post(client, project, role):
    TimeDeclarationFactory(period=project.period, member=project.lead, comment=SECRET)
    PhaseReportFactory(period=project.period, problem="Le problème vu par l'équipe.")
    client.force_login(project.coach if role == "coach" else UserFactory(innovation_staff=True))

    time_page = client.get(url("time_declaration", project)).content.decode()
    report_page = client.get(url("report", project)).content.decode()
    posts = [
        client.post(url("time_declaration", project), {f"days_{project.lead.pk}": "1"}),
        client.post(url("report", project), {"problem": "Réécrit par un tiers."}),
    ]

    assert SECRET in time_page
    assert "Déclarer le temps de" not in time_page
    assert "Le problème vu par l&#x27;équipe." in report_page
    assert "Déposer le bilan" not in report_page
    assert [response.status_code for response in posts] == [403, 403]
    assert PhaseReport.objects.get().problem == "Le problème vu par l'équipe."


def test_staff_may_not_keep_indicators_or_measurements(staff_client, project, indicator):

    responses = [
        staff_client.get(url("indicator_add", project)),
        staff_client.post(url("indicator_edit", project, indicator.pk), {"name": "Changé"}),
        staff_client.post(url("measurement_add", project, indicator.pk), {"value": "1"}),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]
    assert indicator.measurements.count() == 0


def test_an_indicator_of_another_project_is_a_404(team, project):
    foreign = ImpactIndicatorFactory(name="Indicateur d'un autre projet")

    for page in (
        url("indicator_edit", project, foreign.pk),
        url("measurement_add", project, foreign.pk),
    ):
        response = team.get(page)
        assert response.status_code == 404
        assert "Indicateur d&#x27;un autre projet" not in response.content.decode()
