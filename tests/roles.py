"""One user per role, with the memberships that make the role, for permission tests."""

from jury.enums import MemberRole
from tests.jury.factories import JuryMemberFactory
from tests.programme.factories import UserFactory
from tests.projects.factories import ProjectFactory

ROLES = ("anonymous", "applicant", "jury_member", "coach", "staff")


def make_role_user(role):
    if role == "anonymous":
        return None
    if role == "staff":
        return UserFactory(innovation_staff=True)
    if role == "jury_member":
        return JuryMemberFactory(role=MemberRole.PRESIDENT).user
    project = ProjectFactory()
    if role == "coach":
        coach = UserFactory()
        project.periods.get().coaches.add(coach)
        return coach
    return project.application.created_by
