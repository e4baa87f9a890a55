"""The jury day's paper: each member's scoring sheet and the session's sign-in sheet, as
PDFs read back with ``pdftotext``; who may download them; flat query counts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jury.enums import Attendance, CriterionGrid, MemberRole
from jury.services import declare_conflict
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    JuryMemberFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.pdfs import missing, pdf_text
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jury_day(staff):
    """A planned session of 15 March 2022 at the Cité numérique on two pitches, with a
    two-criterion selection grid; a president, a secretary, two members, one of whom
    withdrew from the second pitch."""
    session = SessionFactory(title="Jury du 15 mars", place="Cité numérique", moved_by=staff)
    CriterionFactory(session=session, name="Utilité publique", weight=Decimal("2"), scale_max=5)
    CriterionFactory(session=session, name="Faisabilité", weight=Decimal("1.5"), scale_max=10)
    CriterionFactory(session=session, grid=CriterionGrid.REVIEW, name="Impact mesuré")
    first = SelectionItemFactory(
        session=session,
        application__title="Ruches de l'estuaire",
        scheduled_time=datetime.time(14, 30),
    )
    second = SelectionItemFactory(session=session, application__title="Dossier du cousin")
    people = {}
    for role, member_role, title in [
        ("president", MemberRole.PRESIDENT, "1er Vice-Président de la Communauté urbaine"),
        ("secretary", MemberRole.SECRETARY, ""),
        ("member", MemberRole.ELECTED_OFFICIAL, ""),
        ("withdrawn", MemberRole.QUALIFIED_PERSON, ""),
    ]:
        people[role] = ConvocationFactory(
            session=session,
            member=JuryMemberFactory(
                programme=session.programme,
                role=member_role,
                public_title=title,
                user__first_name=role.capitalize(),
                user__last_name="Martin",
            ),
        ).member
    declare_conflict(second, member=people["withdrawn"], actor=people["withdrawn"].user)
    return session, people, (first, second)


def sheet_path(session, member):
    return f"/jury/seances/{session.pk}/membres/{member.pk}/grille-de-notation.pdf"


def read_as(client, user, path):
    """The text of the PDF at ``path``, as ``user`` downloads it."""
    client.force_login(user)
    response = client.get(path)
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def test_a_members_scoring_sheet_lists_each_item_with_its_grid_and_blank_boxes(client, jury_day):
    session, people, _items = jury_day

    text = read_as(client, people["member"].user, sheet_path(session, people["member"]))

    assert (
        missing(
            text,
            "Grille de notation — Jury du 15 mars",
            "Séance du 15 mars 2022 à 14:00, Cité numérique.",
            "Membre du jury : Member Martin — Élu ou élue",
            "Point 1 — Ruches de l'estuaire",
            "heure prévue : 14:30",
            "Point 2 — Dossier du cousin",
            "Critère Coefficient Échelle Note",
            "Commentaire",
        )
        == []
    )
    # pdftotext may drop the narrow spaces of a short cell: rows are read without spaces.
    assert "Utilitépublique20à5/5" in text.replace(" ", "")
    assert "Faisabilité1,50à10/10" in text.replace(" ", "")
    assert "Impact mesuré" not in text  # the review grid has no item here


@pytest.mark.parametrize(
    ("reader", "shown", "absent"),
    [
        pytest.param(
            "withdrawn",
            ["Point 1 — Ruches de l'estuaire"],
            ["Dossier du cousin", "Point 2"],
            id="the member themselves",
        ),
        pytest.param("president", ["Withdrawn Martin"], ["Dossier du cousin"], id="the chair"),
    ],
)
def test_a_withdrawn_members_sheet_leaves_out_the_item_they_withdrew_from(
    client, jury_day, reader, shown, absent
):
    session, people, _items = jury_day
    client.force_login(people[reader].user)

    text = pdf_text(client.get(sheet_path(session, people["withdrawn"])).content)

    for fragment in shown:
        assert fragment in text
    for fragment in absent:
        assert fragment not in text


def test_a_chair_who_withdrew_does_not_read_the_item_on_anyones_sheet(client, jury_day):
    session, people, (_first, second) = jury_day
    declare_conflict(second, member=people["president"], actor=people["president"].user)
    client.force_login(people["president"].user)

    text = pdf_text(client.get(sheet_path(session, people["member"])).content)

    assert "Member Martin" in text
    assert "Dossier du cousin" not in text


@pytest.mark.parametrize("reader", ["president", "secretary", "member", "staff"])
def test_the_member_the_chair_and_staff_download_the_members_sheet(client, jury_day, staff, reader):
    session, people, _items = jury_day
    client.force_login(staff if reader == "staff" else people[reader].user)

    response = client.get(sheet_path(session, people["member"]))

    assert response.status_code == 200
    assert "Member Martin" in pdf_text(response.content)


@pytest.mark.parametrize("reader", ["withdrawn", "outsider", "other_staffless"])
def test_another_member_or_an_outsider_gets_no_sheet_of_a_member(client, jury_day, reader):
    session, people, _items = jury_day
    outsider = UserFactory()
    if reader == "other_staffless":
        ConvocationFactory(session=session, member=JuryMemberFactory(user=outsider))
    client.force_login(people["withdrawn"].user if reader == "withdrawn" else outsider)

    response = client.get(sheet_path(session, people["member"]))

    assert response.status_code == 404
    assert b"Member Martin" not in response.content
    assert response["Content-Type"] != "application/pdf"


def test_the_secretary_has_no_scoring_sheet_and_is_told_why(client, jury_day):
    session, people, _items = jury_day
    client.force_login(people["secretary"].user)

    response = client.get(sheet_path(session, people["secretary"]))

    assert response.status_code == 404
    assert response["Content-Type"] != "application/pdf"


def test_a_member_not_convened_to_the_session_has_no_sheet_there(client, jury_day, staff):
    session, _people, _items = jury_day
    stranger = JuryMemberFactory(programme=session.programme)
    client.force_login(staff)

    assert client.get(sheet_path(session, stranger)).status_code == 404


def test_the_sign_in_sheet_lists_every_member_with_role_date_place_and_a_signature_column(
    client, jury_day
):
    session, people, _items = jury_day

    text = read_as(client, people["secretary"].user, f"/jury/seances/{session.pk}/emargement.pdf")

    assert (
        missing(
            text,
            "Feuille d'émargement",
            "Jury du 15 mars",
            "Date : 15 mars 2022 à 14:00",
            "Lieu : Cité numérique",
            "Membre Rôle",
            "Heure d'arrivée",
            "Signature",
        )
        == []
    )
    assert "President Martin Président ou présidente" in text
    assert "1er Vice-Président de la Communauté urbaine" in text
    assert "Secretary Martin Secrétaire de séance (sans voix)" in text
    assert "Member Martin Élu ou élue" in text
    assert "Withdrawn Martin Personnalité qualifiée" in text


@pytest.mark.parametrize(("reader", "status"), [("president", 200), ("member", 403)])
def test_the_sign_in_sheet_is_the_chairs_and_staffs(client, jury_day, reader, status):
    session, people, _items = jury_day
    client.force_login(people[reader].user)

    response = client.get(f"/jury/seances/{session.pk}/emargement.pdf")

    assert response.status_code == status
    assert (b"%PDF" in response.content[:8]) is (status == 200)


def test_the_session_pages_link_the_sheets(client, jury_day, staff):
    session, people, _items = jury_day
    client.force_login(people["member"].user)
    member_page = client.get(f"/jury/seances/{session.pk}/").content.decode()
    client.force_login(people["president"].user)
    chair_page = client.get(f"/jury/seances/{session.pk}/deliberation/").content.decode()
    client.force_login(staff)
    admin_page = client.get(f"/admin/jury/session/{session.pk}/change/").content.decode()

    assert sheet_path(session, people["member"]) in member_page
    assert f"/jury/seances/{session.pk}/emargement.pdf" not in member_page
    for member in ("president", "member", "withdrawn"):
        assert sheet_path(session, people[member]) in chair_page
    assert sheet_path(session, people["secretary"]) not in chair_page
    assert f"/jury/seances/{session.pk}/emargement.pdf" in chair_page
    assert f"/jury/seances/{session.pk}/emargement.pdf" in admin_page


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def a_session(items, members):
    session = SessionFactory(pitches=items)
    CriterionFactory(session=session)
    for _member in range(members):
        ConvocationFactory(
            session=session,
            member=JuryMemberFactory(programme=session.programme),
            attendance=Attendance.PRESENT,
        )
    return session


def test_the_sheets_read_as_many_queries_for_1_item_as_for_30(client, staff):
    small, large = a_session(1, 1), a_session(30, 12)
    client.force_login(staff)

    for suffix in ("emargement.pdf",):
        assert queries(client, f"/jury/seances/{small.pk}/{suffix}") == queries(
            client, f"/jury/seances/{large.pk}/{suffix}"
        )
    small_member = small.convocations.get().member
    large_member = large.convocations.first().member
    assert queries(client, sheet_path(small, small_member)) == queries(
        client, sheet_path(large, large_member)
    )
