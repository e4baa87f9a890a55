"""Signing in with a password, resetting and setting it, signing out, the header links."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib import auth

from programme.models import User
from tests.programme.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

PASSWORD = "mot-de-passe-de-test"
NEW_PASSWORD = "une-phrase-assez-longue"
# The new password, typed twice as the form asks.
NEW_PASSWORD_FIELDS = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
RATE_LIMITED = "Trop de tentatives en peu de temps"


def test_five_wrong_passwords_make_that_address_wait_a_minute_unchecked(client):
    user = UserFactory(email="cible@exemple.test")
    for _ in range(5):
        client.post("/connexion/mot-de-passe/", {"username": user.email, "password": "faux"})

    response = client.post(
        "/connexion/mot-de-passe/", {"username": user.email, "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "patientez 1 minute" in response.content.decode()
    assert not auth.get_user(client).is_authenticated


def test_the_owner_signs_in_from_another_address_while_the_guesser_waits(client):
    user = UserFactory(email="jure@exemple.test")
    for _ in range(20):
        client.post("/connexion/mot-de-passe/", {"username": user.email, "password": "faux"})
    guesser = client.post(
        "/connexion/mot-de-passe/", {"username": user.email, "password": PASSWORD}
    )
    client.logout()

    owner = client.post(
        "/connexion/mot-de-passe/",
        {"username": user.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.9",
    )

    assert guesser.status_code == 429
    assert owner.status_code == 302
    assert auth.get_user(client) == user


# Passwords


def test_password_login_signs_in_fires_the_sign_in_signal_and_goes_to_next(client, sign_ins):
    user = UserFactory(email="agent@exemple.test")

    response = client.post(
        "/connexion/mot-de-passe/",
        {"username": "Agent@Exemple.test", "password": PASSWORD, "next": "/compte/"},
    )

    assert response.headers["Location"] == "/compte/"
    assert auth.get_user(client) == user
    assert sign_ins == [user]


def test_password_login_with_a_wrong_password_shows_a_french_error(client, sign_ins):
    UserFactory(email="agent@exemple.test")

    response = client.post(
        "/connexion/mot-de-passe/", {"username": "agent@exemple.test", "password": "faux"}
    )

    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in response.content.decode()
    assert not auth.get_user(client).is_authenticated
    assert sign_ins == []


def test_password_login_page_labels_the_login_as_an_email_address(client):
    html = client.get("/connexion/mot-de-passe/").content.decode()

    field = re.search(r"<input[^>]*name=\"username\"[^>]*>", html).group()
    assert 'type="email"' in field
    assert 'autocomplete="email"' in field
    assert "Adresse e-mail" in html


def test_password_reset_mails_a_link_that_sets_a_new_password_and_signs_in(
    client, mailoutbox, sign_ins
):
    user = UserFactory(email="agent@exemple.test")
    client.post("/connexion/mot-de-passe/oubli/", {"email": "agent@exemple.test"})
    assert mailoutbox[0].subject == "Changer votre mot de passe"
    path = urlsplit(re.search(r"http\S+/nouveau/\S+", mailoutbox[0].body).group()).path

    form_page = client.get(path, follow=True)
    response = client.post(form_page.redirect_chain[-1][0], NEW_PASSWORD_FIELDS, follow=True)

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "vous êtes connecté·e" in response.content.decode()
    assert auth.get_user(client) == user
    assert sign_ins == [user]


def test_password_reset_of_an_account_without_password_mails_nothing(client, mailoutbox):
    User.objects.create_user("sans.mot.de.passe@exemple.test")

    response = client.post(
        "/connexion/mot-de-passe/oubli/", {"email": "sans.mot.de.passe@exemple.test"}
    )

    assert response.headers["Location"] == "/connexion/mot-de-passe/oubli/envoye/"
    assert mailoutbox == []


def test_account_made_by_link_can_set_a_first_password_without_an_old_one(client):
    user = User.objects.create_user("nouveau@exemple.test")
    client.force_login(user)
    assert "Définir un mot de passe" in client.get("/compte/mot-de-passe/").content.decode()

    response = client.post("/compte/mot-de-passe/", NEW_PASSWORD_FIELDS, follow=True)

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "Votre mot de passe est enregistré." in response.content.decode()
    assert auth.get_user(client) == user


def test_changing_a_password_asks_for_the_old_one(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/compte/mot-de-passe/",
        {"old_password": "pas-le-bon", **NEW_PASSWORD_FIELDS},
    )

    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert "Votre ancien mot de passe est incorrect." in response.content.decode()


# Signing out and the header


def test_sign_out_by_get_is_refused_and_keeps_the_session(client):
    user = UserFactory()
    client.force_login(user)

    response = client.get("/deconnexion/")

    assert response.status_code == 405
    assert auth.get_user(client) == user


def test_sign_out_by_post_signs_out_and_says_so(client):
    client.force_login(UserFactory())

    response = client.post("/deconnexion/", follow=True)

    assert not auth.get_user(client).is_authenticated
    assert "Vous êtes déconnecté·e." in response.content.decode()


def test_header_offers_sign_in_to_anonymous_visitors(client):
    html = client.get("/connexion/mot-de-passe/").content.decode()

    assert '<a class="nav-link" href="/connexion/">Se connecter</a>' in html
    assert "Se déconnecter" not in html


def test_header_offers_account_and_sign_out_to_signed_in_people(client):
    client.force_login(UserFactory())

    html = client.get("/mon-espace/").content.decode()

    assert 'href="/compte/"' in html
    assert "Se déconnecter" in html
    assert 'action="/deconnexion/" method="post"' in html


def test_header_of_public_pages_is_the_same_signed_in_or_not(client):
    anonymous = client.get("/").content.decode()
    client.force_login(UserFactory())

    signed_in = client.get("/").content.decode()

    assert signed_in == anonymous
    assert '<a class="nav-link" href="/mon-espace/">Mon espace</a>' in signed_in
    assert "Se déconnecter" not in signed_in
