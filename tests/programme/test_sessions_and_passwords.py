"""Sessions and passwords: Argon2, strong passwords, short-lived reset links, sessions
that end (staff's sooner), and the headers and cookies every page sends."""

import datetime

import pytest
from django.contrib import auth
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views import defaults

from programme import settings as project_settings
from programme.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from programme.models import User
from tests.programme.factories import ProgrammeFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

HOUR = 3600
DAY = 24 * HOUR


# Passwords


@pytest.fixture
def argon2(settings):
    """The project's own hashers, instead of the suite's fast one."""
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


@pytest.mark.usefixtures("argon2")
def test_new_passwords_are_hashed_with_argon2():
    user = UserFactory()
    user.set_password("une phrase de passe assez longue")

    assert user.password.startswith("argon2$argon2id$")


@pytest.mark.usefixtures("argon2")
def test_an_older_pbkdf2_hash_still_signs_in_and_is_rehashed_with_argon2(client):
    user = UserFactory(email="ancienne@exemple.test")
    User.objects.filter(pk=user.pk).update(
        password=make_password("ancien-mot-de-passe", hasher="pbkdf2_sha256")
    )

    client.post(
        "/connexion/mot-de-passe/",
        {"username": user.email, "password": "ancien-mot-de-passe"},
    )

    user.refresh_from_db()
    assert auth.get_user(client) == user
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("ancien-mot-de-passe")


def refusals(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


TOO_SHORT = "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."
SITE_WORDS = "Ce mot de passe reprend le nom du site : choisissez-en un autre."


@pytest.mark.parametrize(
    ("password", "refusal"),
    [
        ("tremplin", TOO_SHORT),
        ("Tremplin2026!", SITE_WORDS),
        ("tremplin-tremplin", SITE_WORDS),
        ("Bouchons du Havre 76", SITE_WORDS),
        ("qwerty123456", "Ce mot de passe est trop courant."),
        ("abcdefghijk", TOO_SHORT),
        ("123456789012345", "Ce mot de passe est entièrement numérique."),
    ],
)
def test_weak_passwords_are_refused_with_a_french_reason(password, refusal):
    ProgrammeFactory(name="Bouchons du Havre")

    assert refusal in refusals(password)


@pytest.mark.parametrize(
    "password", ["une phrase de passe assez longue", "tremplin vers la mer bleue", "Xq7!vR2#pL9m"]
)
def test_long_uncommon_passwords_are_accepted(password):
    assert refusals(password) == []


def test_choosing_tremplin_as_a_password_is_refused_on_the_form(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/compte/mot-de-passe/",
        {
            "old_password": "mot-de-passe-de-test",
            "new_password1": "tremplin",
            "new_password2": "tremplin",
        },
    )

    user.refresh_from_db()
    assert "au minimum 12 caractères" in response.content.decode()
    assert user.check_password("mot-de-passe-de-test")


def reset_path(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/connexion/mot-de-passe/nouveau/{uid}/{default_token_generator.make_token(user)}/"


@pytest.mark.parametrize(("minutes", "works"), [(59, True), (61, False)])
def test_a_password_reset_link_works_for_one_hour(client, monkeypatch, minutes, works):
    user = UserFactory()
    path = reset_path(user)
    later = datetime.datetime.now() + datetime.timedelta(minutes=minutes)
    monkeypatch.setattr(type(default_token_generator), "_now", lambda _self: later)

    response = client.get(path, follow=True)

    assert ("new_password1" in response.content.decode()) is works
    assert project_settings.PASSWORD_RESET_TIMEOUT == HOUR


# Sessions


def age_session(client, *, signed_in=0, idle=0):
    """Move the session's sign-in ``signed_in`` seconds back, its last use ``idle``."""
    session = client.session
    session[SIGNED_IN_AT] -= signed_in
    session[LAST_SEEN_AT] -= idle
    session.save()


def is_signed_in(client, path):
    client.get(path)
    return auth.get_user(client).is_authenticated


@pytest.mark.parametrize(
    ("signed_in", "idle", "kept"),
    [
        (7 * HOUR, 59 * 60, True),
        (8 * HOUR, 0, False),
        (2 * HOUR, HOUR, False),
    ],
    ids=["within-limits", "eight-hours-after-sign-in", "an-hour-idle"],
)
def test_staff_sessions_end_after_eight_hours_or_an_hour_idle(staff_client, signed_in, idle, kept):
    staff_client.get("/admin/")
    age_session(staff_client, signed_in=signed_in, idle=idle)

    assert is_signed_in(staff_client, "/admin/") is kept


def test_a_staff_session_that_ended_asks_to_sign_in_again_saying_why(staff_client):
    age_session(staff_client, signed_in=HOUR, idle=HOUR)

    response = staff_client.get("/compte/", follow=True)

    assert response.redirect_chain[0][0].startswith("/connexion/")
    assert "Votre session a expiré faute d&#x27;activité" in response.content.decode()


def test_staff_activity_keeps_the_session_alive_up_to_eight_hours(staff_client):
    age_session(staff_client, signed_in=3 * HOUR, idle=50 * 60)
    staff_client.get("/admin/")

    session = staff_client.session
    assert session[LAST_SEEN_AT] - session[SIGNED_IN_AT] >= 3 * HOUR
    assert session.get_expiry_age() == HOUR
    age_session(staff_client, idle=50 * 60)
    assert is_signed_in(staff_client, "/admin/")


def test_a_staff_session_is_stored_no_longer_than_its_limits():
    staff = UserFactory(is_staff=True)
    client = Client()
    client.force_login(staff)

    assert client.session.get_expiry_age() == HOUR


@pytest.mark.parametrize(("days", "kept"), [(13, True), (14, False)])
def test_other_sessions_end_two_weeks_after_sign_in_however_idle(client, days, kept):
    client.force_login(UserFactory())
    age_session(client, signed_in=days * DAY, idle=days * DAY)

    assert is_signed_in(client, "/compte/") is kept


# Headers, cookies and error pages


def test_every_page_turns_off_the_browser_features_the_site_never_uses(client):
    policy = client.get("/").headers["Permissions-Policy"]

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_every_cookie_is_same_site_lax(client):
    user = UserFactory(email="agent@exemple.test")
    sign_in_page = client.get("/connexion/mot-de-passe/")
    signed_in = client.post(
        "/connexion/mot-de-passe/",
        {"username": user.email, "password": "mot-de-passe-de-test"},
    )
    language = client.get("/langue/en/", {"next": "/"})
    signed_out = client.post("/deconnexion/")

    cookies = {
        **sign_in_page.cookies,
        **signed_in.cookies,
        **language.cookies,
        **signed_out.cookies,
    }
    assert set(cookies) == {"csrftoken", "sessionid", "django_language", "messages"}
    assert {name: cookie["samesite"] for name, cookie in cookies.items()} == dict.fromkeys(
        cookies, "Lax"
    )


def test_a_form_without_its_csrf_token_gets_the_french_page_and_does_nothing(mailoutbox):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/connexion/", {"email": "nouvelle@exemple.test"})

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Formulaire expiré</h1>" in html
    assert "Rien n'a été enregistré." in html.replace("&#x27;", "'")
    assert 'href="/">Retour à l\'accueil</a>' in html
    assert not User.objects.filter(email="nouvelle@exemple.test").exists()
    assert mailoutbox == []


def test_bad_request_page_is_french_with_a_link_home(rf):
    response = defaults.bad_request(rf.get("/"), SuspiciousOperation())

    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Requête refusée</h1>" in html
    assert 'href="/">Retour à l\'accueil</a>' in html
