"""One person per role, and data each of them could leak, for permission tests."""

from types import SimpleNamespace

from jury.enums import CriterionGrid, MemberRole, Outcome, SessionStatus
from jury.services import declare_conflict, move_session, record_decision, record_score
from projects.letters import write_letter
from projects.models import Attachment
from tests.editions.factories import CallFactory
from tests.jury.factories import (
    CriterionFactory,
    JuryMemberFactory,
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

ROLES = (
    "anonymous",
    "applicant",
    "other_applicant",
    "jury_member",
    "president",
    "secretary",
    "withdrawn_member",
    "coach",
    "other_coach",
    "staff",
    "staff_without_permission",
)
# Staff signed in by password or link who has not passed the second factor: refused on
# every admin page (``tests/admin_url_table.py``). Not one of ``ROLES``: on the site it
# is checked by ``tests/programme/test_second_factor.py``.
UNVERIFIED_STAFF = "staff_without_second_factor"
# The members convened to both sessions, and the role of each on the jury.
JURY_ROLES = {
    "jury_member": MemberRole.ELECTED_OFFICIAL,
    "president": MemberRole.PRESIDENT,
    "secretary": MemberRole.SECRETARY,
    "withdrawn_member": MemberRole.QUALIFIED_PERSON,
}
# What a refused person must never read, wherever it is planted in the world.
SECRETS = (
    "Candidature confidentielle",
    "Commentaire de note confidentiel",
    "Motif interne confidentiel",
    "Indicateur confidentiel",
)


def build_world():
    """A draft in an open call (its lead is the applicant), with a member whose manager
    must answer and a file, and another team's draft; a laureate project with its coach,
    the applicant on its team, its decision letter, and its follow-up (a coaching entry, a
    milestone, an unpublished indicator with a measurement to check, a draft report);
    another project with its own coach; a published news item; a jury of four convened to
    a session in deliberation (one of them withdrew from its item) and to a closed
    session; staff (and staff who has not passed the second factor), and a person with
    admin access but no staff group."""
    call = CallFactory(open_now=True)
    draft = ApplicationFactory(call=call, title="Candidature confidentielle")
    other_draft = ApplicationFactory(call=call, title="Brouillon d'une autre équipe")
    member = TeamMemberFactory(application=draft, manager_agreed=False)
    attachment = _attach(draft, "pitch.pdf")
    project = ProjectFactory()
    period = project.periods.get()
    coach = UserFactory()
    period.coaches.add(coach)
    TeamMemberFactory(
        application=project.application, user=draft.created_by, email=draft.created_by.email
    )
    other_project = ProjectFactory(application__title="Projet d'un autre coach")
    other_coach = UserFactory()
    other_project.periods.get().coaches.add(other_coach)
    indicator = ImpactIndicatorFactory(
        project=project, name="Indicateur confidentiel", is_published=False
    )
    staff = UserFactory(innovation_staff=True)
    jury = {role: JuryMemberFactory(role=member_role) for role, member_role in JURY_ROLES.items()}
    jury_sessions = _jury_sessions(jury, project, staff)
    return SimpleNamespace(
        call=call,
        draft=draft,
        other_draft=other_draft,
        member=member,
        attachment=attachment,
        project=project,
        other_project=other_project,
        news=NewsItemFactory(published=True),
        letter=_letter(project, staff),
        jury=jury,
        **jury_sessions,
        coaching_entry=CoachingEntryFactory(period=period, coach=coach),
        milestone=MilestoneFactory(period=period),
        indicator=indicator,
        measurement=MeasurementFactory(indicator=indicator),
        report=PhaseReportFactory(period=period),
        users={
            "anonymous": None,
            "applicant": draft.created_by,
            "other_applicant": other_draft.created_by,
            **{role: jury_member.user for role, jury_member in jury.items()},
            "coach": coach,
            "other_coach": other_coach,
            "staff": staff,
            "staff_without_permission": UserFactory(is_staff=True),
            UNVERIFIED_STAFF: UserFactory(innovation_staff=True),
        },
    )


def _letter(project, staff):
    """The decision letter of the project's birth, kept on its application: only its team
    and staff may read it."""
    birth = project.transitions.get()
    return write_letter(birth, actor=staff, at=birth.at, reasons="Motif interne confidentiel")


def _attach(application, name):
    return Attachment.objects.create(
        application=application,
        file=uploads.pdf(),
        original_name=name,
        content_type="application/pdf",
        size=len(uploads.PDF),
        uploaded_by=application.created_by,
    )


def _jury_sessions(jury, project, staff):
    """A session in deliberation reviewing ``project`` (with a file): the jury member
    scored it with a comment, the withdrawn member withdrew, and the decision is recorded
    with internal reasons; a closed session with its minutes; a session in scoring,
    whose deliberation the chair may open; and a planned session, whose averaging the
    chair may still choose."""
    _attach(project.application, "bilan.pdf")
    convened = {"programme": jury["president"].programme, "convened": list(jury.values())}
    session = SessionFactory(
        **convened, reviews=[{"project": project}], scoring=True, moved_by=staff
    )
    criterion = CriterionFactory(session=session, grid=CriterionGrid.REVIEW)
    review = session.items.get()
    mark = record_score(
        review,
        member=jury["jury_member"],
        criterion=criterion,
        value=4,
        comment="Commentaire de note confidentiel",
    )
    conflict = declare_conflict(
        review, member=jury["withdrawn_member"], actor=jury["withdrawn_member"].user
    )
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    decision = record_decision(
        review,
        outcome=Outcome.CONTINUE,
        actor=staff,
        public_reasons="Le repérage fonctionne.",
        private_reasons="Motif interne confidentiel",
    )
    closed_session = SessionFactory(
        **convened,
        reviews=[{"project__experimentation": True}],
        decisions=[Outcome.RENEW],
        closed=True,
        moved_by=staff,
    )
    return {
        "scoring_session": SessionFactory(**convened, pitches=1, scoring=True, moved_by=staff),
        "planned_session": SessionFactory(**convened, pitches=1, moved_by=staff),
        "session": session,
        "criterion": criterion,
        "review": review,
        "review_attachment": project.application.attachments.get(),
        "mark": mark,
        "conflict": conflict,
        "decision": decision,
        "closed_session": closed_session,
    }
