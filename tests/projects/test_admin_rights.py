"""A person's export and erasure from the admin, and a person's own export from « Mon
espace »: who may, what they get, and what is logged."""

import io
import json
import zipfile

import pytest

from programme.models import AuditEntry, User
from tests.programme.factories import UserFactory
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Aldebert Effaçable", "aldebert@planted.test"


@pytest.fixture
def person(media_root):
    user = UserFactory(first_name="Aldebert", last_name="Effaçable", email=EMAIL)
    ApplicationFactory(created_by=user)
    return user


def exported(response):
    zipped = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(zipped.read("donnees.json"))


def test_the_persons_admin_page_links_to_the_export_and_the_erasure(staff_client, person):
    page = staff_client.get(f"/admin/programme/user/{person.pk}/change/").content.decode()

    assert f'href="/admin/personnes/{person.pk}/export/"' in page
    assert f'href="/admin/personnes/{person.pk}/effacement/"' in page


def test_staff_download_a_persons_export_and_it_is_logged(staff_client, person):
    confirmation = staff_client.get(f"/admin/personnes/{person.pk}/export/")
    assert "Télécharger l'export" in confirmation.content.decode()

    response = staff_client.post(f"/admin/personnes/{person.pk}/export/")

    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    assert exported(response)["tables"]["programme.user"][0]["email"] == EMAIL
    (entry,) = AuditEntry.objects.filter(action="person.export")
    assert (entry.actor, entry.object_id) == (staff_client.staff, str(person.pk))


def test_the_erasure_needs_a_reason_and_changes_nothing_without_one(staff_client, person):
    response = staff_client.post(f"/admin/personnes/{person.pk}/effacement/", {"reason": ""})

    assert "Ce champ est obligatoire." in response.content.decode()
    assert User.objects.get(pk=person.pk).email == EMAIL
    assert not AuditEntry.objects.filter(action="person.erase").exists()


def test_staff_erase_a_person_with_a_reason_and_it_is_logged(staff_client, person):
    response = staff_client.post(
        f"/admin/personnes/{person.pk}/effacement/", {"reason": "Demande du 2 mars."}, follow=True
    )

    assert "est effacé(e)." in response.content.decode()
    person.refresh_from_db()
    assert (person.email, person.get_full_name(), person.is_active) == (
        f"compte-{person.pk}@anonyme.invalid",
        "",
        False,
    )
    (entry,) = AuditEntry.objects.filter(action="person.erase")
    assert (entry.actor, entry.reason) == (staff_client.staff, "Demande du 2 mars.")


@pytest.mark.parametrize("screen", ["export", "effacement"])
def test_staff_without_the_permission_are_refused_and_nothing_is_logged(client, person, screen):
    client.force_login(UserFactory(is_staff=True))

    response = client.post(f"/admin/personnes/{person.pk}/{screen}/", {"reason": "Essai."})

    assert response.status_code == 403
    assert User.objects.get(pk=person.pk).email == EMAIL
    assert not AuditEntry.objects.filter(action__startswith="person.").exists()


@pytest.mark.parametrize("screen", ["export", "effacement"])
def test_a_person_without_admin_access_is_sent_to_the_admin_login(client, person, screen):
    client.force_login(UserFactory())

    response = client.post(f"/admin/personnes/{person.pk}/{screen}/", {"reason": "Essai."})

    assert (response.status_code, response["Location"].startswith("/admin/login/")) == (302, True)
    assert User.objects.get(pk=person.pk).email == EMAIL


def test_a_person_downloads_their_own_data_from_their_space(client, person):
    client.force_login(person)
    space = client.get("/mon-espace/").content.decode()
    assert 'action="/mon-espace/mes-donnees/"' in space
    assert "Télécharger mes données" in space

    response = client.post("/mon-espace/mes-donnees/")

    assert exported(response)["tables"]["programme.user"][0]["email"] == EMAIL
    (entry,) = AuditEntry.objects.filter(action="person.export")
    assert (entry.actor, entry.object_id) == (person, str(person.pk))


def test_another_person_only_ever_gets_their_own_data(client, person):
    """The address names nobody: it answers with the data of whoever is signed in."""
    other = UserFactory(email="autre@exemple.test")
    client.force_login(other)

    response = client.post("/mon-espace/mes-donnees/", {"user": person.pk, "pk": person.pk})

    document = exported(response)
    assert document["tables"]["programme.user"][0]["email"] == "autre@exemple.test"
    assert EMAIL not in json.dumps(document)
    assert "Aldebert" not in json.dumps(document)


def test_the_own_export_is_for_signed_in_people_and_by_post(client, person):
    signed_out = client.post("/mon-espace/mes-donnees/")
    client.force_login(person)
    by_get = client.get("/mon-espace/mes-donnees/")

    assert (signed_out.status_code, signed_out["Location"].startswith("/connexion/")) == (302, True)
    assert by_get.status_code == 405
    assert not AuditEntry.objects.filter(action="person.export").exists()
