"""One person per role, and data each of them could leak, for permission tests."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from jury.enums import Attendance, MemberRole, Outcome, SessionStatus
from jury.services import move_session, record_decision
from projects.models import Attachment
from tests.editions.factories import CallFactory
from tests.jury.factories import (
    ConvocationFactory,
    JuryMemberFactory,
    ReviewItemFactory,
    SessionFactory,
)
from tests.programme.factories import NewsItemFactory, UserFactory
from tests.projects import uploads
from tests.projects.factories import (
    ApplicationFactory,
    CoachingEntryFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    PhaseReportFactory,
    ProjectFactory,
    TeamMemberFactory,
)

ROLES = ("anonymous", "applicant", "jury_member", "coach", "staff")


def build_world():
    """A draft in an open call (its lead is the applicant), with a member whose manager
    must answer and a file; a laureate project with its coach, the applicant on its team,
    and its follow-up (a coaching entry, a milestone, an unpublished indicator with a
    measurement to check, a draft report); a published news item; a jury president;
    staff."""
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
    news = NewsItemFactory(published=True)
    coach = UserFactory()
    period = project.periods.get()
    period.coaches.add(coach)
    TeamMemberFactory(
        application=project.application, user=draft.created_by, email=draft.created_by.email
    )
    indicator = ImpactIndicatorFactory(project=project, name="Indicateur confidentiel")
    staff = UserFactory(innovation_staff=True)
    president = JuryMemberFactory(role=MemberRole.PRESIDENT)
    session, review, closed_session = _jury_sessions(president, project, staff)
    return SimpleNamespace(
        call=call,
        draft=draft,
        member=member,
        attachment=attachment,
        project=project,
        news=news,
        session=session,
        review=review,
        review_attachment=review.project.application.attachments.get(),
        closed_session=closed_session,
        coaching_entry=CoachingEntryFactory(period=period, coach=coach),
        milestone=MilestoneFactory(period=period),
        indicator=indicator,
        measurement=MeasurementFactory(indicator=indicator),
        report=PhaseReportFactory(period=period),
        users={
            "anonymous": None,
            "applicant": draft.created_by,
            "jury_member": president.user,
            "coach": coach,
            "staff": staff,
        },
    )


def _jury_sessions(president, project, staff):
    """A session in deliberation where the president sits, reviewing ``project`` (with a
    file), and a closed session with its minutes."""
    Attachment.objects.create(
        application=project.application,
        file=uploads.pdf(),
        original_name="bilan.pdf",
        content_type="application/pdf",
        size=len(uploads.PDF),
        uploaded_by=project.application.created_by,
    )
    sessions = []
    for subject in (project, ProjectFactory(experimentation=True)):
        session = SessionFactory(programme=president.programme)
        ConvocationFactory(session=session, member=president, attendance=Attendance.PRESENT)
        item = ReviewItemFactory(session=session, project=subject)
        move_session(session, SessionStatus.SCORING, actor=staff)
        move_session(session, SessionStatus.DELIBERATION, actor=staff)
        sessions.append((session, item))
    (session, review), (closed_session, renewal) = sessions
    record_decision(renewal, outcome=Outcome.RENEW, actor=staff)
    move_session(closed_session, SessionStatus.CLOSED, actor=staff)
    return session, review, closed_session
