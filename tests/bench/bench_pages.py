"""How long the pages that grow with the programme take, at the sizes of a few years of
editions: 60 laureates, a 15-item session, 30 followed projects on the staff dashboard,
the exports and the coach's list, a follow-up page with 10 rows of each kind."""

import pytest

from jury.enums import Attendance, MemberRole, Outcome, SessionStatus
from jury.services import move_session, record_decision, record_score
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    JuryMemberFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.projects.factories import (
    CoachingEntryFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    ProjectFactory,
    ResourceFactory,
    TimeDeclarationFactory,
)

pytestmark = pytest.mark.django_db

LAUREATES = 60


def bench_public_laureate_list(client, measure):
    for _ in range(LAUREATES):
        ProjectFactory()

    measure(client, "/laureats/")


def bench_public_laureate_search(client, measure):
    for _ in range(LAUREATES):
        ProjectFactory()

    measure(client, "/laureats/?q=projet")


def bench_jury_deliberation_with_15_items(client, measure, staff):
    session = SessionFactory()
    president = ConvocationFactory(
        session=session,
        member=JuryMemberFactory(programme=session.programme, role=MemberRole.PRESIDENT),
        attendance=Attendance.PRESENT,
    ).member
    criterion = CriterionFactory(session=session)
    items = [SelectionItemFactory(session=session) for _ in range(15)]
    move_session(session, SessionStatus.SCORING, actor=staff)
    for item in items:
        record_score(item, member=president, criterion=criterion, value=3)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    for item in items:
        record_decision(item, outcome=Outcome.SELECTED, actor=staff)
    client.force_login(president.user)

    measure(client, f"/jury/seances/{session.pk}/deliberation/")


def bench_admin_phase_board_with_30_projects(client, measure, staff):
    for index in range(30):
        ProjectFactory(experimentation=index % 2 == 0)
    client.force_login(staff)

    measure(client, "/admin/tableau-des-phases/")


def _followed_projects(count):
    """``count`` running projects, each with a month of follow-up: two coaching sessions,
    three milestones, an indicator with three measurements, time declared, a resource."""
    projects = []
    for index in range(count):
        project = ProjectFactory(experimentation=index % 2 == 0)
        period = project.periods.open().get()
        for _ in range(2):
            CoachingEntryFactory(period=period)
        for _ in range(3):
            MilestoneFactory(period=period)
        indicator = ImpactIndicatorFactory(project=project)
        for value in (10, 20, 30):
            MeasurementFactory(indicator=indicator, value=value, validated=True)
        TimeDeclarationFactory(period=period, month=period.planned_start.replace(day=1))
        ResourceFactory(period=period)
        projects.append(project)
    return projects


def bench_admin_index_dashboard_with_30_projects(client, measure, staff):
    _followed_projects(30)
    client.force_login(staff)

    measure(client, "/admin/")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("dataset", ["candidatures", "projets", "indicateurs"])
def bench_admin_export_with_30_projects(client, measure, staff, dataset, file_format):
    _followed_projects(30)
    client.force_login(staff)

    measure(client, f"/admin/exports/{dataset}.{file_format}")


def bench_follow_up_overview_with_10_rows_of_each(client, measure):
    (project,) = _followed_projects(1)
    period = project.periods.open().get()
    for _ in range(8):
        CoachingEntryFactory(period=period)
        MilestoneFactory(period=period)
    client.force_login(project.application.created_by)

    measure(client, f"/suivi/{project.pk}/")


def bench_coach_list_with_30_projects(client, measure, staff):
    _followed_projects(30)
    client.force_login(staff)

    measure(client, "/accompagnement/")
