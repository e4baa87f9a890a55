"""The applicant team's pages, from a draft to a submitted application."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.applications.manager_links import manager_token
from projects.enums import ApplicationStatus, ManagerResponse, MemberKind
from projects.models import Application, Attachment
from tests.programme.factories import OrganisationFactory, UserFactory
from tests.projects import uploads
from tests.projects.factories import ApplicationFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"projects:{name}", args=args)


def upload(client, application, file):
    """Send ``file`` from the application's files page, as its form does."""
    return client.post(url("application_attachments", application.pk), {"file": file})


def test_starting_an_application_creates_a_draft_with_me_as_lead(client, open_call):
    user = UserFactory(first_name="Inès", last_name="Belkacem")
    client.force_login(user)

    response = client.post(
        url("application_start", open_call.edition.slug), {"title": "Le Havre Étudiant"}
    )

    application = Application.objects.get()
    lead = application.team_members.get()
    assert response.headers["Location"] == url("application_edit", application.pk)
    assert (application.title, application.status) == ("Le Havre Étudiant", "draft")
    assert (lead.user, lead.role, lead.full_name) == (user, "lead", "Inès Belkacem")


def test_saving_a_draft_keeps_every_word_even_when_incomplete(lead_client, draft):
    response = lead_client.post(
        url("application_edit", draft.pk),
        {"title": "Ruches", "problem": "Les abeilles disparaissent.", "theme": ""},
        follow=True,
    )

    draft.refresh_from_db()
    assert draft.problem == "Les abeilles disparaissent."
    assert "Brouillon enregistré." in response.content.decode()


def test_invalid_input_shows_a_french_error_next_to_the_field_and_keeps_the_text(
    lead_client, draft
):
    response = lead_client.post(
        url("application_edit", draft.pk),
        {"title": "", "problem": "Un texte à ne pas perdre."},
    )

    content = response.content.decode()
    assert "Ce champ est obligatoire." in content
    assert "Un texte à ne pas perdre." in content


def test_title_with_a_script_is_shown_escaped(lead_client, draft):
    lead_client.post(url("application_edit", draft.pk), {"title": "<script>alert(1)</script>"})

    for page in (url("application_detail", draft.pk), url("team_space")):
        content = lead_client.get(page).content.decode()
        assert "<script>alert(1)</script>" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_another_team_reaching_my_application_or_file_by_url_gets_404(client, draft):
    attachment = Attachment.objects.create(
        application=draft,
        file=uploads.pdf(),
        original_name="pitch.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=draft.created_by,
    )
    client.force_login(ApplicationFactory().created_by)

    for page in (
        url("application_detail", draft.pk),
        url("application_edit", draft.pk),
        url("application_submit", draft.pk),
        url("application_attachments", draft.pk),
        url("attachment", attachment.pk),
    ):
        response = client.get(page)
        assert response.status_code == 404
        assert "Ruches" not in response.content.decode()


def test_a_member_sees_what_the_lead_sees(client, draft):
    member = TeamMemberFactory(application=draft, user=UserFactory())
    client.force_login(member.user)

    content = client.get(url("application_detail", draft.pk)).content.decode()

    assert "Ruches de l&#x27;estuaire" in content
    assert draft.team_members.get(role="lead").full_name in content


def test_upload_of_a_renamed_executable_is_refused_in_french(lead_client, draft):
    response = upload(lead_client, draft, uploads.executable_named_pdf())

    assert "Ce type de fichier n&#x27;est pas accepté" in response.content.decode()
    assert draft.attachments.count() == 0


def test_upload_over_the_size_limit_is_refused(lead_client, draft, settings):
    settings.TREMPLIN_UPLOAD_MAX_BYTES = 100

    response = upload(lead_client, draft, uploads.pdf(content=uploads.PDF + b"0" * 200))

    assert "la limite est de 100" in response.content.decode()
    assert draft.attachments.count() == 0


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (lambda: uploads.png_claiming(30_000, 30_000), "trop de pixels"),
        (lambda: uploads.docx_with({"word/vbaProject.bin": b"macro"}), "contient des macros"),
        (
            lambda: uploads.pdf(content=b"%PDF-1.7\n<html><script></script></html>"),
            "pas un PDF valide",
        ),
        (lambda: uploads.pdf(name="facture\u202efdp.exe"), "se termine par « .exe »"),
    ],
    ids=["image bomb", "macros", "html as pdf", "disguised extension"],
)
def test_hostile_upload_is_refused_in_french_next_to_the_field(
    lead_client, draft, make_file, message
):
    # Files made per test: a posted file is read to its end.
    response = upload(lead_client, draft, make_file())

    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert draft.attachments.count() == 0


def test_request_body_over_the_limit_is_refused_before_it_is_read(lead_client, draft, settings):
    settings.TREMPLIN_REQUEST_MAX_BYTES = 2048

    response = upload(lead_client, draft, uploads.pdf(content=uploads.PDF + b"0" * 4096))

    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.content.decode()
    assert draft.attachments.count() == 0


def test_form_fields_over_django_s_memory_limit_get_a_french_400(lead_client, draft, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = lead_client.post(url("application_edit", draft.pk), {"problem": "x" * 4096})

    assert response.status_code == 400
    assert "Requête refusée" in response.content.decode()
    draft.refresh_from_db()
    assert draft.problem != "x" * 4096


def test_uploaded_file_is_served_only_through_the_checked_view(lead_client, draft, media_root):
    upload(lead_client, draft, uploads.pdf())
    attachment = draft.attachments.get()

    response = lead_client.get(url("attachment", attachment.pk))

    assert b"".join(response.streaming_content) == uploads.PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert 'filename="pitch.pdf"' in response.headers["Content-Disposition"]
    assert attachment.file.name.startswith(f"attachments/{draft.pk}/")
    assert not attachment.file.name.endswith(".pdf")


def test_submission_sends_a_receipt_and_a_second_click_says_already_done(
    lead_client, draft, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(url("application_submit", draft.pk))
        response = lead_client.post(url("application_submit", draft.pk), follow=True)

    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.transitions.count() == 1
    assert "Cette candidature est déjà déposée." in response.content.decode()
    assert [message.subject for message in mailoutbox] == [
        "Candidature déposée : Ruches de l'estuaire"
    ]


def test_form_opened_before_the_deadline_and_posted_after_is_refused_and_kept(lead_client, draft):
    draft.call.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    draft.call.save()

    response = lead_client.post(url("application_submit", draft.pk))

    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert "L&#x27;appel à candidatures est clos depuis le" in response.content.decode()


def test_session_expired_mid_edit_keeps_what_was_typed(client, draft):
    client.post(url("application_edit", draft.pk), {"title": "Ruches", "problem": "Texte long."})
    client.force_login(draft.created_by)

    response = client.get(url("application_edit", draft.pk))

    content = response.content.decode()
    assert "Votre session avait expiré" in content
    assert "Texte long." in content
    draft.refresh_from_db()
    assert draft.problem == "Un problème rencontré par les usagers."


def test_adding_an_agent_invites_them_and_asks_their_manager(
    lead_client, draft, mailoutbox, django_capture_on_commit_callbacks
):
    department = OrganisationFactory(department=True)

    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(
            url("member_add", draft.pk),
            {
                "first_name": "Olivier",
                "last_name": "Petit",
                "email": "Olivier.Petit@Exemple.test",
                "kind": MemberKind.AGENT,
                "department": department.pk,
                "manager_email": "cheffe@exemple.test",
            },
        )

    member = draft.team_members.get(email="olivier.petit@exemple.test")
    assert member.manager_response == ManagerResponse.PENDING
    assert sorted(message.to[0] for message in mailoutbox) == [
        "cheffe@exemple.test",
        "olivier.petit@exemple.test",
    ]


def test_manager_agrees_by_link_without_an_account(client, draft):
    member = TeamMemberFactory(application=draft, manager_agreed=False)
    link = url("manager_agreement", manager_token(member))

    page = client.get(link).content.decode()
    client.post(link, {"answer": "agreed"})

    member.refresh_from_db()
    assert draft.title.replace("'", "&#x27;") in page
    assert member.manager_response == ManagerResponse.AGREED


def test_manager_link_stops_working_when_the_team_names_another_manager(client, draft):
    member = TeamMemberFactory(application=draft, manager_agreed=False)
    link = url("manager_agreement", manager_token(member))
    member.manager_email = "autre@exemple.test"
    member.save()

    response = client.get(link)

    assert response.status_code == 404
    assert "Ce lien ne fonctionne plus" in response.content.decode()


def test_team_space_title_is_its_name_and_its_page_offers_the_data_download_once(client):
    client.force_login(UserFactory())

    html = client.get(url("team_space")).content.decode()

    assert "<title>Mon espace — Tremplin</title>" in html
    assert html.count("Télécharger mes données") == 1


def test_team_space_query_count_stays_flat_as_applications_grow(client, open_call):
    user = UserFactory()
    ApplicationFactory(call=open_call, created_by=user, submitted=False)
    client.force_login(user)
    with CaptureQueriesContext(connection) as small:
        client.get(url("team_space"))
    for _ in range(2):
        ApplicationFactory(created_by=user, selected=True)

    with CaptureQueriesContext(connection) as large:
        client.get(url("team_space"))

    assert len(large) == len(small)


def test_application_page_query_count_stays_flat_as_the_team_grows(lead_client, draft):
    with CaptureQueriesContext(connection) as small:
        lead_client.get(url("application_detail", draft.pk))
    for _ in range(3):
        TeamMemberFactory(application=draft)

    with CaptureQueriesContext(connection) as large:
        lead_client.get(url("application_detail", draft.pk))

    assert len(large) == len(small)


def test_an_invited_member_who_signs_in_finds_the_application(client, draft):
    TeamMemberFactory(application=draft, user=None, email="zoe.perrin@exemple.test")
    user = UserFactory(email="zoe.perrin@exemple.test")

    client.force_login(user)

    assert draft.team_members.get(email="zoe.perrin@exemple.test").user == user
    assert "Ruches de l&#x27;estuaire" in client.get(url("team_space")).content.decode()


def test_team_withdraws_a_submitted_application_with_an_optional_reason(client):
    application = ApplicationFactory(submitted=True)
    client.force_login(application.created_by)

    response = client.post(
        url("application_withdraw", application.pk), {"reason": "Changement de poste."}, follow=True
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.transitions.last().reason == "Changement de poste."
    assert "La candidature est retirée." in response.content.decode()


def test_a_draft_cannot_be_withdrawn(lead_client, draft):
    response = lead_client.post(url("application_withdraw", draft.pk))

    draft.refresh_from_db()
    assert response.status_code == 403
    assert draft.status == ApplicationStatus.DRAFT


def test_manager_who_declines_blocks_the_submission_with_a_reason(client, lead_client, draft):
    member = TeamMemberFactory(
        application=draft, manager_agreed=False, first_name="Léo", last_name="Roy"
    )
    client.post(url("manager_agreement", manager_token(member)), {"answer": "declined"})

    response = lead_client.post(url("application_submit", draft.pk))

    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert "Léo Roy : son ou sa responsable a refusé de donner son accord." in (
        response.content.decode().replace("&#x27;", "'")
    )
