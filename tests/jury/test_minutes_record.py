"""The stored PDF of a closed session's minutes, by exact value: who stored it and when,
the official text (never the draft's), the refusal before the close, and no file left
behind when its row is not kept."""

import datetime
import re
import subprocess

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jury.enums import Outcome
from jury.models import MinutesRecord
from jury.services import minutes as minutes_service
from jury.services import store_minutes_pdf
from programme.models import AuditEntry
from tests.jury.factories import SessionFactory
from tests.programme.factories import UserFactory
from tests.projects.helpers import refusals

pytestmark = pytest.mark.django_db


def closed(staff):
    return SessionFactory(
        pitches=1, convened=1, decisions=[Outcome.SELECTED], closed=True, moved_by=staff
    )


def stored_files():
    """The names of the stored minutes' files."""
    if not default_storage.exists("jury/proces-verbaux"):
        return []
    return sorted(default_storage.listdir("jury/proces-verbaux")[1])


def record_writes(queries):
    """The statements that wrote the minutes record's row, in order."""
    return [
        query["sql"].split()[0].upper()
        for query in queries.captured_queries
        if "jury_minutesrecord" in query["sql"].split(" WHERE ")[0]
        and not query["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_the_record_names_who_stored_it_and_when(staff):
    session = closed(staff)
    reader = UserFactory()

    record = store_minutes_pdf(session, actor=reader)

    record.refresh_from_db()
    assert record.created_by == reader
    assert abs(record.created_at - timezone.now()) < datetime.timedelta(minutes=5)
    assert stored_files() == [record.file.name.rsplit("/", 1)[1]]


def test_the_stored_file_has_a_random_name_with_the_pdf_extension(staff):
    first = store_minutes_pdf(closed(staff), actor=staff)
    second = store_minutes_pdf(closed(staff), actor=staff)

    for record in (first, second):
        assert re.fullmatch(r"jury/proces-verbaux/[0-9a-f]{32}\.pdf", record.file.name)
    assert first.file.name != second.file.name


def test_the_stored_pdf_is_the_official_text_not_the_draft(staff):
    record = store_minutes_pdf(closed(staff), actor=staff)

    with record.file.open("rb") as stored:
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=stored.read(), capture_output=True, check=True
        ).stdout.decode()
    assert "Procès-verbal" in text
    assert "Projet — document de travail" not in " ".join(text.split())


def test_before_the_close_the_refusal_says_why_and_nothing_is_stored(staff):
    session = SessionFactory(moved_by=staff, pitches=1, convened=1, deliberation=True)

    assert refusals(lambda: store_minutes_pdf(session, actor=staff)) == [
        "Le procès-verbal n'est enregistré qu'une fois la séance close."
    ]
    assert (MinutesRecord.objects.count(), stored_files()) == (0, [])


def test_when_the_entry_cannot_be_written_neither_the_row_nor_the_file_stays(staff, monkeypatch):
    session = closed(staff)

    def broken(*args, **kwargs):
        raise RuntimeError("journal indisponible")

    monkeypatch.setattr(minutes_service.audit, "record", broken)

    with pytest.raises(RuntimeError, match="journal indisponible"):
        store_minutes_pdf(session, actor=staff)

    assert (MinutesRecord.objects.count(), stored_files()) == (0, [])
    assert not AuditEntry.objects.filter(action="session.store_minutes").exists()


def test_the_record_row_is_written_once_never_rewritten(staff):
    session = closed(staff)

    with CaptureQueriesContext(connection) as queries:
        store_minutes_pdf(session, actor=staff)

    assert record_writes(queries) == ["INSERT"]


def test_when_the_database_refuses_the_entry_its_error_reaches_the_caller_and_nothing_stays(
    staff, monkeypatch
):
    session = closed(staff)

    def refused(*args, **kwargs):
        with transaction.atomic():
            raise IntegrityError("entrée refusée")

    monkeypatch.setattr(minutes_service.audit, "record", refused)

    with CaptureQueriesContext(connection) as queries, pytest.raises(IntegrityError):
        store_minutes_pdf(session, actor=staff)

    assert (MinutesRecord.objects.count(), stored_files()) == (0, [])
    assert record_writes(queries) == ["INSERT"]
