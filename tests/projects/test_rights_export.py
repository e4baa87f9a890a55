"""A person's export by exact value: the document's heading, the account's groups, each
row once, the files' names in the archive, a file the storage lost, the download's
headers, and a record an app registers."""

import datetime
import io
import json
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.utils import timezone

from jury.models import JuryMember
from programme import audit
from programme.models import AuditEntry
from projects import rights
from projects.applications.services.team import add_attachment
from projects.rights import (
    erase_person,
    export_person,
    export_response,
    person_data,
    register_person_record,
)
from tests.editions.factories import CallFactory
from tests.jury.factories import ConvocationFactory, JuryMemberFactory
from tests.programme.factories import ProgrammeFactory, UserFactory
from tests.projects import uploads
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def read(archive):
    zipped = zipfile.ZipFile(io.BytesIO(archive.read()))
    return zipped, json.loads(zipped.read("donnees.json"))


@pytest.fixture
def applicant(media_root, django_capture_on_commit_callbacks):
    """An applicant in a group, leading a draft with one file."""
    user = UserFactory(email="ernestine@planted.test")
    user.groups.add(Group.objects.create(name="Lecteurs"))
    application = ApplicationFactory(created_by=user, call=CallFactory(open_now=True))
    with django_capture_on_commit_callbacks(execute=True):
        attachment = add_attachment(application, uploads.pdf(name="cv.pdf"), actor=user)
    return user, application, attachment


def test_the_document_says_whom_and_when_and_the_entry_is_at_that_time(applicant):
    user, _application, _attachment = applicant
    staff = UserFactory(innovation_staff=True)

    _zipped, document = read(export_person(user, actor=staff, at=AT))

    assert (document["exported_at"], document["person"]) == (
        "2026-03-02T09:30:00Z",
        "ernestine@planted.test",
    )
    (entry,) = AuditEntry.objects.filter(action="person.export")
    assert (entry.at, entry.actor) == (AT, staff)


def test_the_account_lists_its_groups_and_each_row_comes_once(applicant):
    user, application, _attachment = applicant

    data = person_data(user)

    assert data["programme.user"][0]["groups"] == ["Lecteurs"]
    assert [row["id"] for row in data["projects.teammember"]] == [application.team_members.get().pk]
    assert [row["id"] for row in data["projects.application"]] == [application.pk]


def test_each_file_is_in_the_archive_under_its_table_row_and_name_compressed(applicant):
    user, _application, attachment = applicant

    zipped, _document = read(export_person(user, actor=user))

    name = attachment.file.name.rsplit("/", 1)[1]
    files = [info for info in zipped.infolist() if info.filename.startswith("fichiers/")]
    assert [info.filename for info in files] == [
        f"fichiers/projects.attachment/{attachment.pk}-{name}"
    ]
    assert {info.compress_type for info in zipped.infolist()} == {zipfile.ZIP_DEFLATED}


def test_a_file_the_storage_lost_leaves_its_row_and_the_next_files_are_there(
    applicant, django_capture_on_commit_callbacks
):
    user, application, lost = applicant
    with django_capture_on_commit_callbacks(execute=True):
        kept = add_attachment(application, uploads.pdf(name="lettre.pdf"), actor=user)
    default_storage.delete(lost.file.name)

    zipped, document = read(export_person(user, actor=user))

    rows = document["tables"]["projects.attachment"]
    assert [row["id"] for row in rows] == [lost.pk, kept.pk]
    stored = kept.file.name.rsplit("/", 1)[1]
    assert [name for name in zipped.namelist() if name.startswith("fichiers/")] == [
        f"fichiers/projects.attachment/{kept.pk}-{stored}"
    ]


def test_a_row_whose_file_was_erased_leaves_the_next_files_there(
    applicant, django_capture_on_commit_callbacks
):
    """An attachment row without a file (its name emptied, as an erasure leaves it) is
    skipped, not the end of the files."""
    user, application, erased = applicant
    with django_capture_on_commit_callbacks(execute=True):
        kept = add_attachment(application, uploads.pdf(name="lettre.pdf"), actor=user)
    default_storage.delete(erased.file.name)
    type(erased).objects.filter(pk=erased.pk).update(file="")

    zipped, document = read(export_person(user, actor=user))

    assert [row["id"] for row in document["tables"]["projects.attachment"]] == [
        erased.pk,
        kept.pk,
    ]
    stored = kept.file.name.rsplit("/", 1)[1]
    assert [name for name in zipped.namelist() if name.startswith("fichiers/")] == [
        f"fichiers/projects.attachment/{kept.pk}-{stored}"
    ]


def test_the_download_is_a_named_zip_attachment_never_cached(applicant):
    user, _application, _attachment = applicant

    response = export_response(user, actor=user)

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert f'"donnees-personnelles-{user.pk}-' in disposition
    assert disposition.endswith('.zip"')
    assert (response["Content-Type"], response["Cache-Control"]) == (
        "application/zip",
        "private, no-store",
    )
    response.close()


def test_a_record_an_app_registers_is_exported_with_what_points_to_it(monkeypatch, media_root):
    monkeypatch.setattr(rights, "_PERSON_RECORDS", {rights.TeamMember: rights.memberships})
    user = UserFactory()
    juror = JuryMemberFactory(user=user)
    convocation = ConvocationFactory(member=juror)
    assert "jury.convocation" not in person_data(user)

    register_person_record(JuryMember, lambda person: JuryMember.objects.filter(user=person))

    data = person_data(user)
    assert [row["id"] for row in data["jury.jurymember"]] == [juror.pk]
    assert [row["id"] for row in data["jury.convocation"]] == [convocation.pk]


def test_an_erasure_at_a_given_time_dates_every_entry_and_the_memberships_then(applicant):
    user, application, _attachment = applicant
    staff = UserFactory(innovation_staff=True)
    member = application.team_members.get()
    mark = AuditEntry.objects.order_by("pk").last().pk

    erase_person(user, actor=staff, reason="Demande du 2 mars.", at=AT)

    logged = AuditEntry.objects.filter(pk__gt=mark).order_by("pk")
    assert [(entry.action, entry.at) for entry in logged] == [
        ("team.anonymise_member", AT),
        ("person.erase", AT),
        ("account.erase", AT),
    ]
    member.refresh_from_db()
    assert member.anonymised_at == AT


def test_an_erasure_without_a_time_is_dated_now(applicant):
    user, _application, _attachment = applicant

    erase_person(user, actor=user, reason="Demande.")

    (entry,) = AuditEntry.objects.filter(action="person.erase")
    assert abs(entry.at - timezone.now()) < datetime.timedelta(minutes=5)


def test_the_document_is_indented_to_be_read_in_a_text_editor(applicant):
    user, _application, _attachment = applicant

    archive = export_person(user, actor=user, at=AT)

    raw = zipfile.ZipFile(io.BytesIO(archive.read())).read("donnees.json").decode()
    assert raw.startswith('{\n  "exported_at": "2026-03-02T09:30:00Z",\n  "person": ')


def test_the_log_entries_by_the_person_and_about_them_are_both_exported(applicant):
    user, _application, _attachment = applicant
    by = audit.record(ProgrammeFactory(), "test.by_the_person", actor=user)
    about = audit.record(user, "test.about_the_person", actor=None)

    exported = {row["id"] for row in person_data(user)["programme.auditentry"]}

    assert {by.pk, about.pk} <= exported
