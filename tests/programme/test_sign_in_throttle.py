"""Wrong passwords and codes slow the address they come from, growing, never the account
for everyone; the counts are shared by every worker (the database; the link requests'
limits in the shared cache)."""

import datetime
import os
import uuid

import pytest
import redis
from django.conf import settings
from django.contrib import auth
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from programme.enums import SignInStep
from programme.models import SignInCooloff, SignInRecord
from programme.retention import apply_retention, erase_account
from programme.throttle import cooloff_seconds, record_failure, wait_for
from tests.programme.factories import SignInCooloffFactory, SignInRecordFactory, UserFactory
from tests.programme.test_accounts import request_link
from tests.second_factor import authenticator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

PASSWORD = "mot-de-passe-de-test"
ADDRESS = "192.0.2.44"


def password_login(client, email, password="faux", path="/connexion/mot-de-passe/", **extra):
    return client.post(path, {"username": email, "password": password}, **extra)


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [(4, 0), (5, 60), (6, 120), (7, 240), (11, 3600), (500, 3600)],
)
def test_the_wait_starts_at_a_minute_and_doubles_up_to_an_hour(failures, seconds):
    assert cooloff_seconds(failures, limit=5) == seconds


def test_twenty_wrong_passwords_for_twenty_accounts_slow_that_address_only(client):
    UserFactory(email="victime@exemple.test")
    for number in range(20):
        password_login(client, f"personne{number}@exemple.test")

    same_address = password_login(client, "victime@exemple.test", PASSWORD)
    other_address = password_login(
        client, "victime@exemple.test", PASSWORD, REMOTE_ADDR="198.51.100.20"
    )

    assert same_address.status_code == 429
    assert other_address.status_code == 302
    assert auth.get_user(client).email == "victime@exemple.test"


def test_the_admin_login_counts_wrong_passwords_and_says_when_to_retry_in_french(client):
    staff = UserFactory(innovation_staff=True)
    for _ in range(5):
        password_login(client, staff.email, path="/admin/login/")

    response = password_login(client, staff.email, PASSWORD, path="/admin/login/")

    assert response.status_code == 429
    assert "patientez 1 minute" in response.content.decode()
    assert not auth.get_user(client).is_authenticated


def test_site_and_admin_forms_share_one_count(client):
    staff = UserFactory(innovation_staff=True)
    for _ in range(3):
        password_login(client, staff.email, path="/admin/login/")
    for _ in range(2):
        password_login(client, staff.email)

    response = password_login(client, staff.email, PASSWORD, path="/admin/login/")

    assert response.status_code == 429


def test_a_successful_sign_in_forgets_the_pairs_failures_not_the_addresss(client):
    user = UserFactory(email="distrait@exemple.test")
    for _ in range(4):
        password_login(client, user.email)

    password_login(client, user.email, PASSWORD)

    assert list(SignInCooloff.objects.values_list("account", "failures")) == [("", 4)]


def test_failures_older_than_a_day_are_forgotten():
    for _ in range(5):
        record_failure(SignInStep.PASSWORD, "ancien@exemple.test", ADDRESS)
    SignInCooloff.objects.update(
        last_failure_at=timezone.now() - datetime.timedelta(days=2), blocked_until=None
    )

    record_failure(SignInStep.PASSWORD, "ancien@exemple.test", ADDRESS)

    assert wait_for(SignInStep.PASSWORD, "ancien@exemple.test", ADDRESS) is None
    assert SignInCooloff.objects.get(account="ancien@exemple.test").failures == 1


def test_a_wrong_password_of_an_unknown_address_counts_like_any_other(client):
    for _ in range(5):
        password_login(client, "inconnu@exemple.test")

    response = password_login(client, "inconnu@exemple.test")

    assert response.status_code == 429


# The Redis of the machine (CI machines run one on 6379), or the one REDIS_URL names.
REDIS_FOR_TESTS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/5"


def redis_is_up():
    try:
        return redis.Redis.from_url(REDIS_FOR_TESTS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.mark.skipif(not redis_is_up(), reason="needs a Redis server (CI machines run one)")
def test_link_requests_are_counted_in_redis_where_another_worker_reads_them(
    client, mailoutbox, settings
):
    prefix = f"tremplin-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_FOR_TESTS,
            "KEY_PREFIX": prefix,
        }
    }
    settings.TREMPLIN_SIGN_IN_LINKS_PER_IP = "3/h"
    server = redis.Redis.from_url(REDIS_FOR_TESTS)
    try:
        for number in range(3):
            request_link(client, f"eleve{number}@lycee.test")
        # Another worker: its own connection to the same Redis, nothing shared in memory.
        other_worker = RedisCache(REDIS_FOR_TESTS, {"KEY_PREFIX": prefix})
        keys = server.keys(f"{prefix}*rl:*")

        response = request_link(client, "eleve3@lycee.test")

        assert keys
        assert other_worker.get_many([key.decode().split(":", 2)[-1] for key in keys])
        assert response.status_code == 429
        assert len(mailoutbox) == 3
    finally:
        for key in server.keys(f"{prefix}*"):
            server.delete(key)


def test_the_wait_is_read_from_the_database_by_every_worker():
    for _ in range(settings.TREMPLIN_LOGIN_FAILURES_PER_ACCOUNT):
        record_failure(SignInStep.PASSWORD, "cible@exemple.test", ADDRESS)

    assert wait_for(SignInStep.PASSWORD, "CIBLE@exemple.test", ADDRESS) is not None
    assert wait_for(SignInStep.PASSWORD, "cible@exemple.test", "198.51.100.1") is None


def test_the_retention_run_deletes_sign_in_records_and_counts_older_than_its_duration():
    long_ago = timezone.now() - datetime.timedelta(days=400)
    SignInRecordFactory(at=long_ago)
    recent = SignInRecordFactory()
    SignInCooloffFactory(last_failure_at=long_ago)

    apply_retention()

    assert list(SignInRecord.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not SignInCooloff.objects.exists()


def test_erasing_an_account_deletes_its_sign_in_log_and_devices():
    record = SignInRecordFactory()
    authenticator(record.user)

    erase_account(record.user, actor=None)

    assert not SignInRecord.objects.exists()
    assert not TOTPDevice.objects.exists()
