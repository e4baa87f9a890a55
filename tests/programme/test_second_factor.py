"""The second factor of staff and jury chairs: forced enrolment, codes used once, the
e-mailed link that never passes it, the reset by another staff member, wrong codes
slowed down, and the log of protected sign-ins."""

import re

import pytest
from django.contrib import auth
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jury.enums import MemberRole
from programme.enums import SignInStep
from programme.models import AuditEntry, SignInCooloff, SignInRecord
from programme.second_factor import recovery_digest, requires_second_factor
from projects.rights import person_data
from tests.jury.factories import JuryMemberFactory
from tests.programme.factories import SignInCooloffFactory, UserFactory
from tests.programme.test_accounts import request_link
from tests.second_factor import authenticator, current_code, sign_in_first_factor_only

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

PASSWORD = "mot-de-passe-de-test"
VERIFY = "/connexion/second-facteur/"
ENROL = "/connexion/second-facteur/activer/"


@pytest.fixture
def no_device_throttle(settings):
    """django-otp's own slow-down after a wrong code (seconds) off: these tests type a
    wrong code then a right one at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def password_login(client, email, password=PASSWORD, **extra):
    return client.post(
        "/connexion/mot-de-passe/", {"username": email, "password": password}, **extra
    )


# Who needs one


@pytest.mark.parametrize(
    ("role", "needs"),
    [
        (MemberRole.PRESIDENT, True),
        (MemberRole.SECRETARY, True),
        (MemberRole.ELECTED_OFFICIAL, False),
        (MemberRole.QUALIFIED_PERSON, False),
    ],
)
def test_jury_presidents_and_secretaries_need_a_second_factor_other_members_not(role, needs):
    member = JuryMemberFactory(role=role)

    assert requires_second_factor(member.user) is needs


def test_admin_access_needs_a_second_factor_an_applicant_not():
    assert requires_second_factor(UserFactory(is_staff=True)) is True
    assert requires_second_factor(UserFactory()) is False


# Enrolment


def test_first_staff_password_sign_in_goes_to_the_enrolment_not_the_admin(client):
    staff = UserFactory(innovation_staff=True)

    response = client.post(
        "/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_enrolment_shows_an_inline_qr_code_and_the_key_then_a_code_enrols_with_ten_codes(
    client,
):
    staff = UserFactory(innovation_staff=True)
    sign_in_first_factor_only(client, staff)

    page = client.get(f"{ENROL}?next=/admin/")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    html = page.content.decode()
    answer = client.post(ENROL, {"code": current_code(device), "next": "/admin/"})

    assert "<svg" in html
    assert re.search(r"[A-Z2-7]{4}( [A-Z2-7]{4})+", html)
    device.refresh_from_db()
    assert device.confirmed is True
    stored = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    shown = re.findall(r"<code>([a-z2-7]{8})</code>", answer.content.decode())
    assert len(shown) == len(stored) == 10
    # The database keeps each code's digest, never the code the page shows once.
    assert {recovery_digest(code) for code in shown} == stored
    assert not stored & set(shown)
    assert AuditEntry.objects.filter(action="second_factor.enrol", object_id=str(staff.pk))
    assert client.get("/admin/").status_code == 200


def test_enrolment_refuses_a_wrong_code_in_french(client):
    staff = UserFactory(innovation_staff=True)
    sign_in_first_factor_only(client, staff)
    client.get(ENROL)

    response = client.post(ENROL, {"code": "000000"})

    assert "Code incorrect, expiré ou déjà utilisé." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


# Codes


def test_an_app_code_passes_and_the_same_code_is_refused_the_second_time(client):
    staff = UserFactory(innovation_staff=True)
    device = authenticator(staff)
    code = current_code(device)
    sign_in_first_factor_only(client, staff)

    first = client.post(VERIFY, {"code": code, "next": "/admin/"})
    client.logout()
    sign_in_first_factor_only(client, staff)
    second = client.post(VERIFY, {"code": code, "next": "/admin/"})

    assert first["Location"] == "/admin/"
    assert second.status_code == 200
    assert "Code incorrect, expiré ou déjà utilisé." in second.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_wrong_code_then_the_right_one_passes(client, no_device_throttle):
    staff = UserFactory(innovation_staff=True)
    device = authenticator(staff)
    sign_in_first_factor_only(client, staff)

    client.post(VERIFY, {"code": "123456"})
    response = client.post(VERIFY, {"code": current_code(device), "next": "/admin/"})

    assert response["Location"] == "/admin/"


def test_five_wrong_codes_make_that_account_wait_with_a_french_429(client, no_device_throttle):
    staff = UserFactory(innovation_staff=True)
    device = authenticator(staff)
    sign_in_first_factor_only(client, staff)
    for _ in range(5):
        client.post(VERIFY, {"code": "000000"})

    response = client.post(VERIFY, {"code": current_code(device)})

    assert response.status_code == 429
    assert "patientez 1 minute" in response.content.decode()
    assert client.get("/admin/").status_code == 302


# The e-mailed link


def test_a_staff_member_signed_in_by_link_lands_on_the_second_factor_not_the_admin(
    client, mailoutbox
):
    staff = UserFactory(innovation_staff=True)
    authenticator(staff)
    request_link(client, staff.email, next_url="/admin/")

    token = re.search(r"sesame=([\w-]+)", mailoutbox[0].body).group(1)
    response = client.post("/connexion/lien/", {"sesame": token, "next": "/admin/"})
    admin = client.get("/admin/")

    assert auth.get_user(client) == staff
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    assert admin.status_code == 302
    assert admin["Location"].startswith(VERIFY)


def test_a_chair_signed_in_without_second_factor_is_sent_from_the_deliberation(client):
    president = JuryMemberFactory(role=MemberRole.PRESIDENT)
    sign_in_first_factor_only(client, president.user)

    response = client.get("/jury/seances/1/deliberation/")

    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)


def test_staff_without_second_factor_reaches_no_staff_page_of_the_site(client):
    staff = UserFactory(innovation_staff=True)
    sign_in_first_factor_only(client, staff)

    response = client.get("/jury/")

    assert response["Location"].startswith(ENROL)


def test_public_pages_and_sign_out_answer_before_the_second_factor(client):
    staff = UserFactory(innovation_staff=True)
    sign_in_first_factor_only(client, staff)

    home = client.get("/")
    sign_out = client.post("/deconnexion/")

    assert home.status_code == 200
    assert sign_out.status_code == 302
    assert not auth.get_user(client).is_authenticated


# Reset by another staff member


def test_another_staff_member_resets_a_lost_device_from_the_admin_audited(staff_client):
    person = UserFactory(innovation_staff=True)
    authenticator(person)
    StaticDevice.objects.create(user=person, name="Codes de secours")

    staff_client.post(
        "/admin/programme/user/",
        {"action": "reset_second_factor_action", "_selected_action": [person.pk]},
    )

    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    entry = AuditEntry.objects.get(action="second_factor.reset", object_id=str(person.pk))
    assert entry.actor == staff_client.staff


def test_staff_cannot_reset_their_own_second_factor(staff_client):
    staff_client.post(
        "/admin/programme/user/",
        {"action": "reset_second_factor_action", "_selected_action": [staff_client.staff.pk]},
    )

    assert TOTPDevice.objects.filter(user=staff_client.staff).exists()


def test_after_a_reset_the_person_enrols_again_at_next_sign_in(client, staff_client):
    person = UserFactory(innovation_staff=True)
    authenticator(person)
    staff_client.post(
        "/admin/programme/user/",
        {"action": "reset_second_factor_action", "_selected_action": [person.pk]},
    )
    staff_client.logout()

    response = password_login(client, person.email)

    assert response["Location"].startswith(ENROL)


# The log and the cool-offs in the admin


def test_failed_and_successful_staff_sign_ins_are_logged_with_the_address(client):
    staff = UserFactory(innovation_staff=True)
    applicant = UserFactory()

    password_login(client, staff.email, "faux", REMOTE_ADDR="192.0.2.10")
    password_login(client, staff.email, REMOTE_ADDR="192.0.2.10")
    password_login(client, applicant.email, REMOTE_ADDR="192.0.2.10")

    records = SignInRecord.objects.order_by("at", "pk")
    assert [(r.user, r.ip_address, r.step, r.succeeded) for r in records] == [
        (staff, "192.0.2.10", SignInStep.PASSWORD, False),
        (staff, "192.0.2.10", SignInStep.PASSWORD, True),
    ]


def test_the_sign_in_log_is_shown_read_only_in_french_to_staff(client, staff_client):
    staff = UserFactory(innovation_staff=True, email="agent.connecte@exemple.test")
    password_login(client, staff.email, "faux", REMOTE_ADDR="192.0.2.10")

    listing = staff_client.get("/admin/programme/signinrecord/")
    add = staff_client.get("/admin/programme/signinrecord/add/")

    assert "agent.connecte@exemple.test" in listing.content.decode() or str(staff) in (
        listing.content.decode()
    )
    assert "192.0.2.10" in listing.content.decode()
    assert "Connexions des comptes protégés" in listing.content.decode()
    assert add.status_code == 403


def test_staff_lift_a_cool_off_and_the_address_signs_in_at_once(client, staff_client):
    user = UserFactory(email="cible@exemple.test")
    for _ in range(5):
        password_login(client, user.email, "faux")
    cooloff = SignInCooloff.objects.get(account=user.email)

    listing = staff_client.get("/admin/programme/signincooloff/")
    staff_client.post(
        "/admin/programme/signincooloff/",
        {"action": "lift", "_selected_action": [cooloff.pk]},
    )
    response = password_login(client, user.email)

    assert "cible@exemple.test" in listing.content.decode()
    assert not SignInCooloff.objects.filter(pk=cooloff.pk).exists()
    assert AuditEntry.objects.filter(action="sign_in.lift_cooloff").count() == 1
    assert response.status_code == 302


def test_a_cool_off_list_keeps_its_query_count_as_rows_grow(
    staff_client, django_assert_max_num_queries
):
    SignInCooloffFactory()
    with CaptureQueriesContext(connection) as one:
        staff_client.get("/admin/programme/signincooloff/")
    SignInCooloffFactory.create_batch(3)

    with django_assert_max_num_queries(len(one)):
        staff_client.get("/admin/programme/signincooloff/")


def test_a_persons_export_holds_their_devices_without_the_secret_key():
    staff = UserFactory(innovation_staff=True)
    device = authenticator(staff)

    rows = person_data(staff)["otp_totp.totpdevice"]

    assert [row["id"] for row in rows] == [device.pk]
    assert "key" not in rows[0]
