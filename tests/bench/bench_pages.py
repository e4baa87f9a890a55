"""How long the pages that grow with the programme take, at the sizes of a few years of
editions: 60 laureates, a 15-item session, 30 projects on the staff dashboard."""

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
from tests.programme.factories import UserFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LAUREATES = 60


@pytest.fixture
def staff():
    return UserFactory(innovation_staff=True)


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
