"""The retention schedule on dated data: what it anonymises or deletes, and nothing else.

« Now » is frozen by passing ``at=`` to the service; the data is made by the factories
and the real services, so every copy a service makes of a name (audit log, history,
e-mail queue, admin history) is there to be found.
"""

import datetime

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from programme.models import AuditEntry
from programme.retention import apply_retention
from projects.applications.services.team import (
    add_attachment,
    add_member,
    record_manager_response,
    update_member,
)
from projects.enums import ApplicationStatus, ManagerResponse, MemberKind
from projects.models import Application, Attachment, TeamMember
from projects.retention import anonymise_member
from tests.editions.factories import CallFactory
from tests.programme.factories import OrganisationFactory
from tests.projects import uploads
from tests.projects.factories import (
    ApplicationFactory,
    ProjectFactory,
    TeamMemberFactory,
    TimeDeclarationFactory,
)
from tests.projects.helpers import decide_application, submit

pytestmark = pytest.mark.django_db

FIRST, LAST = "Zéphyrine", "Quintal-Planté"
EMAIL = "zephyrine.quintal@planted.test"
MANAGER_NAME, MANAGER_EMAIL = "Bérangère Témoin", "chef.temoin@planted.test"
FILE_NAME = "cv-quintal-plante.pdf"
PLANTED = [f"{FIRST} {LAST}", LAST, EMAIL, MANAGER_NAME, MANAGER_EMAIL, FILE_NAME]
KEPT_NAME = "Gaspard Conservé"
DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)


def everything():
    """Every row of every table, as text (the audit log, the queue and sessions too)."""
    return "\n".join(
        repr(list(model._default_manager.values_list()))
        for model in apps.get_models()
        if model._meta.managed
    ).lower()


def turned_down(now, staff, *, first_name, last_name, email, manager, file_name, decided_at):
    """An application of a call open at ``now``, whose team, files and texts name a
    person through the services (invitation, update, manager's answer, a file, the
    reasons of the decisions), turned down by ``staff`` at ``decided_at``."""
    application = ApplicationFactory(
        call=CallFactory(open_now=True),
        problem=f"{first_name} {last_name} a vu les ruches disparaître.",
    )
    lead = application.created_by
    member = add_member(
        application,
        actor=lead,
        email=email,
        first_name=first_name,
        last_name="Provisoire",
        kind=MemberKind.AGENT,
        department=OrganisationFactory(department=True),
        manager_name=manager[0],
        manager_email=manager[1],
    )
    member = update_member(member, actor=lead, last_name=last_name) or member
    record_manager_response(member, ManagerResponse.AGREED)
    attachment = add_attachment(application, uploads.pdf(name=file_name), actor=lead)
    submit(application, now)
    decide_application(
        application, ApplicationStatus.SHORTLISTED, actor=staff, at=decided_at - MINUTE
    )
    decide_application(
        application,
        ApplicationStatus.NOT_SELECTED,
        actor=staff,
        at=decided_at,
        reason=f"Le jury remercie {first_name} {last_name} de sa présentation.",
    )
    return application, TeamMember.objects.get(pk=member.pk), attachment


def mail_result(email, finished_at):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.SUCCESSFUL,
        finished_at=finished_at,
        run_after=get_date_max(),
        args_kwargs={"args": ["projects/email/invitation", {}, [email]], "kwargs": {}},
        task_path="programme.tasks.send_sign_in_link_mail",
        backend_name="default",
        exception_class_path="",
        traceback="",
    )


@pytest.fixture
def dated(media_root, staff, django_capture_on_commit_callbacks):
    """Two turned-down applications, one two years and a day ago, one a year ago; a
    draft of a long-closed call and one of a recent call; a running laureate and one
    whose run ended five years ago; a finished mail naming the person."""
    now = datetime.datetime.now(datetime.UTC)
    # Its call closes in ten days; staff decide the day after; « now » is then two
    # years and a day later.
    decided_at = now + 11 * DAY
    at = decided_at + 731 * DAY
    with django_capture_on_commit_callbacks(execute=True):
        old, member, attachment = turned_down(
            now,
            staff,
            first_name=FIRST,
            last_name=LAST,
            email=EMAIL,
            manager=(MANAGER_NAME, MANAGER_EMAIL),
            file_name=FILE_NAME,
            decided_at=decided_at,
        )
        recent, *_rest = turned_down(
            now,
            staff,
            first_name="Gaspard",
            last_name="Conservé",
            email="gaspard@kept.test",
            manager=("Léon Gardé", "leon@kept.test"),
            file_name="cv-gaspard.pdf",
            decided_at=now + 400 * DAY,
        )
    LogEntry.objects.create(
        user=recent.created_by,
        content_type=ContentType.objects.get_for_model(TeamMember),
        object_id=str(member.pk),
        object_repr=str(member),
        action_flag=CHANGE,
        change_message=f"{EMAIL} corrigée",
    )
    mail_result(EMAIL, finished_at=at - DAY)
    return {
        "at": at,
        "old": old,
        "member": member,
        "file": attachment.file.name,
        "recent": recent,
        "old_draft": ApplicationFactory(),  # its call closed in January 2022
        "recent_draft": ApplicationFactory(
            call=CallFactory(opens_at=at - 200 * DAY, closes_at=at - 100 * DAY)
        ),
        "running": ProjectFactory(),
        "ended": ProjectFactory(reintegrated=True),
    }


def test_retention_erases_the_planted_person_from_every_table_and_the_file(
    dated, django_capture_on_commit_callbacks
):
    assert all(value.lower() in everything() for value in PLANTED)
    assert default_storage.exists(dated["file"])

    with django_capture_on_commit_callbacks(execute=True):
        apply_retention(at=dated["at"])

    dump = everything()
    assert [value for value in PLANTED if value.lower() in dump] == []
    assert not default_storage.exists(dated["file"])
    assert KEPT_NAME.lower() in dump


def test_retention_keeps_the_turned_down_application_its_status_and_history(dated):
    old = dated["old"]

    apply_retention(at=dated["at"])

    old.refresh_from_db()
    assert (old.status, old.title, old.problem, old.anonymised_at) == (
        ApplicationStatus.NOT_SELECTED,
        dated["old"].title,
        "",
        dated["at"],
    )
    assert [row.move for row in old.transitions.all()] == ["submit", "shortlist", "not_select"]
    assert old.transitions.last().reason == "Le jury remercie *** de sa présentation."
    assert [(m.role, m.kind, m.full_name) for m in old.team_members.order_by("pk")] == [
        ("lead", MemberKind.AGENT, ""),
        ("member", MemberKind.AGENT, ""),
    ]
    assert not Attachment.objects.filter(application=old).exists()


def test_retention_changes_exactly_the_expected_rows(dated):
    report = apply_retention(at=dated["at"])

    assert report == {
        "drafts": 1,
        "unsuccessful": 1,
        "laureates": 1,
        # The accounts of the anonymised teams' leads, left without any role.
        "sign_in": 3,
        "task_results": 0,
    }
    anonymised = Application.objects.exclude(anonymised_at=None).values_list("pk", flat=True)
    assert sorted(anonymised) == sorted([dated["old"].pk, dated["ended"].application_id])
    assert not Application.objects.filter(pk=dated["old_draft"].pk).exists()
    assert Application.objects.filter(pk=dated["recent_draft"].pk).exists()
    kept = [dated["recent"], dated["running"].application, dated["recent_draft"]]
    assert all(
        not member.email.endswith("anonyme.invalid")
        for application in kept
        for member in application.team_members.all()
    )


def test_retention_writes_one_entry_per_anonymised_object_without_an_actor(dated):
    mark = AuditEntry.objects.order_by("pk").last().pk

    apply_retention(at=dated["at"])

    logged = AuditEntry.objects.filter(pk__gt=mark)
    assert {entry.actor for entry in logged} == {None}
    counts = {
        action: logged.filter(action=action).count()
        for action in ("application.anonymise", "application.delete_draft", "team.anonymise_member")
    }
    # The old application (lead and member), the ended laureate and the deleted draft.
    assert counts == {
        "application.anonymise": 3,
        "application.delete_draft": 1,
        "team.anonymise_member": 4,
    }
    assert logged.filter(action="account.erase").count() == 3


def test_retention_twice_changes_nothing_the_second_time(dated):
    apply_retention(at=dated["at"])
    before = everything()

    report = apply_retention(at=dated["at"])

    assert set(report.values()) == {0}
    assert everything() == before


def test_a_dry_run_changes_nothing_and_reports_the_same_counts(
    dated, django_capture_on_commit_callbacks
):
    before = everything()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        dry = apply_retention(at=dated["at"], dry_run=True)

    assert callbacks == []

    assert everything() == before
    assert default_storage.exists(dated["file"])
    assert dry == apply_retention(at=dated["at"])


def test_the_laureates_time_comments_go_with_their_team(media_root):
    project = ProjectFactory(reintegrated=True)
    declaration = TimeDeclarationFactory(
        period=project.periods.get(), comment="Arrêt maladie en avril."
    )

    apply_retention(at=datetime.datetime(2028, 1, 1, tzinfo=datetime.UTC))

    declaration.refresh_from_db()
    assert declaration.comment == ""
    assert declaration.member.full_name == ""


def test_the_command_reports_its_counts_and_its_dry_run_changes_nothing(media_root, capsys):
    # The command runs at the real « now »: turned down in March 2022, long enough ago.
    application = ApplicationFactory(not_selected=True)

    call_command("apply_retention", "--dry-run")
    dry = capsys.readouterr().out
    application.refresh_from_db()
    assert application.anonymised_at is None

    call_command("apply_retention")
    real = capsys.readouterr().out

    application.refresh_from_db()
    assert application.anonymised_at is not None
    assert "unsuccessful: 1 (after 730 days)" in dry
    assert "Dry run: " in dry
    assert dry.splitlines()[:-1] == real.splitlines()[:-1]


def test_a_member_already_anonymised_is_left_alone():
    member = TeamMemberFactory()

    assert anonymise_member(member, actor=None) is True
    assert anonymise_member(member, actor=None) is False
    assert AuditEntry.objects.filter(action="team.anonymise_member").count() == 1
