import datetime

import pytest
from django.db.models.deletion import ProtectedError

from editions.enums import Phase
from projects.enums import MemberRole
from projects.models import PhasePeriod, Project, TeamMember
from tests.constraints import refused_by_the_database
from tests.projects.factories import ApplicationFactory, ProjectFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def test_phase_period_with_planned_end_before_start_is_refused_by_the_database():
    project = ProjectFactory()
    period = project.periods.get()

    with refused_by_the_database(PhasePeriod, "phase_period_planned_dates_ordered"):
        PhasePeriod.objects.filter(pk=period.pk).update(
            planned_start=datetime.date(2022, 6, 1), planned_end=datetime.date(2022, 3, 1)
        )


def test_phase_period_with_actual_end_before_start_is_refused_by_the_database():
    project = ProjectFactory()

    with refused_by_the_database(PhasePeriod, "phase_period_actual_dates_ordered"):
        project.periods.update(
            actual_start=datetime.date(2022, 6, 1), actual_end=datetime.date(2022, 5, 1)
        )


def test_second_open_period_for_a_project_is_refused_by_the_database():
    project = ProjectFactory()

    with refused_by_the_database(PhasePeriod, "phase_period_one_open_per_project"):
        PhasePeriod.objects.create(
            project=project,
            sequence=2,
            phase=Phase.EXPERIMENTATION,
            planned_start=datetime.date(2022, 7, 1),
            planned_end=datetime.date(2022, 12, 31),
        )


def test_second_lead_in_a_team_is_refused_by_the_database():
    application = ApplicationFactory()

    with refused_by_the_database(TeamMember, "team_member_one_lead"):
        TeamMemberFactory(application=application, role=MemberRole.LEAD)


def test_same_email_twice_in_a_team_is_refused_by_the_database():
    application = ApplicationFactory()
    lead = application.team_members.get()

    with refused_by_the_database(TeamMember, "team_member_unique_email"):
        TeamMemberFactory(application=application, email=lead.email)


def test_project_phase_outside_the_choices_is_refused_by_the_database():
    project = ProjectFactory()

    with refused_by_the_database(Project, "project_phase_valid"):
        type(project).objects.filter(pk=project.pk).update(phase="finished")


def test_reintegration_without_outcome_is_refused_by_the_database():
    project = ProjectFactory()

    with refused_by_the_database(Project, "project_outcome_only_on_reintegration"):
        type(project).objects.filter(pk=project.pk).update(phase=Phase.REINTEGRATION)


def test_deleting_an_application_with_history_is_refused():
    application = ApplicationFactory(submitted=True)

    with pytest.raises(ProtectedError):
        application.delete()

    assert application.transitions.count() == 1


def test_deleting_a_project_with_history_is_refused():
    project = ProjectFactory()

    with pytest.raises(ProtectedError):
        project.delete()

    assert project.transitions.count() == 1


def test_team_member_missing_details_names_the_empty_fields_of_their_kind():
    member = TeamMemberFactory.build(student=True, school=None)

    assert [str(label) for label in member.missing_details()] == ["école"]


def test_team_member_without_account_is_allowed():
    member = TeamMemberFactory(user=None)

    assert TeamMember.objects.get(pk=member.pk).user is None
