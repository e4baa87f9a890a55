"""Every application and follow-up permission for every role, on each object it guards."""

import pytest
from django.contrib.auth.models import AnonymousUser

from editions.enums import Phase
from programme.enums import DecisionSource
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    REVIEWED_AT,
    ApplicationFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.projects.helpers import decide_project

pytestmark = pytest.mark.django_db
ROLES = ("team", "coach", "other_coach", "other_team", "staff", "anonymous")


def users(project):
    coach, other_coach = UserFactory(), UserFactory()
    project.periods.get().coaches.add(coach)
    ProjectFactory().periods.get().coaches.add(other_coach)
    return {
        "team": project.application.created_by,
        "coach": coach,
        "other_coach": other_coach,
        "other_team": ApplicationFactory().created_by,
        "staff": UserFactory(innovation_staff=True),
        "anonymous": AnonymousUser(),
    }


# role: see, act_for_team, edit (draft), withdraw (submitted), download
APPLICATION = {
    "team": (True, True, True, True, True),
    "coach": (False, False, False, False, False),
    "other_coach": (False, False, False, False, False),
    "other_team": (False, False, False, False, False),
    "staff": (True, False, False, False, True),
    "anonymous": (False, False, False, False, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_has_exactly_its_application_permissions(role):
    draft = ApplicationFactory()
    submitted = ApplicationFactory(submitted=True, created_by=draft.created_by)
    member = submitted.team_members.get()
    user = users(ProjectFactory(application__created_by=draft.created_by))[role]

    granted = (
        user.has_perm("projects.see_application", draft),
        user.has_perm("projects.act_for_team", member),
        user.has_perm("projects.edit_application", draft),
        user.has_perm("projects.withdraw_application", submitted),
        user.has_perm("projects.download_attachment", member),
    )

    assert granted == APPLICATION[role]


def test_an_application_past_its_draft_is_neither_edited_nor_withdrawn_twice():
    selected = ApplicationFactory(selected=True)
    team = selected.created_by

    assert team.has_perm("projects.edit_application", selected) is False
    assert team.has_perm("projects.withdraw_application", selected) is False
    assert team.has_perm("projects.withdraw_application", None) is False


# role: follow, log_coaching, keep_follow_up, declare_time, write_report, review_measurement
FOLLOW_UP = {
    "team": (True, False, True, True, True, False),
    "coach": (True, True, True, False, False, False),
    "other_coach": (False, False, False, False, False, False),
    "other_team": (False, False, False, False, False, False),
    "staff": (True, True, False, False, False, True),
    "anonymous": (False, False, False, False, False, False),
}
FOLLOW_UP_PERMS = (
    "projects.follow_project",
    "projects.log_coaching",
    "projects.keep_follow_up",
    "projects.declare_time",
    "projects.write_report",
    "projects.review_measurement",
)


@pytest.mark.parametrize("subject", ["project", "period", "milestone", "indicator", "measurement"])
@pytest.mark.parametrize("role", ROLES)
def test_each_role_has_exactly_its_follow_up_permissions_on_each_object(role, subject):
    project = ProjectFactory()
    user = users(project)[role]
    period = project.periods.get()
    indicator = ImpactIndicatorFactory(project=project)
    objects = {
        "project": project,
        "period": period,
        "milestone": MilestoneFactory(period=period),
        "indicator": indicator,
        "measurement": MeasurementFactory(indicator=indicator),
    }

    granted = tuple(user.has_perm(perm, objects[subject]) for perm in FOLLOW_UP_PERMS)

    assert granted == FOLLOW_UP[role]


def test_a_project_that_ended_is_read_but_no_longer_kept():
    project = ProjectFactory()
    team = project.application.created_by
    TeamMemberFactory(application=project.application)
    decide_project(project, Phase.ABANDONED, decided_by=DecisionSource.TEAM, at=REVIEWED_AT)

    granted = tuple(team.has_perm(perm, project) for perm in FOLLOW_UP_PERMS)

    assert granted == (True, False, False, False, True, False)
