"""The staff's search: applications, projects, people and sessions, grouped, linked,
without regard to accents or case, one query per kind."""

import pytest

from programme.admin_search import LIMIT
from tests.jury.factories import SessionFactory
from tests.programme.factories import UserFactory
from tests.projects.factories import ApplicationFactory, ProjectFactory

pytestmark = pytest.mark.django_db
PAGE = "/admin/recherche/"


def groups(response):
    return [
        (group["label"], [result["name"] for result in group["results"]], bool(group["more_url"]))
        for group in response.context["groups"]
    ]


def test_search_finds_each_kind_without_accents_or_case(staff_client):
    application = ApplicationFactory(title="Ruches mellifères du parc")
    ApplicationFactory(title="Guichet unique")
    project = ProjectFactory(title="Rucher pédagogique")
    person = UserFactory(first_name="Hélène", last_name="Ruchaud")
    session = SessionFactory(title="Séance de printemps", place="Salle des Ruches")

    response = staff_client.get(PAGE, {"q": "RUCH"})

    assert groups(response) == [
        ("Personnes", ["Hélène Ruchaud"], False),
        ("Candidatures", ["Ruches mellifères du parc"], False),
        ("Projets", ["Rucher pédagogique"], False),
        ("Séances du jury", ["Séance de printemps"], False),
    ]
    content = response.content.decode()
    for url in (
        f"/admin/programme/user/{person.pk}/change/",
        f"/admin/projects/application/{application.pk}/change/",
        f"/admin/projects/project/{project.pk}/change/",
        f"/admin/jury/session/{session.pk}/change/",
    ):
        assert f'href="{url}"' in content


def test_search_needs_every_word_and_ignores_accents_typed(staff_client):
    ApplicationFactory(title="Ruches mellifères du parc")
    ApplicationFactory(title="Ruches du port")

    response = staff_client.get(PAGE, {"q": "mellifere ruches"})

    assert groups(response)[1] == ("Candidatures", ["Ruches mellifères du parc"], False)


def test_search_shows_a_limited_list_and_links_the_rest(staff_client):
    for index in range(LIMIT + 1):
        UserFactory(last_name=f"Abeille {index}")

    response = staff_client.get(PAGE, {"q": "abeille"})

    label, names, more = groups(response)[0]
    assert (label, len(names), more) == ("Personnes", LIMIT, True)
    assert 'href="/admin/programme/user/?q=abeille"' in response.content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a", "Tapez au moins 2 caractères."),
        ("x" * 101, "Cherchez au plus 100 caractères."),
    ],
)
def test_search_refuses_too_short_or_too_long_a_text_in_french(staff_client, text, message):
    response = staff_client.get(PAGE, {"q": text})

    assert response.context["groups"] == []
    assert message in response.content.decode()


def test_search_without_text_shows_only_the_box(staff_client):
    response = staff_client.get(PAGE)

    assert response.context["groups"] == []
    assert 'name="q"' in response.content.decode()


def build(count):
    for index in range(count):
        UserFactory(last_name=f"Ruchaud {index}")
        ApplicationFactory(title=f"Ruches {index}")
        ProjectFactory(title=f"Rucher {index}")
        SessionFactory(title=f"Séance des ruches {index}")


@pytest.mark.parametrize("count", [1, 50])
def test_search_costs_one_query_per_kind_for_1_and_50_rows(
    staff_client, django_assert_num_queries, count
):
    build(count)
    staff_client.get(PAGE, {"q": "ruch"})

    # The session, the user, the second factor, the permissions (twice), the programme
    # (the site's header), then one query per kind.
    with django_assert_num_queries(10):
        response = staff_client.get(PAGE, {"q": "ruch"})

    assert [len(names) for _label, names, _more in groups(response)] == [min(count, LIMIT)] * 4


@pytest.mark.parametrize("role", ["staff_without_permission", "jury_member", "coach", "applicant"])
def test_search_is_refused_to_other_roles(client_as, world, role):
    response = client_as(role).get(PAGE, {"q": "confidentiel"})

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")
    assert "Candidature confidentielle" not in response.content.decode()
