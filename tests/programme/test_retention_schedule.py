"""The retention schedule's run by exact value: what each kind is given (its cut-off, the
actor, « now »), the registry of kinds and of role relations, the erased account's row
and entries, and the sign-in cut-off, on the day and a day either side."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from programme import audit, retention
from programme.models import AuditEntry, User
from programme.retention import (
    Kind,
    apply_retention,
    duration_label,
    erase_account,
    kinds,
    register,
    register_role,
    without_role,
)
from tests.programme.factories import OrganisationFactory, ProgrammeFactory, UserFactory
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
AT = datetime.datetime(2024, 3, 1, 3, 0, tzinfo=datetime.UTC)
SIGN_IN_REASON = "Durée de conservation des traces de connexion écoulée."


@pytest.mark.parametrize(
    ("days", "label"),
    [
        (0, "0 jour"),  # French: the singular below two
        (59, "59 jours"),
        (60, "2 mois"),
        (61, "61 jours"),
        (364, "364 jours"),
        (1095, "3 ans"),
        (395, "395 jours"),
        (366, "366 jours"),
    ],
)
def test_a_duration_is_in_months_from_sixty_days_and_in_years_when_whole(days, label):
    assert duration_label(days) == label


@pytest.fixture
def calls():
    """A kind registered for the test only, ordered between the projects' and the sign-in
    traces', that records what the run gives it."""
    return []


@pytest.fixture
def probe(monkeypatch, settings, calls):
    monkeypatch.setattr(retention, "_KINDS", dict(retention._KINDS))
    settings.TREMPLIN_RETENTION_DAYS = {**settings.TREMPLIN_RETENTION_DAYS, "probe": 45}

    def apply(cutoff, *, actor, at):
        calls.append((cutoff, actor, at, [kind.name for kind in kinds()]))
        return 7

    return register(
        Kind(
            "probe",
            label="Sonde",
            counted_from="après son essai",
            fate="comptée",
            apply=apply,
            order=35,
        )
    )


def test_a_registered_kind_runs_in_its_order_with_its_cut_off_actor_and_date(probe, calls):
    actor = UserFactory(innovation_staff=True)

    report = apply_retention(actor=actor, at=AT)

    assert calls == [
        (
            AT - 45 * DAY,
            actor,
            AT,
            ["drafts", "unsuccessful", "laureates", "probe", "sign_in", "task_results"],
        )
    ]
    assert list(report) == [
        "drafts",
        "unsuccessful",
        "laureates",
        "probe",
        "sign_in",
        "task_results",
    ]
    assert report["probe"] == 7
    assert (probe.days, probe.duration_label) == (45, "45 jours")


def test_a_run_without_a_date_runs_now(probe, calls):
    apply_retention()

    (cutoff, actor, at, _names) = calls[0]
    assert actor is None
    assert abs(at - timezone.now()) < datetime.timedelta(minutes=5)
    assert at - cutoff == 45 * DAY


def test_a_dry_run_reports_the_kinds_counts(probe, calls):
    assert apply_retention(at=AT, dry_run=True)["probe"] == 7
    assert len(calls) == 1


def test_a_role_relation_an_app_registers_keeps_its_accounts(monkeypatch):
    monkeypatch.setattr(retention, "_ROLE_RELATIONS", set())
    applicant = ApplicationFactory().created_by
    idle = UserFactory()
    users = User.objects.filter(pk__in=[applicant.pk, idle.pk])
    assert set(without_role(users)) == {applicant, idle}

    register_role("team_memberships")

    assert list(without_role(users)) == [idle]


def test_staff_superusers_and_members_of_a_group_have_a_role():
    staff = UserFactory(is_staff=True)
    superuser = UserFactory(is_superuser=True)
    grouped = UserFactory()
    grouped.groups.add(Group.objects.create(name="Lecteurs"))
    idle = UserFactory()

    found = without_role(User.objects.filter(pk__in=[staff.pk, superuser.pk, grouped.pk, idle.pk]))

    assert list(found) == [idle]


def test_an_erased_account_keeps_no_job_no_organisation_and_its_entries_say_so():
    user = UserFactory(
        first_name="Anatole",
        last_name="Oublié",
        job_title="Chargé de mission",
        organisation=OrganisationFactory(),
    )
    ApplicationFactory(created_by=user)  # the record points to it: anonymised, not deleted
    done = audit.record(ProgrammeFactory(), "programme.test", actor=user, at=AT)

    erase_account(user, actor=None, at=AT, reason="Demande.")

    user.refresh_from_db()
    assert (user.job_title, user.organisation, user.is_active) == ("", None, False)
    (entry,) = AuditEntry.objects.filter(action="account.erase")
    assert (entry.object_id, entry.reason, entry.at, entry.actor) == (
        str(user.pk),
        "Demande.",
        AT,
        None,
    )
    done.refresh_from_db()
    assert (done.actor, done.actor_label) == (user, f"compte-{user.pk}@anonyme.invalid")


def test_an_account_erased_without_a_date_or_a_reason_is_logged_now_without_one():
    user = UserFactory()

    erase_account(user, actor=None)

    (entry,) = AuditEntry.objects.filter(action="account.erase")
    assert abs(entry.at - timezone.now()) < datetime.timedelta(minutes=5)
    assert entry.reason == ""


def test_an_idle_account_is_erased_with_the_reason_by_the_runs_actor():
    idle = UserFactory(last_login=AT - 400 * DAY, date_joined=AT - 500 * DAY)
    actor = UserFactory(innovation_staff=True)

    apply_retention(actor=actor, at=AT)

    (entry,) = AuditEntry.objects.filter(action="account.erase")
    assert (entry.object_id, entry.actor, entry.reason, entry.at) == (
        str(idle.pk),
        actor,
        SIGN_IN_REASON,
        AT,
    )


@pytest.mark.parametrize(
    ("offset", "kept"), [(-DAY, False), (datetime.timedelta(0), True), (DAY, True)]
)
@pytest.mark.parametrize("signed_in", [True, False])
def test_an_account_is_kept_to_a_year_after_its_last_sign_in_or_its_creation(
    offset, kept, signed_in
):
    last = AT - 365 * DAY + offset
    if signed_in:
        user = UserFactory(last_login=last, date_joined=last - 100 * DAY)
    else:
        user = UserFactory(last_login=None, date_joined=last)

    report = apply_retention(at=AT)

    assert (User.objects.filter(pk=user.pk).exists(), report["sign_in"]) == (kept, 0 if kept else 1)


def test_an_account_joined_long_ago_and_signed_in_lately_is_kept():
    user = UserFactory(date_joined=AT - 900 * DAY, last_login=AT - 10 * DAY)

    apply_retention(at=AT)

    assert User.objects.filter(pk=user.pk).exists()


def test_the_entries_on_an_erased_account_lose_its_name_and_address_whatever_they_were():
    user = UserFactory(first_name="Anatole", last_name="Oublié", email="anatole@planted.test")
    ApplicationFactory(created_by=user)
    named = {name: ["avant", "après"] for name in ("email", "first_name", "last_name")}
    entry = audit.record(user, "test.planted", actor=None, changes={**named, "is_active": [1, 0]})

    erase_account(user, actor=None, at=AT)

    entry.refresh_from_db()
    assert entry.changes == {
        "email": ["***", "***"],
        "first_name": ["***", "***"],
        "last_name": ["***", "***"],
        "is_active": [1, 0],
    }
    assert entry.object_repr == f"compte-{user.pk}@anonyme.invalid"
