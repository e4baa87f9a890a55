"""The staff dashboard on the admin index: its figures on a known world, who sees it,
and a query count that stays flat as projects grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from editions.enums import Phase
from editions.models import Edition
from programme.enums import DecisionSource
from projects.enums import ApplicationStatus, ReintegrationOutcome
from projects.models import PhasePeriod
from projects.staff import dashboard, distinct_counts
from tests.editions.factories import CallFactory
from tests.programme.factories import OrganisationFactory, UserFactory
from tests.projects.factories import (
    REVIEWED_AT,
    SCREENED_AT,
    SELECTED_AT,
    SUBMITTED_AT,
    ApplicationFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.projects.helpers import decide_application, decide_project

pytestmark = pytest.mark.django_db
RENEWED_AT = REVIEWED_AT + datetime.timedelta(days=182)
JUNE_FIRST = datetime.date(2022, 6, 1)


def advance(application, *targets):
    """Move ``application`` through ``targets`` by the service, at the factories' dates."""
    moments = {
        ApplicationStatus.SUBMITTED: (SUBMITTED_AT, DecisionSource.TEAM),
        ApplicationStatus.WITHDRAWN: (SCREENED_AT, DecisionSource.TEAM),
        ApplicationStatus.INELIGIBLE: (SCREENED_AT, DecisionSource.STAFF),
        ApplicationStatus.SHORTLISTED: (SCREENED_AT, DecisionSource.STAFF),
        ApplicationStatus.SELECTED: (SELECTED_AT, DecisionSource.STAFF),
    }
    for target in targets:
        at, decided_by = moments[target]
        decide_application(
            application, target, decided_by=decided_by, actor=application.created_by, at=at
        )


def move(project, target, at, outcome=""):
    decide_project(project, target, actor=project.application.created_by, outcome=outcome, at=at)


def editions():
    return list(Edition.objects.order_by("-number"))


def by_edition(table):
    return {row["edition"].name: row["cells"] for row in table["rows"]}


# The figures, without HTTP.


def test_funnel_counts_each_stage_from_the_history():
    S = ApplicationStatus
    call = CallFactory(edition__name="Saison des tests")
    ApplicationFactory(call=call, selected=True)
    advance(ApplicationFactory(call=call), S.SUBMITTED, S.SHORTLISTED, S.WITHDRAWN)
    advance(ApplicationFactory(call=call), S.SUBMITTED, S.WITHDRAWN)
    advance(ApplicationFactory(call=call), S.SUBMITTED, S.INELIGIBLE)
    ApplicationFactory(call=call)
    empty = CallFactory().edition

    rows = dashboard.funnel(editions())

    assert [(row["edition"], row["submitted"], row["eligible"]) for row in rows] == [
        (empty, 0, 0),
        (call.edition, 4, 2),
    ]
    assert (rows[1]["shortlisted"], rows[1]["laureates"], rows[1]["rate"]) == (2, 1, 25.0)
    assert rows[0]["rate"] is None


def test_phases_and_outcomes_count_a_renewal_a_handover_and_an_abandonment():
    call = CallFactory(edition__name="Saison 1")
    renewed = ProjectFactory(application__call=call, experimentation=True)
    move(renewed, Phase.EXPERIMENTATION, RENEWED_AT)
    handed_over = ProjectFactory(application__call=call, experimentation=True)
    move(handed_over, Phase.REINTEGRATION, RENEWED_AT, ReintegrationOutcome.HANDED_OVER)
    abandoned = ProjectFactory(application__call=call)
    move(abandoned, Phase.ABANDONED, REVIEWED_AT)
    ProjectFactory(application__call=call)
    projects, moves = dashboard.project_counts(), dashboard.experimentation_counts()

    phases = dashboard.projects_per_phase(editions(), projects)
    outcomes = dashboard.outcomes(editions(), projects, moves)

    # Pre-incubation, experimentation, reintegration, abandonment, total.
    assert by_edition(phases) == {"Saison 1": [1, 1, 1, 1, 4]}
    # Started, renewals, reintegrations stopped / handed over / scaled, abandonments.
    assert by_edition(outcomes) == {"Saison 1": [2, 1, 0, 1, 0, 1]}


def test_time_in_phase_averages_closed_periods_and_counts_open_ones_apart():
    start = datetime.date(2022, 3, 15)
    first, second, third = ProjectFactory(), ProjectFactory(), ProjectFactory()
    # Each project's pre-incubation: closed after 92 days, after 122 days, still open.
    for project, end in ((first, start.replace(month=6)), (second, start.replace(month=7))):
        project.periods.update(actual_start=start, actual_end=end)
    third.periods.update(actual_start=start)
    PhasePeriod.objects.create(
        project=first,
        sequence=2,
        phase=Phase.EXPERIMENTATION,
        planned_start=start,
        planned_end=start.replace(year=2023),
        actual_start=start,
    )

    rows = dashboard.time_in_phase(dashboard.period_figures())

    assert [(row["closed"], row["average"], row["longest"], row["open"]) for row in rows] == [
        (2, 107.0, 122, 1),
        (0, None, None, 1),
    ]


def test_objectives_count_each_person_and_department_once_in_the_running_total():
    S = ApplicationStatus
    first, second = CallFactory(edition__name="Saison 1"), CallFactory(edition__name="Saison 2")
    department, school = OrganisationFactory(department=True), OrganisationFactory(school=True)
    for call, email, targets in [
        (first, "Alice.Martin@exemple.test", (S.SUBMITTED, S.SHORTLISTED, S.SELECTED)),
        (second, "alice.martin@exemple.test", (S.SUBMITTED,)),
    ]:
        application = ApplicationFactory(call=call)
        TeamMemberFactory(application=application, email=email, department=department)
        TeamMemberFactory(
            application=application, student=True, email="etudiant@exemple.test", school=school
        )
        advance(application, *targets)
    ApplicationFactory(call=second)  # A draft counts nobody.
    handed_over = first.applications.get(status=S.SELECTED).project
    move(handed_over, Phase.EXPERIMENTATION, REVIEWED_AT)
    move(handed_over, Phase.REINTEGRATION, RENEWED_AT, ReintegrationOutcome.HANDED_OVER)

    services, methods, local_actors = dashboard.objectives(editions())

    # (edition's own, cumulated) per measure; each application also has its lead agent.
    assert by_edition(services) == {"Saison 2": [(0, 1), (0, 1)], "Saison 1": [(1, 1), (1, 1)]}
    assert by_edition(methods) == {
        "Saison 2": [(2, 3), (2, 3), (0, 2), (0, 2)],
        "Saison 1": [(2, 2), (2, 2), (2, 2), (2, 2)],
    }
    assert by_edition(local_actors) == {
        "Saison 2": [(1, 1), (0, 0), (1, 1), (0, 0)],
        "Saison 1": [(1, 1), (0, 0), (1, 1), (0, 0)],
    }


def test_periods_ending_lists_soon_and_overdue_open_periods_of_running_projects():
    soon = ProjectFactory(application__title="Ruches")  # Pre-incubation ends 15 June 2022.
    late = ProjectFactory(application__title="Friches")
    PhasePeriod.objects.filter(project=late).update(planned_end=datetime.date(2022, 5, 20))
    ProjectFactory(experimentation=True)  # Its open period ends in March 2023.
    stopped = ProjectFactory()
    move(stopped, Phase.ABANDONED, SELECTED_AT + datetime.timedelta(days=30))

    rows = dashboard.periods_ending(JUNE_FIRST)

    assert [(row["project"], row["days_left"], row["days_late"]) for row in rows] == [
        (late, -12, 12),
        (soon, 14, 0),
    ]


def test_overdue_milestones_lists_open_ones_past_due_in_open_periods():
    late = MilestoneFactory(title="Prototype testé")  # Due 14 April 2022.
    MilestoneFactory(reached=True)
    MilestoneFactory(due_on=datetime.date(2022, 7, 1))
    closed = MilestoneFactory()
    move(closed.period.project, Phase.EXPERIMENTATION, REVIEWED_AT)

    rows = dashboard.overdue_milestones(JUNE_FIRST)

    assert [(row["milestone"], row["project"], row["days_late"]) for row in rows] == [
        (late, late.period.project, 48)
    ]


# The index page.


def build_projects(count, call):
    """``count`` running projects, each with a period ending in 10 days, an overdue
    milestone, a student in its team and a measurement waiting for staff."""
    today = timezone.localdate()
    for index in range(count):
        project = ProjectFactory(application__call=call, experimentation=index % 2 == 0)
        period = project.periods.open().get()
        PhasePeriod.objects.filter(pk=period.pk).update(
            planned_end=today + datetime.timedelta(days=10)
        )
        MilestoneFactory(period=period, due_on=today - datetime.timedelta(days=3))
        TeamMemberFactory(application=project.application, student=True)
        MeasurementFactory(indicator=ImpactIndicatorFactory(project=project))


def test_index_shows_the_dashboard_to_staff(staff_client):
    call = CallFactory(edition__name="Saison des ruches")
    build_projects(1, call)

    content = staff_client.get("/admin/").content.decode()

    assert "Tableau de bord" in content
    assert '<th scope="row">Saison des ruches</th>' in content
    assert "Dans 10 jours" in content
    assert "Jalons en retard" in content
    assert '<span class="tremplin-flag tremplin-flag-late">3 jours</span>' in content
    assert '/admin/projects/measurement/?status__exact=proposed">' in content
    assert "Acculturer les services aux méthodes d&#x27;innovation" in content


def test_non_staff_user_is_sent_to_the_admin_login(client):
    ProjectFactory(application__title="Ruches de l'estuaire")
    client.force_login(UserFactory())

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_staff_without_the_project_permission_does_not_see_the_dashboard(client):
    ProjectFactory(application__title="Ruches de l'estuaire")
    client.force_login(UserFactory(is_staff=True))

    content = client.get("/admin/").content.decode()

    assert "Tableau de bord" not in content
    assert "Ruches de l" not in content


def test_index_query_count_stays_flat_from_1_to_30_projects(staff_client):
    calls = [CallFactory(), CallFactory()]
    build_projects(1, calls[0])
    with CaptureQueriesContext(connection) as small:
        staff_client.get("/admin/")
    build_projects(15, calls[0])
    build_projects(14, calls[1])

    with CaptureQueriesContext(connection) as large:
        content = staff_client.get("/admin/").content.decode()

    assert content.count("Dans 10 jours") == 30
    assert len(large) == len(small)


def test_objectives_without_any_edition_are_empty_tables(django_assert_num_queries):
    with django_assert_num_queries(0):
        tables = dashboard.objectives([])

    assert [(len(table["measures"]), table["rows"]) for table in tables] == [
        (2, []),
        (4, []),
        (4, []),
    ]


def test_objectives_statement_is_kept_per_editions_and_counts_afresh(monkeypatch):
    first, second = CallFactory(edition__name="Saison 1"), CallFactory(edition__name="Saison 2")
    advance(ApplicationFactory(call=first), ApplicationStatus.SUBMITTED)
    monkeypatch.setattr(distinct_counts, "_statements", {})
    built = []
    build = distinct_counts._statement
    monkeypatch.setattr(
        distinct_counts, "_statement", lambda *args: built.append(1) or build(*args)
    )

    before = by_edition(dashboard.objectives(editions())[1])
    advance(ApplicationFactory(call=second), ApplicationStatus.SUBMITTED)
    after = by_edition(dashboard.objectives(editions())[1])
    only_first = by_edition(dashboard.objectives([first.edition])[1])

    assert before == {
        "Saison 2": [(0, 1), (0, 1), (0, 0), (0, 0)],
        "Saison 1": [(1, 1)] * 2 + [(0, 0)] * 2,
    }
    assert after == {
        "Saison 2": [(1, 2), (1, 2), (0, 0), (0, 0)],
        "Saison 1": [(1, 1)] * 2 + [(0, 0)] * 2,
    }
    assert only_first == {"Saison 1": [(1, 1)] * 2 + [(0, 0)] * 2}
    assert len(built) == 2  # the two editions once, then the first alone
