"""One person per role, and data each of them could leak, for permission tests."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from jury.enums import MemberRole
from projects.models import Attachment
from tests.editions.factories import CallFactory
from tests.jury.factories import JuryMemberFactory
from tests.programme.factories import UserFactory
from tests.projects import uploads
from tests.projects.factories import ApplicationFactory, ProjectFactory, TeamMemberFactory

ROLES = ("anonymous", "applicant", "jury_member", "coach", "staff")


def build_world():
    """A draft in an open call (its lead is the applicant), with a member whose manager
    must answer and a file; a laureate project with its coach; a jury president; staff."""
    now = timezone.now()
    call = CallFactory(
        opens_at=now - datetime.timedelta(days=10), closes_at=now + datetime.timedelta(days=10)
    )
    draft = ApplicationFactory(call=call, title="Candidature confidentielle")
    member = TeamMemberFactory(application=draft, manager_agreed=False)
    attachment = Attachment.objects.create(
        application=draft,
        file=uploads.pdf(),
        original_name="pitch.pdf",
        content_type="application/pdf",
        size=len(uploads.PDF),
        uploaded_by=draft.created_by,
    )
    project = ProjectFactory()
    coach = UserFactory()
    project.periods.get().coaches.add(coach)
    return SimpleNamespace(
        call=call,
        draft=draft,
        member=member,
        attachment=attachment,
        project=project,
        users={
            "anonymous": None,
            "applicant": draft.created_by,
            "jury_member": JuryMemberFactory(role=MemberRole.PRESIDENT).user,
            "coach": coach,
            "staff": UserFactory(innovation_staff=True),
        },
    )
