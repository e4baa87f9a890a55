"""Who may do what to an application, as ``rules`` predicates.

Each permission has a matching QuerySet method (``Application.objects.visible_to``):
views load through it, so what a user may not see is a 404 before any rule runs.
"""

import rules

from programme.rules import is_innovation_staff, signed_in_on_object
from projects.applications.transitions import APPLICATION_LIFECYCLE


def _application(obj):
    return getattr(obj, "application", obj)


@signed_in_on_object
def is_team_member(user, obj):
    return _application(obj).team_members.filter(user=user).exists()


def _project(obj):
    """The project a follow-up object belongs to (the project itself, a period, an
    indicator, a milestone...)."""
    for path in ("period", "indicator"):
        obj = getattr(obj, path, obj)
    return getattr(obj, "project", obj)


@signed_in_on_object
def is_project_coach(user, obj):
    return _project(obj).periods.filter(coaches=user).exists()


@signed_in_on_object
def is_project_team(user, obj):
    return _project(obj).application.team_members.filter(user=user).exists()


@rules.predicate
def is_running(user, obj):
    return obj is not None and _project(obj).is_running


@rules.predicate
def is_draft(user, application):
    return application is not None and application.is_draft


@rules.predicate
def is_withdrawable(user, application):
    """The application's table has a « withdraw » move from its status."""
    return application is not None and APPLICATION_LIFECYCLE.can(application, "withdraw")


rules.add_perm("projects.see_application", is_team_member | is_innovation_staff)
rules.add_perm("projects.act_for_team", is_team_member)
rules.add_perm("projects.edit_application", is_team_member & is_draft)
rules.add_perm("projects.withdraw_application", is_team_member & is_withdrawable)
rules.add_perm("projects.download_attachment", is_team_member | is_innovation_staff)
rules.add_perm("projects.download_decision_letter", is_team_member | is_innovation_staff)

# Following a laureate (issue 8): the team, its coaches and staff read everything of it;
# the coaches log coaching; the team declares its time and writes its report; either
# keeps milestones and indicators while the project runs; staff check measurements.
rules.add_perm("projects.follow_project", is_project_team | is_project_coach | is_innovation_staff)
rules.add_perm("projects.log_coaching", (is_project_coach | is_innovation_staff) & is_running)
rules.add_perm("projects.keep_follow_up", (is_project_team | is_project_coach) & is_running)
rules.add_perm("projects.declare_time", is_project_team & is_running)
rules.add_perm("projects.write_report", is_project_team)
rules.add_perm("projects.review_measurement", is_innovation_staff)
