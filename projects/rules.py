"""Who may do what to an application, as ``rules`` predicates.

Each permission has a matching QuerySet method (``Application.objects.visible_to``):
views load through it, so what a user may not see is a 404 before any rule runs.
"""

import rules

from programme.rules import is_innovation_staff
from projects.enums import ApplicationStatus


def _application(obj):
    return getattr(obj, "application", obj)


@rules.predicate
def is_team_member(user, obj):
    if obj is None or not user.is_authenticated:
        return False
    return _application(obj).team_members.filter(user=user).exists()


@rules.predicate
def is_draft(user, application):
    return application is not None and application.status == ApplicationStatus.DRAFT


@rules.predicate
def is_withdrawable(user, application):
    return application is not None and application.status in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.SHORTLISTED,
    )


rules.add_perm("projects.see_application", is_team_member | is_innovation_staff)
rules.add_perm("projects.act_for_team", is_team_member)
rules.add_perm("projects.edit_application", is_team_member & is_draft)
rules.add_perm("projects.withdraw_application", is_team_member & is_withdrawable)
rules.add_perm("projects.download_attachment", is_team_member | is_innovation_staff)
