"""Every mutating service writes its audit entry, with its actor, in its transaction.

``tests/test_architecture.py`` checks the shape (each writing service calls
``audit.record`` and uses its actor); these tests run the services and read the log.
"""

from decimal import Decimal

import pytest

from editions.enums import Phase
from jury.enums import Attendance, Outcome, SessionStatus
from jury.services import (
    add_default_criteria,
    declare_conflict,
    freeze_item_scoring,
    invite_members,
    move_session,
    publish_decisions,
    record_attendance,
    record_attendance_sheet,
    record_decision,
    record_score,
    remove_item,
    reopen_item_scoring,
    store_minutes_pdf,
)
from programme.models import AuditEntry
from programme.retention import erase_account
from projects.applications.services.team import (
    add_attachment,
    add_member,
    claim_memberships,
    record_manager_response,
    remove_attachment,
    remove_member,
    start_application,
    update_member,
)
from projects.enums import ApplicationStatus, MemberKind
from projects.laureates.services.follow_up import (
    declare_time,
    reopen_phase_report,
    review_measurement,
    save_phase_report_draft,
    set_milestone_status,
    submit_phase_report,
)
from projects.retention import anonymise_application, anonymise_member, delete_draft
from projects.rights import erase_person, export_person
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    JuryMemberFactory,
    ReviewItemFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.programme.factories import UserFactory
from tests.projects import uploads
from tests.projects.factories import (
    ApplicationFactory,
    MeasurementFactory,
    MilestoneFactory,
    PhaseReportFactory,
    ProjectFactory,
)
from tests.projects.helpers import decide_application, decide_project

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def logged_since(mark):
    """The (action, actor) of the entries written after ``mark`` (the last pk before)."""
    return [(e.action, e.actor) for e in AuditEntry.objects.filter(pk__gt=mark).order_by("pk")]


def last_pk():
    return AuditEntry.objects.order_by("pk").values_list("pk", flat=True).last() or 0


def test_a_teams_draft_work_is_logged_by_its_author(open_call, media_root):
    lead = UserFactory()
    application = start_application(open_call, title="Jardins partagés", actor=lead)
    member = add_member(
        application,
        actor=lead,
        email="Camille@example.fr",
        first_name="Camille",
        last_name="Roux",
        kind=MemberKind.STUDENT,
    )
    update_member(member, actor=lead, last_name="Rousseau")
    attachment = add_attachment(application, uploads.pdf(), actor=lead)
    remove_attachment(attachment, actor=lead)
    remove_member(member, actor=lead)

    logged = [
        (entry.action, entry.actor, entry.object_repr)
        for entry in AuditEntry.objects.order_by("pk")
    ]
    assert [action for action, _actor, _repr in logged] == [
        "application.start",
        "team.add_member",
        "team.update_member",
        "application.add_attachment",
        "application.remove_attachment",
        "team.remove_member",
    ]
    assert {actor for _action, actor, _repr in logged} == {lead}
    assert entries("team.update_member")[0].changes == {"last_name": ["Roux", "Rousseau"]}
    assert entries("team.add_member")[0].changes["email"] == [None, "camille@example.fr"]


def test_the_managers_answer_is_logged_without_an_actor_naming_the_manager(open_call):
    application = ApplicationFactory(call=open_call)
    member = application.team_members.get()
    member.manager_email = "chef@example.fr"
    member.manager_response = "pending"
    member.save()
    mark = last_pk()

    record_manager_response(member, "agreed")

    (entry,) = AuditEntry.objects.filter(pk__gt=mark)
    assert (entry.actor, entry.reason, entry.changes) == (
        None,
        "chef@example.fr",
        {"manager_response": ["pending", "agreed"]},
    )


def test_claiming_an_invitation_is_logged_by_the_person_signing_in(open_call):
    application = ApplicationFactory(call=open_call)
    add_member(application, actor=application.created_by, email="nouveau@example.fr")
    newcomer = UserFactory(email="nouveau@example.fr")

    claim_memberships(newcomer)

    (entry,) = entries("team.claim_membership")
    assert (entry.actor, entry.changes) == (newcomer, {"user": [None, newcomer.pk]})


def test_a_move_of_an_application_is_logged_under_its_name_and_linked_to_its_history():
    application = ApplicationFactory(submitted=True)
    staff = UserFactory(innovation_staff=True)

    history = decide_application(
        application, ApplicationStatus.SHORTLISTED, actor=staff, reason="Dossier complet."
    )

    assert history.move == "shortlist"
    entry = history.audit_entry
    assert (entry.action, entry.actor, entry.reason) == (
        "application.shortlist",
        staff,
        "Dossier complet.",
    )
    assert entry.changes["status"] == ["submitted", "shortlisted"]
    assert entry.action_label == "Présélectionner"


def test_a_renewal_is_an_explicit_move_in_the_log_and_the_history(staff):
    project = ProjectFactory(experimentation=True)

    history = decide_project(project, Phase.EXPERIMENTATION, actor=staff)

    assert (history.move, history.is_renewal) == ("renew", True)
    assert history.audit_entry.action == "project.renew"
    assert set(history.audit_entry.changes) >= {"closed_period", "opened_period"}


def test_the_follow_up_moves_are_logged_with_their_actor(staff):
    project = ProjectFactory()
    period = project.periods.get()
    coach = UserFactory()
    milestone = MilestoneFactory(period=period)
    measurement = MeasurementFactory(indicator__project=project)
    report = PhaseReportFactory(period=period)
    lead = project.application.created_by
    mark = last_pk()

    set_milestone_status(milestone, "dropped", actor=coach, note="Hors périmètre.")
    review_measurement(measurement, actor=staff, accept=False, note="Source manquante.")
    save_phase_report_draft(period, {"results": "Mieux."}, actor=lead)
    submit_phase_report(report, actor=lead, notify=False)
    reopen_phase_report(report, actor=staff, reason="Chiffres de mai.")

    assert logged_since(mark) == [
        ("milestone.drop", coach),
        ("measurement.reject", staff),
        ("phase_report.save_draft", lead),
        ("phase_report.submit", lead),
        ("phase_report.give_back", staff),
    ]
    assert entries("milestone.drop")[0].reason == "Hors périmètre."


def test_a_time_declaration_is_logged_on_the_period_with_the_days_before_and_after():
    project = ProjectFactory()
    period = project.periods.get()
    lead = project.application.created_by
    member = project.application.team_members.get()
    month = period.starts_on.replace(day=1)

    declare_time(period, month, {member: Decimal("2.0")}, actor=lead)
    declare_time(period, month, {member: Decimal("3.5")}, actor=lead)

    first, second = entries("follow_up.declare_time")
    assert (first.actor, first.changes) == (lead, {member.full_name: [None, "2.0"]})
    assert second.changes == {member.full_name: ["2.0", "3.5"]}


def test_the_jurys_day_is_logged_step_by_step(staff):
    session = SessionFactory()
    member = ConvocationFactory(session=session).member
    item = SelectionItemFactory(session=session)
    criterion = CriterionFactory(session=session)
    mark = last_pk()

    add_default_criteria(SessionFactory(), actor=staff)
    invite_members(session, actor=staff)
    record_attendance(session, member=member, attendance=Attendance.PRESENT, actor=staff)
    move_session(session, SessionStatus.SCORING, actor=staff)
    record_score(item, member=member, criterion=criterion, value=4)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    record_decision(item, outcome=Outcome.SELECTED, actor=staff, votes_for=1)
    move_session(session, SessionStatus.CLOSED, actor=staff)
    publish_decisions(session, actor=staff, notify=False)

    assert logged_since(mark) == [
        ("session.add_default_criteria", staff),
        ("session.invite_members", staff),
        ("jury.record_attendance", staff),
        ("session.open_scoring", staff),
        ("jury.record_score", member.user),
        ("session.open_deliberation", staff),
        ("jury.record_decision", staff),
        ("application.select", staff),
        ("project.create", staff),
        ("session.close", staff),
        ("history.publish", staff),
        ("letter.write", staff),
        ("project.publish_page", staff),
        ("session.publish_decisions", staff),
    ]


def test_a_withdrawal_is_logged_once(staff):
    item = ReviewItemFactory()
    member = ConvocationFactory(session=item.session).member

    declare_conflict(item, member=member, actor=member.user, reason="Lien familial.")
    declare_conflict(item, member=member, actor=member.user, reason="Lien familial.")

    (entry,) = entries("jury.declare_conflict")
    assert (entry.actor, entry.reason) == (member.user, "Lien familial.")


def test_the_chairs_changes_to_the_frozen_agenda_are_logged_with_their_reasons(staff):
    president = JuryMemberFactory(president=True)
    session = SessionFactory(pitches=2, convened=[president], deliberation=True, moved_by=staff)
    first, second = session.items.order_by("position")
    mark = last_pk()

    reopen_item_scoring(first, reason="Question à l'équipe.", actor=president.user)
    freeze_item_scoring(first, actor=president.user)
    remove_item(second, reason="Candidature retirée.", actor=president.user)
    record_attendance_sheet(session, {president.pk: (Attendance.PRESENT, 1)}, actor=president.user)

    assert logged_since(mark) == [
        ("jury.reopen_item_scoring", president.user),
        ("jury.freeze_item_scoring", president.user),
        ("jury.remove_item", president.user),
        ("jury.record_attendance", president.user),
    ]
    assert [e.reason for e in entries("jury.reopen_item_scoring")] == ["Question à l'équipe."]
    assert [e.reason for e in entries("jury.remove_item")] == ["Candidature retirée."]
    (attendance,) = entries("jury.record_attendance")
    assert attendance.changes == {"arrived_after": [None, 1]}


def test_an_anonymisation_by_staff_is_logged_on_each_object_by_them(staff, media_root):
    turned_down = ApplicationFactory(not_selected=True)
    member = ProjectFactory().application.team_members.get()
    draft = ApplicationFactory()
    mark = last_pk()

    anonymise_application(turned_down, actor=staff, reason="Demande d'effacement.")
    anonymise_member(member, actor=staff)
    delete_draft(draft, actor=staff)
    erase_account(turned_down.created_by, actor=staff)

    assert logged_since(mark) == [
        ("team.anonymise_member", staff),
        ("application.anonymise", staff),
        ("team.anonymise_member", staff),
        ("team.anonymise_member", staff),
        ("application.anonymise", staff),
        ("application.delete_draft", staff),
        ("account.erase", staff),
    ]
    assert entries("application.anonymise")[0].reason == "Demande d'effacement."


def test_storing_the_minutes_pdf_is_logged_once_with_its_hash(staff, media_root):
    session = SessionFactory(
        pitches=1, convened=1, decisions=[Outcome.SELECTED], closed=True, moved_by=staff
    )
    reader = UserFactory()
    mark = last_pk()

    record = store_minutes_pdf(session, actor=reader)
    store_minutes_pdf(session, actor=staff)

    assert logged_since(mark) == [("session.store_minutes", reader)]
    (entry,) = entries("session.store_minutes")
    assert (entry.object_id, entry.changes) == (
        str(session.pk),
        {"minutes_sha256": [None, record.sha256]},
    )


def test_a_persons_export_and_erasure_are_logged_by_staff(staff, media_root):
    person = ApplicationFactory().created_by
    mark = last_pk()

    export_person(person, actor=staff)
    erase_person(person, actor=staff, reason="Demande de la personne.")

    assert logged_since(mark) == [
        ("person.export", staff),
        ("team.anonymise_member", staff),
        ("person.erase", staff),
        ("account.erase", staff),
    ]
    assert [e.reason for e in entries("person.erase")] == ["Demande de la personne."]
