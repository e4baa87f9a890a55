"""The retention of sign-in traces and task results, the durations' labels, and the
personal-data page that states them from the settings."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import translation
from django.utils.html import escape
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from programme import audit
from programme.models import AuditEntry, ProConnectIdentity, User
from programme.retention import apply_retention, duration_label, erase_account, kinds
from tests.jury.factories import JuryMemberFactory
from tests.programme.factories import PARIS, ProgrammeFactory, UserFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# Two years after edition 2's call: the defaults keep a sign-in trace for one year.
AT = datetime.datetime(2024, 3, 1, 3, 0, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("days", "label"),
    [(730, "2 ans"), (365, "1 an"), (180, "6 mois"), (30, "30 jours"), (1, "1 jour")],
)
def test_a_duration_reads_in_years_months_or_days(days, label):
    assert duration_label(days) == label


@pytest.mark.parametrize(
    ("days", "label"),
    [(730, "2 years"), (365, "1 year"), (180, "6 months"), (30, "30 days"), (1, "1 day")],
)
def test_a_duration_reads_in_english_in_years_months_or_days(days, label):
    with translation.override("en"):
        assert duration_label(days) == label


def test_an_idle_account_without_a_role_is_deleted_and_its_name_leaves_the_log():
    idle = UserFactory(signed_in_2022=True, first_name="Anatole", last_name="Oublié")
    entry = audit.record(ProgrammeFactory(), "programme.test", actor=idle, at=AT)

    report = apply_retention(at=AT)

    assert report["sign_in"] == 1
    assert not User.objects.filter(pk=idle.pk).exists()
    entry.refresh_from_db()
    assert (entry.actor, "Anatole" in entry.actor_label, "Oublié" in entry.actor_label) == (
        None,
        False,
        False,
    )


def test_the_accounts_with_a_role_or_a_recent_sign_in_are_kept():
    staff = UserFactory(signed_in_2022=True, innovation_staff=True)
    juror = JuryMemberFactory(user=UserFactory(signed_in_2022=True)).user
    project = ProjectFactory()
    coach = UserFactory(signed_in_2022=True)
    project.periods.get().coaches.add(coach)
    applicant = project.application.created_by
    recent = UserFactory(last_login=AT - datetime.timedelta(days=30))

    apply_retention(at=AT)

    kept = User.objects.filter(pk__in=[staff.pk, juror.pk, coach.pk, applicant.pk, recent.pk])
    assert sorted(kept.values_list("email", flat=True)) == sorted(
        [staff.email, juror.email, coach.email, applicant.email, recent.email]
    )


def test_an_account_the_record_points_to_is_anonymised_not_deleted():
    project = ProjectFactory()
    author = project.application.created_by
    project.application.team_members.update(user=None)

    assert erase_account(author, actor=None, at=AT) is True

    author.refresh_from_db()
    assert (author.first_name, author.last_name, author.is_active, author.last_login) == (
        "",
        "",
        False,
        None,
    )
    assert author.email == f"compte-{author.pk}@anonyme.invalid"
    assert not author.has_usable_password()
    assert erase_account(author, actor=None, at=AT) is False
    assert AuditEntry.objects.filter(action="account.erase").count() == 1


def test_an_anonymised_account_loses_its_proconnect_identity_and_every_device_of_its_own():
    project = ProjectFactory()
    author = project.application.created_by
    project.application.team_members.update(user=None)
    other = UserFactory()
    for user in (author, other):
        ProConnectIdentity.objects.create(
            user=user, issuer="https://proconnect.example", subject=f"sub-{user.email}"
        )
        TOTPDevice.objects.create(user=user, name="Téléphone", confirmed=True)
    TOTPDevice.objects.create(user=author, name="Nouveau téléphone", confirmed=False)
    StaticDevice.objects.create(user=author, name="Codes de secours")

    erase_account(author, actor=None, at=AT)

    assert User.objects.filter(pk=author.pk, is_active=False).exists()
    assert list(ProConnectIdentity.objects.values_list("user", flat=True)) == [other.pk]
    assert list(TOTPDevice.objects.values_list("user", "name")) == [(other.pk, "Téléphone")]
    assert not StaticDevice.objects.exists()


def test_expired_sessions_are_deleted_live_ones_kept():
    expired, live = SessionStore(), SessionStore()
    expired.set_expiry(1)
    expired.create()
    live.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=AT)
    Session.objects.filter(session_key=live.session_key).update(
        expire_date=AT + datetime.timedelta(days=1)
    )

    apply_retention(at=AT + datetime.timedelta(seconds=1))

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def _task(status, finished_at):
    return DBTaskResult.objects.create(
        status=status,
        finished_at=finished_at,
        run_after=get_date_max(),
        args_kwargs={"args": [], "kwargs": {}},
        task_path="programme.tasks.send_sign_in_link_mail",
        backend_name="default",
        exception_class_path="",
        traceback="",
    )


def test_finished_task_results_are_deleted_after_their_duration_queued_ones_kept():
    old = _task(TaskResultStatus.SUCCESSFUL, AT - datetime.timedelta(days=31))
    failed = _task(TaskResultStatus.FAILED, AT - datetime.timedelta(days=31))
    recent = _task(TaskResultStatus.SUCCESSFUL, AT - datetime.timedelta(days=29))
    queued = _task(TaskResultStatus.READY, None)

    report = apply_retention(at=AT)

    assert report["task_results"] == 2
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, queued.pk}
    assert not {old.pk, failed.pk} & remaining


def test_every_kind_has_its_duration_from_the_settings(settings):
    settings.TREMPLIN_RETENTION_DAYS = {
        "drafts": 90,
        "unsuccessful": 1095,
        "laureates": 3650,
        "sign_in": 180,
        "task_results": 7,
    }

    assert [(kind.name, kind.duration_label) for kind in kinds()] == [
        ("drafts", "3 mois"),
        ("unsuccessful", "3 ans"),
        ("laureates", "10 ans"),
        ("sign_in", "6 mois"),
        ("task_results", "7 jours"),
    ]


def test_the_personal_data_page_states_every_duration_from_the_settings(client, settings):
    ProgrammeFactory()
    settings.TREMPLIN_RETENTION_DAYS = {
        "drafts": 90,
        "unsuccessful": 1095,
        "laureates": 3650,
        "sign_in": 180,
        "task_results": 7,
    }

    html = client.get("/donnees-personnelles/").content.decode()

    for kind in kinds():
        assert escape(str(kind.label)) in html
    assert "3 mois après la clôture de leur appel" in html
    assert "3 ans après la décision qui les a écartées" in html
    assert "10 ans après la fin du projet" in html
    assert "6 mois après la dernière connexion" in html
    assert "7 jours après l&#x27;envoi" in html


def test_the_personal_data_page_in_english_states_the_durations(client):
    ProgrammeFactory()

    html = client.get("/en/donnees-personnelles/", follow=True).content.decode()

    assert "2 years after the decision that turned them down" in html
    assert "30 days after" in html
