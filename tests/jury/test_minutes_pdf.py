"""The official minutes as a PDF: the demo's 15 March 2022 session read back with
``pdftotext``, the stored record and its SHA-256 on the page, the draft before the close,
the print stylesheet, flat query counts and no 500 on bad input."""

import hashlib
from functools import partial
from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from jury.enums import Attendance, MemberRole, Outcome, SessionStatus
from jury.models import MinutesRecord, Session
from jury.services import declare_conflict, move_session, record_decision, store_minutes_pdf
from programme.lifecycles import ActionRefused
from programme.models import AuditEntry, User
from programme.pdf import NoNetwork
from programme.places import at_place, french_at
from tests.jury.factories import ConvocationFactory, JuryMemberFactory, SessionFactory
from tests.pdfs import pdf_text as read_pdf_text
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db


# The minutes as laid out on the page (their tables' cells side by side).
pdf_text = partial(read_pdf_text, layout=True)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def march_15(settings, media_root):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    return Session.objects.get(starts_at__date="2022-03-15")


@pytest.fixture
def staff_client(client, march_15):
    client.force_login(User.objects.get(email="innovation@tremplin.test"))
    return client


def test_the_15_march_minutes_open_with_pdftotext_and_hold_the_record(staff_client, march_15):
    response = staff_client.get(f"/jury/seances/{march_15.pk}/proces-verbal.pdf")

    text = pdf_text(body(response))
    assert response["Content-Type"] == "application/pdf"
    assert "Procès-verbal" in text
    assert "Délibération n° 2022-03-15-01" in text
    assert "Délibération n° 2022-03-15-10" in text
    assert "quorum atteint" in text
    assert "Quorum sur ce point" in text
    assert "Marc Delaunay s'est déporté·e et n'a pris part ni à la discussion ni au vote." in text
    assert "Pour la présidence du jury" in text
    assert "Jean-Baptiste Gastinne" in text
    assert "Pour le secrétariat de séance" in text
    assert "Fait au Havre, le 15 mars 2022." in text
    assert "Ouverture de la délibération : 15 mars 2022" in text
    assert "Projet — document de travail" not in text


def test_the_hash_on_the_page_is_the_stored_files_and_the_download_is_that_file(
    staff_client, march_15
):
    page = staff_client.get(f"/jury/seances/{march_15.pk}/proces-verbal/")
    download = body(staff_client.get(f"/jury/seances/{march_15.pk}/proces-verbal.pdf"))

    record = MinutesRecord.objects.get(session=march_15)
    with record.file.open("rb") as stored:
        digest = hashlib.sha256(stored.read()).hexdigest()
    assert record.sha256 == digest
    assert f"<code>{digest}</code>" in page.content.decode()
    assert hashlib.sha256(download).hexdigest() == digest


def test_the_record_is_stored_once_with_one_audit_entry(march_15):
    staff = User.objects.get(email="innovation@tremplin.test")

    first = store_minutes_pdf(march_15, actor=staff)
    again = store_minutes_pdf(march_15, actor=UserFactory(innovation_staff=True))

    assert again.pk == first.pk
    assert MinutesRecord.objects.filter(session=march_15).count() == 1
    entry = AuditEntry.objects.get(action="session.store_minutes")
    assert (entry.actor, entry.object_id) == (staff, str(march_15.pk))
    assert entry.changes == {"minutes_sha256": [None, first.sha256]}


def test_a_member_who_withdrew_gets_an_extract_without_the_item(client, march_15):
    item = march_15.minutes["items"][2]
    client.force_login(User.objects.get(first_name="Marc", last_name="Delaunay"))

    response = client.get(f"/jury/seances/{march_15.pk}/proces-verbal.pdf")

    text = pdf_text(body(response))
    assert "Extrait du procès-verbal" in text
    assert item["subject"] not in text
    assert "2022-03-15-03" not in text
    assert "Délibération n° 2022-03-15-04" in text


def closed_session(items, *, staff):
    """A closed session of ``items`` pitches, selected, with a president, a secretary and
    a member who withdrew from the first item."""
    session = SessionFactory(moved_by=staff, pitches=items, scoring=True)
    for role in (MemberRole.PRESIDENT, MemberRole.SECRETARY, MemberRole.ELECTED_OFFICIAL):
        ConvocationFactory(
            session=session,
            member=JuryMemberFactory(programme=session.programme, role=role),
            attendance=Attendance.PRESENT,
        )
    withdrawn = JuryMemberFactory(programme=session.programme)
    ConvocationFactory(session=session, member=withdrawn, attendance=Attendance.EXCUSED)
    declare_conflict(session.items.get(position=1), member=withdrawn, actor=staff)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    for item in session.items.all():
        record_decision(item, outcome=Outcome.SELECTED, actor=staff)
    move_session(session, SessionStatus.CLOSED, actor=staff)
    return session


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        body(response)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("suffix", ["proces-verbal/", "proces-verbal.pdf", "proces-verbal.html"])
def test_the_minutes_read_as_many_queries_for_1_item_as_for_30(client, media_root, suffix):
    staff = UserFactory(innovation_staff=True)
    small, large = closed_session(1, staff=staff), closed_session(30, staff=staff)
    client.force_login(staff)
    for session in (small, large):  # the first reading stores the record
        client.get(f"/jury/seances/{session.pk}/proces-verbal/")

    assert queries(client, f"/jury/seances/{small.pk}/{suffix}") == queries(
        client, f"/jury/seances/{large.pk}/{suffix}"
    )


def test_the_draft_reads_as_many_queries_for_1_item_as_for_30(client, media_root):
    staff = UserFactory(innovation_staff=True)
    small = SessionFactory(moved_by=staff, pitches=1, convened=3, scoring=True)
    large = SessionFactory(moved_by=staff, pitches=30, convened=3, scoring=True)
    client.force_login(staff)

    assert queries(client, f"/jury/seances/{small.pk}/proces-verbal.pdf") == queries(
        client, f"/jury/seances/{large.pk}/proces-verbal.pdf"
    )


def test_before_the_close_the_pdf_is_a_draft_marked_projet_and_not_stored(client, media_root):
    staff = UserFactory(innovation_staff=True)
    session = SessionFactory(moved_by=staff, pitches=2, convened=3, deliberation=True)
    client.force_login(staff)

    response = client.get(f"/jury/seances/{session.pk}/proces-verbal.pdf")

    text = pdf_text(body(response))
    assert "Projet — document de travail" in text
    assert "Délibération n° 2022-03-15-02" in text
    assert "à venir" in text
    assert not MinutesRecord.objects.exists()
    with pytest.raises(ActionRefused):
        store_minutes_pdf(session, actor=staff)


def test_the_page_prints_without_the_sites_navigation(client, media_root):
    staff = UserFactory(innovation_staff=True)
    session = closed_session(1, staff=staff)
    client.force_login(staff)

    page = client.get(f"/jury/seances/{session.pk}/proces-verbal/").content.decode()

    assert 'media="print" href="/static/css/minutes-print.css"' in page
    assert "<style" not in page
    with open(finders.find("css/minutes-print.css"), encoding="utf-8") as css:
        assert ".tremplin-header" in css.read()


def test_the_html_file_links_its_stylesheet_and_holds_no_inline_style(client, media_root):
    staff = UserFactory(innovation_staff=True)
    session = closed_session(1, staff=staff)
    client.force_login(staff)

    document = client.get(f"/jury/seances/{session.pk}/proces-verbal.html").content.decode()

    assert "<style" not in document
    assert 'href="http://testserver/static/css/minutes.css"' in document


@pytest.mark.parametrize(
    "path",
    [
        "/jury/seances/999999/proces-verbal.pdf",
        "/jury/seances/0/proces-verbal.pdf",
        "/jury/seances/abc/proces-verbal.pdf",
        "/jury/seances/-1/proces-verbal.pdf",
    ],
)
def test_a_bad_address_is_a_404_never_a_500(client, path):
    client.force_login(UserFactory(innovation_staff=True))

    assert client.get(path).status_code == 404


def test_a_post_or_a_query_string_is_never_a_500(client, media_root):
    staff = UserFactory(innovation_staff=True)
    session = closed_session(1, staff=staff)
    client.force_login(staff)

    assert client.post(f"/jury/seances/{session.pk}/proces-verbal.pdf").status_code == 405
    odd = client.get(f"/jury/seances/{session.pk}/proces-verbal.pdf?page=%00&x=<script>")
    assert odd.status_code == 200


@pytest.mark.parametrize(
    ("place", "expected"),
    [("Le Havre", "au Havre"), ("Les Andelys", "aux Andelys"), ("Rouen", "à Rouen")],
)
def test_the_place_of_signature_reads_in_french(place, expected):
    assert french_at(place) == expected


def test_the_place_of_signature_reads_in_english_too():
    with translation.override("en"):
        assert at_place("Le Havre") == "in Le Havre"


def test_the_sessions_admin_page_shows_the_stored_fingerprint(client, media_root):
    staff = UserFactory(innovation_staff=True)
    session = closed_session(1, staff=staff)
    record = store_minutes_pdf(session, actor=staff)
    client.force_login(staff)

    page = client.get(f"/admin/jury/session/{session.pk}/change/").content.decode()

    assert record.sha256 in page


def test_the_pdf_fetches_no_url_not_even_a_local_file():
    for url in ("https://example.org/logo.png", "file:///etc/passwd", "data:text/css,a{}"):
        with pytest.raises(ValueError, match="fetch no resource"):
            NoNetwork().fetch(url)
