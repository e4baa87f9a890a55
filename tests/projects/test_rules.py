"""Every permission of ``projects/rules.py`` for every role, in each state it depends on:
a draft or a submitted application, a running or an ended project, and the follow-up
objects a permission is checked on."""

import pytest

from editions.enums import Phase
from projects.models import Project
from tests.projects.factories import ApplicationFactory
from tests.projects.helpers import decide_project
from tests.roles import ROLES
from tests.rules_table import cases, person, registered_permissions

TEAM = {"applicant"}
STAFF = {"staff"}
COACH = {"coach"}
NOBODY = set()


def submitted(world):
    """A submitted application of the applicant's (the world's draft waits for a
    manager's answer, so it cannot be submitted)."""
    return ApplicationFactory(submitted=True, created_by=world.users["applicant"])


def ended(world):
    project = Project.objects.get(pk=world.project.pk)
    decide_project(project, Phase.ABANDONED, actor=world.users["staff"])
    return project


OBJECTS = {
    "draft": lambda w: w.draft,
    "submitted": submitted,
    "attachment": lambda w: w.attachment,
    "letter": lambda w: w.letter,
    "running": lambda w: w.project,
    "ended": ended,
    "period": lambda w: w.project.periods.get(),
    "milestone": lambda w: w.milestone,
    "indicator": lambda w: w.indicator,
    "measurement": lambda w: w.measurement,
    "report": lambda w: w.report,
}
# (permission, object) → the roles holding it.
TABLE = {
    ("projects.see_application", "draft"): TEAM | STAFF,
    ("projects.see_application", "submitted"): TEAM | STAFF,
    ("projects.act_for_team", "draft"): TEAM,
    ("projects.act_for_team", "submitted"): TEAM,
    ("projects.edit_application", "draft"): TEAM,
    ("projects.edit_application", "submitted"): NOBODY,
    ("projects.withdraw_application", "draft"): NOBODY,
    ("projects.withdraw_application", "submitted"): TEAM,
    ("projects.download_attachment", "attachment"): TEAM | STAFF,
    ("projects.download_decision_letter", "letter"): TEAM | STAFF,
    ("projects.follow_project", "running"): TEAM | COACH | STAFF,
    ("projects.follow_project", "ended"): TEAM | COACH | STAFF,
    ("projects.follow_project", "period"): TEAM | COACH | STAFF,
    ("projects.follow_project", "milestone"): TEAM | COACH | STAFF,
    ("projects.follow_project", "indicator"): TEAM | COACH | STAFF,
    ("projects.follow_project", "measurement"): TEAM | COACH | STAFF,
    ("projects.follow_project", "report"): TEAM | COACH | STAFF,
    ("projects.log_coaching", "running"): COACH | STAFF,
    ("projects.log_coaching", "ended"): NOBODY,
    ("projects.keep_follow_up", "running"): TEAM | COACH,
    ("projects.keep_follow_up", "ended"): NOBODY,
    ("projects.keep_follow_up", "milestone"): TEAM | COACH,
    ("projects.keep_follow_up", "indicator"): TEAM | COACH,
    ("projects.declare_time", "running"): TEAM,
    ("projects.declare_time", "ended"): NOBODY,
    # The report of an ended phase is still written (it is due at its end).
    ("projects.write_report", "running"): TEAM,
    ("projects.write_report", "ended"): TEAM,
    ("projects.write_report", "report"): TEAM,
    ("projects.review_measurement", "measurement"): STAFF,
}


def test_every_permission_of_the_app_has_rows_in_the_table():
    assert {permission for permission, _state in TABLE} == registered_permissions("projects")


def test_every_row_names_a_known_object():
    assert {state for _permission, state in TABLE} <= set(OBJECTS)


@pytest.mark.parametrize(("permission", "state", "role"), cases(TABLE))
def test_each_role_holds_exactly_the_projects_permissions_the_table_gives_it(
    shared_world, db, permission, state, role
):
    obj = OBJECTS[state](shared_world)

    allowed = person(shared_world, role).has_perm(permission, obj)

    assert allowed == (role in TABLE[permission, state])


def test_the_table_names_only_roles_of_the_world():
    assert set().union(*TABLE.values()) <= set(ROLES)
