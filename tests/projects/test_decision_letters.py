"""Decision letters of staff screening decisions, kept on the application and read only
by its team and staff; signed by the jury's president (registered by ``jury``), else by
the authority."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from jury.enums import MemberRole
from projects.applications.services import publish_screening
from projects.enums import ApplicationStatus
from projects.letters import letter_content, store_letter_pdf, write_letter
from projects.retention import anonymise_member
from tests.editions.factories import CallFactory, paris
from tests.jury.factories import JuryMemberFactory
from tests.pdfs import pdf_text
from tests.programme.factories import ProgrammeFactory, UserFactory
from tests.projects.factories import ApplicationFactory, TeamMemberFactory
from tests.projects.helpers import decide_application

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
S = ApplicationStatus
PUBLISHED_AT = paris(2022, 2, 16, 9, 0)
QUERIES_OF_THE_TEAM_PAGE = 15
QUERIES_OF_A_DOWNLOAD = 8


def screened(target, *, reason="Le besoin n'est pas encore établi.", call=None):
    application = ApplicationFactory(
        call=call or CallFactory(), submitted=True, title="Quais éclairés"
    )
    decide_application(application, target, reason=reason)
    return application


def test_screening_letter_is_attached_and_signed_by_the_programmes_president(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    JuryMemberFactory(
        programme=ProgrammeFactory(),
        role=MemberRole.PRESIDENT,
        public_title="1er Vice-Président",
        user__first_name="Jean",
        user__last_name="Dupont",
    )
    application = screened(S.NOT_SHORTLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        publish_screening(application.call, actor=staff, at=PUBLISHED_AT)

    (message,) = mailoutbox
    (filename, content, mimetype) = message.attachments[0]
    text = pdf_text(content)
    assert mimetype == "application/pdf"
    assert filename.startswith("lettre-de-decision-2022-02-16-")
    assert "Décision concernant « Quais éclairés »" in text
    assert "Non présélectionnée (Équipe innovation)" in text
    assert "Le besoin n'est pas encore établi." in text
    assert "Jean Dupont 1er Vice-Président" in text
    assert "Fait au Havre, le 16 février 2022." in text
    assert f"édition « {application.call.edition.name} »" in text


def test_without_a_president_the_authority_signs(staff):
    application = screened(S.INELIGIBLE)

    publish_screening(application.call, actor=staff, at=PUBLISHED_AT, notify=False)

    letter = application.decision_letters.get()
    assert letter.terms["signatory"] == {"name": "Communauté urbaine de test", "title": ""}


def letter_of(application, target, staff):
    history = decide_application(application, target)
    return write_letter(history, actor=staff, at=PUBLISHED_AT)


def test_team_member_downloads_the_letter_of_their_application(client, staff):
    application = screened(S.SHORTLISTED)
    publish_screening(application.call, actor=staff, at=PUBLISHED_AT, notify=False)
    letter = application.decision_letters.get()
    client.force_login(application.created_by)

    response = client.get(reverse("projects:decision_letter", args=[letter.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "Présélectionnée" in pdf_text(b"".join(response.streaming_content))
    letter.refresh_from_db()
    assert letter.file.name.startswith("lettres-de-decision/")


@pytest.mark.parametrize("role", ["other_team", "staff_without_permission"])
def test_someone_else_gets_a_404_for_a_letter(client, staff, role):
    application = screened(S.NOT_SHORTLISTED, reason="Motif de lettre confidentiel")
    publish_screening(application.call, actor=staff, at=PUBLISHED_AT, notify=False)
    letter = application.decision_letters.get()
    someone = (
        ApplicationFactory().created_by if role == "other_team" else UserFactory(is_staff=True)
    )
    client.force_login(someone)

    response = client.get(reverse("projects:decision_letter", args=[letter.pk]))

    assert response.status_code == 404
    assert "Motif de lettre confidentiel" not in response.content.decode()


@pytest.mark.parametrize("letters", [1, 3])
def test_the_team_page_lists_its_letters_in_as_many_queries_whatever_their_number(
    client, staff, django_assert_num_queries, letters
):
    application = ApplicationFactory(submitted=True)
    # A screening decision, then its corrections: one letter each.
    for target in [S.NOT_SHORTLISTED, S.SHORTLISTED, S.NOT_SHORTLISTED][:letters]:
        letter_of(application, target, staff)
    client.force_login(application.created_by)
    url = reverse("projects:application_detail", args=[application.pk])
    client.get(url)

    with django_assert_num_queries(QUERIES_OF_THE_TEAM_PAGE):
        content = client.get(url).content.decode()

    assert content.count("/lettres-de-decision/") == letters


@pytest.mark.parametrize("letters", [1, 3])
def test_a_letter_downloads_in_as_many_queries_whatever_the_applications_letters(
    client, staff, django_assert_num_queries, letters
):
    application = ApplicationFactory(submitted=True)
    kept = [
        letter_of(application, target, staff)
        for target in [S.NOT_SHORTLISTED, S.SHORTLISTED, S.NOT_SHORTLISTED][:letters]
    ]
    client.force_login(application.created_by)
    url = reverse("projects:decision_letter", args=[kept[-1].pk])
    client.get(url)  # the first download draws and stores the PDF

    with django_assert_num_queries(QUERIES_OF_A_DOWNLOAD):
        response = client.get(url)

    assert response["Content-Type"] == "application/pdf"


def test_staff_find_the_letters_on_the_applications_admin_page(staff_client, staff):
    application = ApplicationFactory(submitted=True)
    letter = letter_of(application, S.NOT_SHORTLISTED, staff)

    content = staff_client.get(
        reverse("admin:projects_application_change", args=[application.pk])
    ).content.decode()

    assert reverse("projects:decision_letter", args=[letter.pk]) in content
    assert "Non présélectionnée" in content


def test_an_anonymised_member_leaves_the_letter_and_its_pdf(
    staff, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(submitted=True)
    member = TeamMemberFactory(
        application=application, first_name="Zéphyrine", last_name="Quintal-Planté"
    )
    letter = store_letter_pdf(letter_of(application, S.NOT_SHORTLISTED, staff))
    stored = letter.file.name

    with django_capture_on_commit_callbacks(execute=True):
        anonymise_member(member, actor=staff)

    letter.refresh_from_db()
    assert "Zéphyrine Quintal-Planté" not in str(letter.terms)
    assert (letter.file.name, default_storage.exists(stored)) == ("", False)
    assert "Zéphyrine" not in pdf_text(letter_content(letter))
