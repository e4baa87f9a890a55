"""The follow-up pages: the coach's list and a project's overview; who reaches them and
what they show."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.enums import MilestoneStatus
from projects.models import CoachingEntry
from tests.projects.factories import (
    CoachingEntryFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    PhaseReportFactory,
    ProjectFactory,
    ResourceFactory,
    TeamMemberFactory,
    TimeDeclarationFactory,
)
from tests.projects.follow_up.pages import content, finish, period_of, url

pytestmark = pytest.mark.django_db


# Who reaches what.


@pytest.mark.parametrize("who", ["coach", "team"])
def test_coach_and_team_see_their_project_and_not_another(
    client, coach, project, other_project, who
):
    client.force_login(coach if who == "coach" else project.application.created_by)

    own = content(client.get(url("follow_up", project.pk)))
    other = client.get(url("follow_up", other_project.pk))

    assert "Ruches de l&#x27;estuaire" in own
    assert other.status_code == 404
    assert "Sujet confidentiel" not in content(other)


def test_the_coachs_list_holds_only_the_projects_they_coach(client, coach, project, other_project):
    client.force_login(coach)

    listing = content(client.get(url("coaching_list")))

    assert "Ruches de l&#x27;estuaire" in listing
    assert "Projet d&#x27;une autre équipe" not in listing


@pytest.mark.parametrize("role", ["jury_member", "applicant"])
def test_people_who_do_not_follow_a_project_get_a_404(client_as, world, role, other_project):
    response = client_as(role).get(url("follow_up", other_project.pk))

    assert response.status_code == 404
    assert "Sujet confidentiel" not in content(response)


def test_the_coaching_list_is_refused_to_a_team_member_who_coaches_nothing(client_as, world):
    response = client_as("applicant").get(url("coaching_list"))

    assert response.status_code == 403
    assert world.project.title not in content(response)


def test_the_coaching_list_sends_anonymous_people_to_sign_in(client):
    response = client.get(url("coaching_list"))

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:sign_in"))


def test_staff_see_every_running_project_but_not_the_finished_ones(staff_client, project):
    finished = ProjectFactory(application__title="Projet réintégré")
    finish(finished)

    listing = content(staff_client.get(url("coaching_list")))

    assert "Ruches de l&#x27;estuaire" in listing
    assert "Projet réintégré" not in listing


@pytest.mark.parametrize(
    ("role", "name", "status"),
    [
        ("applicant", "coaching_add", 403),
        ("jury_member", "coaching_add", 404),
        ("staff", "milestone_add", 403),
        ("jury_member", "milestone_add", 404),
    ],
)
def test_adding_to_the_follow_up_is_refused_to_whom_it_does_not_belong(
    client_as, world, role, name, status
):
    response = client_as(role).get(url(name, world.project.pk))

    assert response.status_code == status
    assert world.coaching_entry.topics not in content(response)


def test_a_coach_may_not_reword_another_coachs_session(client, project, coach):
    entry = CoachingEntryFactory(period=period_of(project), topics="Séance de Dominique")
    client.force_login(coach)

    response = client.post(url("coaching_edit", project.pk, entry.pk), {"topics": "Réécrit"})

    entry.refresh_from_db()
    assert response.status_code == 403
    assert entry.topics == "Séance de Dominique"


@pytest.mark.parametrize("name", ["coaching_edit", "milestone_edit"])
def test_a_row_of_another_project_is_not_found_through_this_one(
    client, coach, project, other_project, name
):
    entry = CoachingEntry.objects.get(period__project=other_project)
    milestone = MilestoneFactory(period=period_of(other_project), title="Jalon confidentiel")
    row = entry if name == "coaching_edit" else milestone
    client.force_login(coach)

    response = client.get(url(name, project.pk, row.pk))

    assert response.status_code == 404
    assert "Sujet confidentiel" not in content(response)
    assert "Jalon confidentiel" not in content(response)


def test_nobody_logs_coaching_once_the_project_is_finished(client, project, coach):
    finish(project)
    client.force_login(coach)

    overview = content(client.get(url("follow_up", project.pk)))
    response = client.get(url("coaching_add", project.pk))

    assert "Noter une séance" not in overview
    assert response.status_code == 403


# What the overview shows.


def test_overdue_milestones_are_flagged_in_words(client, project, coach):
    period = period_of(project)
    MilestoneFactory(period=period, title="Prototype testé", due_on=datetime.date(2022, 4, 1))
    MilestoneFactory(
        period=period,
        title="Entretiens menés",
        due_on=datetime.date(2022, 4, 1),
        status=MilestoneStatus.REACHED,
    )
    client.force_login(coach)

    page = content(client.get(url("follow_up", project.pk)))
    listing = content(client.get(url("coaching_list")))

    rows = page.split("<tr>")
    late = next(row for row in rows if "Prototype testé" in row)
    reached = next(row for row in rows if "Entretiens menés" in row)
    assert "en retard" in late
    assert "en retard" not in reached
    assert "Atteint" in reached
    assert "en retard" in listing


def test_the_overview_shows_measurements_with_their_status_and_why_one_was_refused(client, project):
    indicator = ImpactIndicatorFactory(project=project, name="Ménages repérés")
    MeasurementFactory(indicator=indicator, value=12)
    MeasurementFactory(indicator=indicator, value=30, rejected=True)
    client.force_login(project.application.created_by)

    page = content(client.get(url("follow_up", project.pk)))

    assert "Ménages repérés" in page
    assert "À valider" in page
    assert "Refusée" in page
    assert "Source absente." in page
    assert url("measurement_add", project.pk, indicator.pk) in page


def test_an_earlier_period_is_shown_on_request_and_bad_values_fall_back(client):
    project = ProjectFactory(experimentation=True)
    first, second = project.periods.order_by("sequence")
    MilestoneFactory(period=first, title="Jalon de pré-incubation")
    MilestoneFactory(period=second, title="Jalon d'expérimentation")
    client.force_login(project.application.created_by)

    earlier = content(client.get(url("follow_up", project.pk), {"periode": "1"}))
    fallbacks = [
        content(client.get(url("follow_up", project.pk), {"periode": value}))
        for value in ("abc", "99", "")
    ]

    assert "Jalon de pré-incubation" in earlier
    assert "Jalon d&#x27;expérimentation" not in earlier
    for page in fallbacks:
        assert "Jalon d&#x27;expérimentation" in page


def test_resources_are_listed_with_their_totals(client, project):
    ResourceFactory(period=period_of(project), label="Budget", amount_used=1200)
    ResourceFactory(period=period_of(project), label="Prestation design", amount_granted=3000)
    client.force_login(project.application.created_by)

    page = content(client.get(url("follow_up", project.pk)))

    assert "Prestation design" in page
    assert "8\xa0000,00&nbsp;€" in page
    assert "1\xa0200,00&nbsp;€" in page


# Flat query counts.


def _grow_follow_up(project, count):
    period = period_of(project)
    for _ in range(count):
        CoachingEntryFactory(period=period)
        MilestoneFactory(period=period, due_on=datetime.date(2022, 4, 1))
        ResourceFactory(period=period)
        indicator = ImpactIndicatorFactory(project=project)
        MeasurementFactory(indicator=indicator)
        MeasurementFactory(indicator=indicator, rejected=True)
        member = TeamMemberFactory(application=project.application)
        TimeDeclarationFactory(period=period, member=member)


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_overview_query_count_stays_flat_as_rows_grow(client, project, coach):
    _grow_follow_up(project, 1)
    client.force_login(coach)
    small = _queries(client, url("follow_up", project.pk))

    _grow_follow_up(project, 9)

    assert _queries(client, url("follow_up", project.pk)) == small


def test_coaching_list_query_count_stays_flat_as_projects_grow(client, coach, project):
    _grow_follow_up(project, 1)
    PhaseReportFactory(period=period_of(project))
    client.force_login(coach)
    small = _queries(client, url("coaching_list"))

    for _ in range(9):
        extra = ProjectFactory()
        extra.periods.get().coaches.add(coach)
        _grow_follow_up(extra, 1)
        PhaseReportFactory(period=period_of(extra))

    assert _queries(client, url("coaching_list")) == small
