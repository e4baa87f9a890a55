"""Recovery codes: shown once at enrolment, kept only as keyed digests, each good once."""

import importlib
import re

import pytest
from django.apps import apps
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from programme.second_factor import recovery_digest
from tests.programme.factories import UserFactory
from tests.second_factor import authenticator, current_code, sign_in_first_factor_only

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]
VERIFY = "/connexion/second-facteur/"
ENROL = "/connexion/second-facteur/activer/"


def enrol(client, user):
    """Enrol ``user``'s authenticator app: the codes the page shows, once."""
    sign_in_first_factor_only(client, user)
    client.get(ENROL)
    device = user.totpdevice_set.get(confirmed=False)
    page = client.post(ENROL, {"code": current_code(device), "next": "/admin/"})
    return re.findall(r"<code>([a-z2-7]{8})</code>", page.content.decode())


def test_a_code_the_enrolment_page_showed_passes_once_though_only_its_digest_is_kept(client):
    staff = UserFactory(innovation_staff=True)
    codes = enrol(client, staff)
    client.logout()
    sign_in_first_factor_only(client, staff)

    first = client.post(VERIFY, {"code": codes[3].upper(), "next": "/admin/"})
    client.logout()
    sign_in_first_factor_only(client, staff)
    again = client.post(VERIFY, {"code": codes[3], "next": "/admin/"})

    assert first["Location"] == "/admin/"
    assert "Code incorrect, expiré ou déjà utilisé." in again.content.decode()
    kept = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert kept == {recovery_digest(code) for code in codes if code != codes[3]}


def recovery_device(user, code):
    """``user`` with an authenticator app and one recovery code, ``code``."""
    authenticator(user)
    device = StaticDevice.objects.create(user=user, name="Codes de secours")
    device.token_set.create(token=recovery_digest(code))
    return device


def test_a_recovery_code_passes_once_and_is_used_up(client):
    staff = UserFactory(innovation_staff=True)
    device = recovery_device(staff, "abcd2345")
    sign_in_first_factor_only(client, staff)

    first = client.post(VERIFY, {"code": "ABCD 2345", "next": "/admin/"})
    client.logout()
    sign_in_first_factor_only(client, staff)
    second = client.post(VERIFY, {"code": "abcd2345", "next": "/admin/"})

    assert first["Location"] == "/admin/"
    assert second.status_code == 200
    assert not device.token_set.exists()


def test_the_stored_digest_typed_as_a_code_is_refused(client):
    staff = UserFactory(innovation_staff=True)
    device = recovery_device(staff, "abcd2345")
    sign_in_first_factor_only(client, staff)

    answer = client.post(VERIFY, {"code": recovery_digest("abcd2345"), "next": "/admin/"})

    assert "Code incorrect, expiré ou déjà utilisé." in answer.content.decode()
    assert device.token_set.count() == 1


def test_the_digest_depends_on_the_secret_key(settings):
    before = recovery_digest("abcd2345")
    settings.SECRET_KEY = "une-autre-clé-" * 4

    assert recovery_digest("abcd2345") != before
    assert recovery_digest("ABCD 2345") == recovery_digest("abcd2345")


def test_the_migration_replaces_clear_codes_by_their_digests_and_leaves_digests():
    migration = importlib.import_module("programme.migrations.0002_recovery_code_digests")
    device = StaticDevice.objects.create(user=UserFactory(), name="Codes de secours")
    clear = device.token_set.create(token="abcd2345")
    digested = device.token_set.create(token=recovery_digest("wxyz6789"))

    migration.digest_clear_codes(apps, None)

    clear.refresh_from_db()
    digested.refresh_from_db()
    assert clear.token == recovery_digest("abcd2345")
    assert digested.token == recovery_digest("wxyz6789")
