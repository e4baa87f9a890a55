from types import SimpleNamespace

import pytest
from django.db import connections, transaction
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from programme import public_cache
from projects.mailings.services import queue_mailing
from tests.editions.factories import CallFactory
from tests.french import untranslated
from tests.proconnect_provider import oidc_provider, proconnect  # noqa: F401 (fixtures)
from tests.programme.factories import SignInCooloffFactory, SignInRecordFactory, UserFactory
from tests.projects.factories import ApplicationFactory, PhaseReportFactory
from tests.roles import SECRETS, UNVERIFIED_STAFF, build_world
from tests.second_factor import force_login_with_second_factor, sign_in_first_factor_only


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The suite's SQLite database lives in memory, shared by the threads of a test (a
    queue worker, parallel requests): there a transaction that would wait for another's
    lock is refused at once (« table is locked »), whatever the busy timeout, so the
    suite opens transactions the default way. The embedded default's immediate
    transactions are tested on a file (``tests/projects/test_parallel_submits.py``)."""
    for alias in connections:
        settings_dict = connections[alias].settings_dict
        if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
            settings_dict.get("OPTIONS", {}).pop("transaction_mode", None)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Hashing is slow on purpose; the tests do not test the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def plain_spaces(settings):
    """Pages keep the plain spaces of their texts, so that tests can quote them; the
    unbreakable ones are tested where they are made, and by the crawls of every page
    (the ``french_typography`` fixture)."""
    settings.TREMPLIN_FRENCH_TYPOGRAPHY = False


@pytest.fixture(autouse=True)
def every_french_page_reads_as_french(monkeypatch):
    """Every French page the suite renders through the test client shows no English word
    and no state code (``tests/french.py``): the test that rendered one fails."""
    found = []
    request = Client.request

    def checked_request(client, **kwargs):
        response = request(client, **kwargs)
        if (
            response.status_code == 200
            and response.get("Content-Language") == "fr"
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
        ):
            problems = untranslated(
                kwargs.get("PATH_INFO"), response.content.decode(response.charset)
            )
            if problems:
                found.append((kwargs.get("PATH_INFO"), problems))
        return response

    monkeypatch.setattr(Client, "request", checked_request)
    yield
    assert found == [], "French pages with English words or state codes"


@pytest.fixture
def french_typography(settings):
    settings.TREMPLIN_FRENCH_TYPOGRAPHY = True


@pytest.fixture(autouse=True)
def signed_in_with_both_factors(monkeypatch):
    """``client.force_login(user)`` passes the second factor of those who need one
    (``tests/second_factor.py``), so every test signs staff and chairs fully in."""
    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture
def staff(db):
    """A member of the innovation team (the staff group, with its permissions)."""
    return UserFactory(innovation_staff=True)


@pytest.fixture
def staff_client(client, staff):
    """The test client signed in as ``staff``, who is also ``staff_client.staff``."""
    client.force_login(staff)
    client.staff = staff
    return client


@pytest.fixture
def database_queue(settings):
    """Tasks queued in the database (the outbox of production), not run at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def media_root(settings, tmp_path):
    """The files the test writes go to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def open_call(db):
    """A call open at the time of the test."""
    return CallFactory(open_now=True)


@pytest.fixture
def world(db, media_root):
    return build_world()


@pytest.fixture
def client_as(client, world):
    """``client_as(role)``: the test client signed in as the world's person of that role."""
    return _signing_in(client, world)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, plus what only admin pages need (a task result, a submitted application
    and a mailing to its team, a submitted report, a sign-in record and a cool-off), built
    once for a module of tests that only read it (GET).

    Building it for each of the ~1,500 (role, page) cases would take minutes. It is built
    in a transaction rolled back after the module; each test still runs in its own
    savepoint, so what a request writes (a session row, a last login) goes with it.
    """
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        world = build_world()
        submitted = ApplicationFactory(submitted=True)
        world.admin_extras = SimpleNamespace(
            task_result=_task_result(),
            submitted_application=submitted,
            mailing=queue_mailing(
                submitted.call.edition,
                audience="all",
                subject=f"{SECRETS[0]} : nouvelles",
                body="Bonjour {{ membre }}.",
                actor=world.users["staff"],
            ),
            submitted_report=PhaseReportFactory(
                period=world.other_project.periods.get(), submitted=True
            ),
            sign_in_record=SignInRecordFactory(),
            sign_in_cooloff=SignInCooloffFactory(),
        )
        try:
            yield world
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def shared_client_as(db, client, shared_world):
    """``shared_client_as(role)``: the test client signed in as the shared world's person."""
    return _signing_in(client, shared_world)


def _signing_in(client, world):
    def sign_in(role):
        user = world.users[role]
        if role == UNVERIFIED_STAFF:
            sign_in_first_factor_only(client, user)
        elif user is not None:
            client.force_login(user)
        return client

    return sign_in


def _task_result():
    now = timezone.now()
    return DBTaskResult.objects.create(
        enqueued_at=now,
        run_after=get_date_max(),  # as soon as possible
        args_kwargs={"args": [], "kwargs": {}},
        task_path="programme.tasks.send_sign_in_link_mail",
        backend_name="default",
        exception_class_path="",
        traceback="",
    )


@pytest.fixture(autouse=True)
def fresh_public_cache():
    """Each test starts with no public page kept: a rolled-back test sends no signal, so
    pages kept by the previous test would otherwise still be current."""
    public_cache.invalidate()
