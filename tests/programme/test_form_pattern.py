"""One way for every form to say what went wrong, and for every sign-in to say it
worked and go back where the person was going."""

import re

import pytest
from django.urls import reverse

from tests.editions.factories import CallFactory
from tests.programme.factories import UserFactory
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mot-de-passe-de-test"


def main_of(content):
    return content.split('<main id="contenu"', 1)[1].split("</main>", 1)[0]


def title_of(content):
    return re.search(r"<title>(.*?)</title>", content, re.S).group(1).strip()


@pytest.fixture
def draft():
    return ApplicationFactory(call=CallFactory(open_now=True), title="Ruches")


def test_a_form_with_errors_opens_with_one_summary_linking_to_each_field(client, draft):
    client.force_login(draft.created_by)

    content = client.post(reverse("projects:member_add", args=[draft.pk]), {}).content.decode()

    summary = content.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert content.count("data-error-summary") == 1
    assert 'role="alert"' in content.split("data-error-summary", 1)[0][-200:]
    assert "erreurs à corriger" in summary
    for field in ("first_name", "last_name", "email"):
        assert f'href="#id_{field}"' in summary
    assert 'href="#id_kind_0"' in summary
    assert title_of(content).startswith("Erreur :")


def test_a_form_without_errors_has_no_summary_and_an_ordinary_title(client, draft):
    client.force_login(draft.created_by)

    content = client.get(reverse("projects:member_add", args=[draft.pk])).content.decode()

    assert "data-error-summary" not in content
    assert not title_of(content).startswith("Erreur")


def test_the_required_fields_are_explained_once_per_form(client, draft):
    client.force_login(draft.created_by)

    content = client.get(reverse("projects:member_add", args=[draft.pk])).content.decode()

    assert (
        content.count("Les champs marqués d&#x27;un astérisque (*) sont obligatoires.")
        + (content.count("Les champs marqués d'un astérisque (*) sont obligatoires."))
        == 1
    )


def test_a_confirmation_message_sits_inside_the_main_landmark(client, draft):
    client.force_login(draft.created_by)

    response = client.post(
        reverse("projects:application_edit", args=[draft.pk]), {"title": "Ruches"}, follow=True
    )

    assert "Brouillon enregistré." in main_of(response.content.decode())


def test_every_page_loads_the_form_script_that_turns_off_the_browsers_popups(client):
    assert "js/forms.js" in client.get("/connexion/").content.decode()


def test_a_wrong_password_is_announced_in_the_summary(client):
    user = UserFactory()

    content = client.post(
        "/connexion/mot-de-passe/", {"username": user.email, "password": "faux"}
    ).content.decode()

    summary = content.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert "mot de passe" in summary.lower()
    assert title_of(content).startswith("Erreur :")


def test_password_sign_in_goes_back_where_the_person_was_going_and_says_so(client, draft):
    target = reverse("projects:application_detail", args=[draft.pk])
    login_page = client.get("/connexion/mot-de-passe/", {"next": target}).content.decode()
    assert f'name="next" value="{target}"' in login_page

    response = client.post(
        "/connexion/mot-de-passe/",
        {"username": draft.created_by.email, "password": PASSWORD, "next": target},
        follow=True,
    )

    assert response.redirect_chain[0][0] == target
    assert "Vous êtes connecté·e." in main_of(response.content.decode())
