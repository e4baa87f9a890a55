"""The monthly reminder of running projects: overdue milestones and undeclared time."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.enums import Phase
from programme.enums import DecisionSource
from projects.enums import ReintegrationOutcome
from projects.laureates.reminders import follow_up_reminders
from projects.laureates.services import move_project
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    APRIL,
    MilestoneFactory,
    ProjectFactory,
    TeamMemberFactory,
    TimeDeclarationFactory,
)

pytestmark = pytest.mark.django_db

# The factory's period runs from 15 March to 15 June 2022; its milestones are due on
# 14 April. On 10 May, April has just ended.
TODAY = datetime.date(2022, 5, 10)


@pytest.fixture
def period():
    period = ProjectFactory(application__title="Ruches de l'estuaire").periods.get()
    period.coaches.add(UserFactory(email="coach@incubateur.test"))
    return period


def test_a_reminder_lists_overdue_milestones_and_members_without_time(period):
    lead = period.project.application.team_members.get()
    student = TeamMemberFactory(application=period.project.application, student=True)
    TimeDeclarationFactory(period=period, member=lead, month=APRIL, days_given=Decimal("4"))
    late = MilestoneFactory(period=period, title="Prototype testé")
    MilestoneFactory(period=period, title="Déjà atteint", status="reached")
    MilestoneFactory(period=period, title="À venir", due_on=datetime.date(2022, 6, 1))

    (reminder,) = follow_up_reminders(TODAY)

    assert reminder.overdue == [late]
    assert (reminder.month, reminder.undeclared) == (APRIL, [student])
    assert "coach@incubateur.test" in reminder.recipients
    assert lead.email in reminder.recipients


def test_a_project_up_to_date_gets_no_reminder(period):
    lead = period.project.application.team_members.get()
    TimeDeclarationFactory(period=period, member=lead, month=APRIL)
    MilestoneFactory(period=period, status="reached")

    assert follow_up_reminders(TODAY) == []


def test_an_ended_project_gets_no_reminder(period):
    MilestoneFactory(period=period)
    move_project(
        period.project,
        Phase.REINTEGRATION,
        period=period,
        actor=period.project.application.created_by,
        decided_by=DecisionSource.STAFF,
        reason="Fin du projet.",
        outcome=ReintegrationOutcome.HANDED_OVER,
    )

    assert follow_up_reminders(TODAY) == []


def test_the_month_before_the_period_began_is_not_asked_for():
    period = ProjectFactory().periods.get()

    assert follow_up_reminders(datetime.date(2022, 3, 20)) == []
    assert period.time_declarations.count() == 0


def test_reminders_are_read_in_a_fixed_number_of_queries():
    for _ in range(2):
        MilestoneFactory()
    with CaptureQueriesContext(connection) as small:
        follow_up_reminders(TODAY)
    for _ in range(8):
        MilestoneFactory()
        TeamMemberFactory(application=ProjectFactory().application)

    with CaptureQueriesContext(connection) as large:
        reminders = follow_up_reminders(TODAY)

    assert len(reminders) == 18
    assert len(large) == len(small)


def test_the_command_mails_team_and_coaches_in_french(period, mailoutbox, monkeypatch):
    MilestoneFactory(period=period, title="Prototype testé")
    monkeypatch.setattr(
        "projects.management.commands.send_follow_up_reminders.timezone.localdate",
        lambda: TODAY,
    )

    call_command("send_follow_up_reminders", stdout=io.StringIO())

    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert "coach@incubateur.test" in recipients
    message = mailoutbox[0]
    assert message.subject == "Ruches de l'estuaire : le point du mois"
    assert "- Prototype testé (échéance le 14 avril 2022)" in message.body
    assert "Temps consacré au projet en avril 2022, pas encore déclaré pour :" in message.body
    assert f"/suivi/{period.project.pk}/" in message.body


def test_a_dry_run_mails_nobody(period, mailoutbox, monkeypatch, capsys):
    MilestoneFactory(period=period)
    monkeypatch.setattr(
        "projects.management.commands.send_follow_up_reminders.timezone.localdate",
        lambda: TODAY,
    )

    call_command("send_follow_up_reminders", "--dry-run")

    assert mailoutbox == []
    assert "1 reminder(s) would be mailed" in capsys.readouterr().out
