"""Signing in by a link sent by e-mail: asking for it, using it once, its rate limits."""

import re
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import sesame.tokens_v2
from django.contrib import auth
from sesame.utils import get_token

from programme.models import User
from tests.programme.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

SENT = "Si cette adresse est valide, un lien de connexion vient d'y être envoyé."
RATE_LIMITED = "Trop de tentatives en peu de temps"
EXPIRED = "Lien expiré ou déjà utilisé"


@pytest.fixture
def age_tokens(monkeypatch):
    """``age_tokens(seconds)``: django-sesame's clock moves that far ahead."""

    def advance(seconds):
        later = time.time() + seconds
        monkeypatch.setattr(sesame.tokens_v2, "time", SimpleNamespace(time=lambda: later))

    return advance


def request_link(client, email, next_url=""):
    return client.post("/connexion/", {"email": email, "next": next_url})


def link_path(mail):
    """The path and query of the sign-in link in ``mail``, as the test client wants them."""
    url = re.search(r"^https?://\S+/connexion/lien/\?\S+$", mail.body, re.MULTILINE).group()
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def main_content(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# Asking for a link


def test_link_request_for_a_known_address_mails_one_link_and_says_so(client, mailoutbox):
    UserFactory(email="agent@exemple.test")

    response = request_link(client, "agent@exemple.test")

    assert SENT in response.content.decode()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["agent@exemple.test"]
    assert mailoutbox[0].subject == "Votre lien de connexion à Tremplin"
    assert "valable 15 minutes" in mailoutbox[0].body
    assert link_path(mailoutbox[0]).startswith("/connexion/lien/?sesame=")


def test_link_request_answers_the_same_for_unknown_and_known_addresses(client, mailoutbox):
    UserFactory(email="connue@exemple.test")

    known = request_link(client, "connue@exemple.test")
    unknown = request_link(client, "inconnue@exemple.test")

    assert known.status_code == unknown.status_code == 200
    assert main_content(known).replace("connue@", "X@") == main_content(unknown).replace(
        "inconnue@", "X@"
    )
    assert [mail.to for mail in mailoutbox] == [["connue@exemple.test"], ["inconnue@exemple.test"]]


def test_link_request_for_an_unknown_address_creates_an_account_without_password(client):
    request_link(client, "  Nouvelle.Etudiante@Exemple.TEST ")

    user = User.objects.get()
    assert user.email == "nouvelle.etudiante@exemple.test"
    assert not user.has_usable_password()
    assert not user.is_staff


def test_link_request_in_capitals_reuses_the_existing_account(client, mailoutbox):
    user = UserFactory(email="agent@exemple.test")

    request_link(client, "AGENT@exemple.test")

    assert list(User.objects.values_list("pk", flat=True)) == [user.pk]
    assert mailoutbox[0].to == ["agent@exemple.test"]


def test_link_request_for_a_deactivated_account_mails_nothing_and_answers_the_same(
    client, mailoutbox
):
    UserFactory(email="parti@exemple.test", is_active=False)

    response = request_link(client, "parti@exemple.test")

    assert SENT in response.content.decode()
    assert mailoutbox == []


def test_link_request_with_an_invalid_address_shows_a_french_error(client, mailoutbox):
    response = request_link(client, "pas-une-adresse")

    assert "Saisissez une adresse de courriel valide." in response.content.decode()
    assert mailoutbox == []
    assert not User.objects.exists()


def test_sign_in_page_has_a_phone_friendly_email_field(client):
    html = client.get("/connexion/").content.decode()

    field = re.search(r"<input[^>]*name=\"email\"[^>]*>", html).group()
    assert 'type="email"' in field
    assert 'autocomplete="email"' in field
    assert 'inputmode="email"' in field
    assert "Adresse e-mail" in html


# Using the link


def test_link_page_get_neither_signs_in_nor_uses_the_token(client, mailoutbox, sign_ins):
    user = UserFactory(email="agent@exemple.test")
    request_link(client, "agent@exemple.test")
    path = link_path(mailoutbox[0])

    first = client.get(path)
    second = client.get(path)

    assert not auth.get_user(client).is_authenticated
    assert sign_ins == []
    user.refresh_from_db()
    assert user.last_login is None
    for response in (first, second):
        html = response.content.decode()
        assert "Me connecter" in html
        assert "agent@exemple.test" in html
        assert 'method="post"' in html
    token = re.search(r"sesame=([\w-]+)", path).group(1)
    client.post("/connexion/lien/", {"sesame": token})
    assert auth.get_user(client) == user


def test_link_post_signs_in_fires_the_sign_in_signal_and_goes_to_next(client, mailoutbox, sign_ins):
    user = UserFactory(email="agent@exemple.test")
    request_link(client, "agent@exemple.test", next_url="/compte/")
    token = re.search(r"sesame=([\w-]+)", mailoutbox[0].body).group(1)
    assert "next=%2Fcompte%2F" in mailoutbox[0].body

    response = client.post("/connexion/lien/", {"sesame": token, "next": "/compte/"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/compte/"
    assert auth.get_user(client) == user
    assert sign_ins == [user]


@pytest.mark.parametrize(
    "next_url", ["https://ailleurs.example/", "//ailleurs.example/", "javascript:alert(1)"]
)
def test_link_post_refuses_a_next_off_this_site(client, next_url):
    user = UserFactory()

    response = client.post("/connexion/lien/", {"sesame": get_token(user), "next": next_url})

    assert response.headers["Location"] == "/mon-espace/"
    assert auth.get_user(client) == user


def test_link_request_drops_a_next_off_this_site_from_the_link(client, mailoutbox):
    request_link(client, "agent@exemple.test", next_url="https://ailleurs.example/")

    assert "ailleurs" not in mailoutbox[0].body


def test_link_cannot_be_used_twice(client, mailoutbox, sign_ins):
    UserFactory(email="agent@exemple.test")
    request_link(client, "agent@exemple.test")
    token = re.search(r"sesame=([\w-]+)", mailoutbox[0].body).group(1)
    client.post("/connexion/lien/", {"sesame": token})
    client.post("/deconnexion/")

    response = client.post("/connexion/lien/", {"sesame": token})

    assert EXPIRED in response.content.decode()
    assert not auth.get_user(client).is_authenticated
    assert len(sign_ins) == 1


def test_link_older_than_fifteen_minutes_shows_the_expired_page(client, age_tokens, sign_ins):
    token = get_token(UserFactory())
    age_tokens(15 * 60 + 1)

    page = client.get(f"/connexion/lien/?sesame={token}")
    post = client.post("/connexion/lien/", {"sesame": token})

    for response in (page, post):
        html = response.content.decode()
        assert response.status_code == 200
        assert EXPIRED in html
        assert "Recevoir un lien de connexion" in html
    assert not auth.get_user(client).is_authenticated
    assert sign_ins == []


def test_link_fourteen_minutes_old_still_signs_in(client, age_tokens):
    user = UserFactory()
    token = get_token(user)
    age_tokens(14 * 60)

    client.post("/connexion/lien/", {"sesame": token})

    assert auth.get_user(client) == user


@pytest.mark.parametrize("query", ["", "?sesame=", "?sesame=abc", "?sesame=%C3%A9t%C3%A9"])
def test_link_page_with_a_missing_or_mangled_token_shows_the_expired_page(client, query):
    response = client.get(f"/connexion/lien/{query}")

    assert response.status_code == 200
    assert EXPIRED in response.content.decode()


def test_link_of_a_deactivated_account_shows_the_expired_page(client):
    user = UserFactory()
    token = get_token(user)
    User.objects.filter(pk=user.pk).update(is_active=False)

    response = client.post("/connexion/lien/", {"sesame": token})

    assert EXPIRED in response.content.decode()
    assert not auth.get_user(client).is_authenticated


# Rate limits


def test_link_requests_beyond_five_per_address_answer_429_in_french(client, mailoutbox):
    for _ in range(5):
        request_link(client, "cible@exemple.test")

    response = request_link(client, "Cible@exemple.test")

    assert response.status_code == 429
    assert RATE_LIMITED in response.content.decode()
    assert len(mailoutbox) == 5


def test_thirty_students_behind_one_school_address_each_get_their_link(client, mailoutbox):
    responses = [request_link(client, f"eleve{number}@lycee.test") for number in range(30)]

    assert [response.status_code for response in responses] == [200] * 30
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        f"eleve{number}@lycee.test" for number in range(30)
    )


def test_link_requests_beyond_the_limit_per_ip_answer_429_in_french(client, mailoutbox, settings):
    settings.TREMPLIN_SIGN_IN_LINKS_PER_IP = "10/h"
    for number in range(10):
        request_link(client, f"personne{number}@exemple.test")

    response = request_link(client, "onzieme@exemple.test")

    assert response.status_code == 429
    assert RATE_LIMITED in response.content.decode()
    assert len(mailoutbox) == 10
    assert not User.objects.filter(email="onzieme@exemple.test").exists()


def test_link_requests_from_another_ip_are_counted_apart(client, mailoutbox, settings):
    settings.TREMPLIN_SIGN_IN_LINKS_PER_IP = "10/h"
    for number in range(10):
        request_link(client, f"personne{number}@exemple.test")

    response = client.post("/connexion/", {"email": "autre@exemple.test"}, REMOTE_ADDR="192.0.2.7")

    assert response.status_code == 200
    assert len(mailoutbox) == 11
