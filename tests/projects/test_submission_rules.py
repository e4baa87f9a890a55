"""What a call asks of a submission (texts, mandatory documents, team size), checked by
the submission's one guard and listed by name on the review page; and every draft page
after the deadline, which reads as closed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from editions.models import RequiredDocument
from programme.enums import DecisionSource
from programme.lifecycles import MoveRefused
from projects.applications.services import move_application
from projects.enums import ApplicationStatus
from projects.models import Attachment
from tests.projects import uploads
from tests.projects.factories import TeamMemberFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"projects:{name}", args=args)


def submit(application):
    return move_application(
        application,
        ApplicationStatus.SUBMITTED,
        actor=application.created_by,
        decided_by=DecisionSource.TEAM,
    )


def refusals_of(application):
    with pytest.raises(MoveRefused) as refused:
        submit(application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    return refused.value.reasons


def test_a_missing_mandatory_document_refuses_the_submission_and_is_named(draft):
    RequiredDocument.objects.create(call=draft.call, name="Présentation du projet (pitch)")

    assert refusals_of(draft) == [
        "Pièce obligatoire manquante : « Présentation du projet (pitch) »."
    ]


def test_an_optional_document_may_be_missing_and_a_given_mandatory_one_passes(draft, media_root):
    pitch = RequiredDocument.objects.create(call=draft.call, name="Pitch")
    RequiredDocument.objects.create(call=draft.call, name="Annexes", is_mandatory=False)
    Attachment.objects.create(
        application=draft,
        required_document=pitch,
        file=uploads.pdf(),
        original_name="pitch.pdf",
        content_type="application/pdf",
        size=len(uploads.PDF),
        uploaded_by=draft.created_by,
    )

    submit(draft)

    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED


def test_empty_texts_refuse_the_submission_each_by_its_name(draft):
    draft.target_users = "  "
    draft.expected_impact = ""
    draft.save()

    assert refusals_of(draft) == [
        "Le champ « qui en souffre » est à remplir.",
        "Le champ « impact attendu » est à remplir.",
    ]


@pytest.mark.parametrize(
    ("minimum", "others", "expected"),
    [
        (2, 0, "L'équipe compte 1 membre, l'appel en demande au moins 2."),
        (3, 1, "L'équipe compte 2 membres, l'appel en demande au moins 3."),
    ],
)
def test_a_team_smaller_than_the_call_asks_cannot_submit(draft, minimum, others, expected):
    draft.call.min_team_size = minimum
    draft.call.save()
    TeamMemberFactory.create_batch(others, application=draft)

    assert refusals_of(draft) == [expected]


def test_a_team_of_the_minimum_size_submits(draft):
    draft.call.min_team_size = 2
    draft.call.save()
    TeamMemberFactory(application=draft)

    submit(draft)

    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED


def test_a_member_with_no_name_yet_is_named_by_their_address_in_the_checklist(draft):
    TeamMemberFactory(application=draft, first_name="", last_name="", email="lou@exemple.test")

    assert "lou@exemple.test : renseignez prénom, nom." in refusals_of(draft)


def test_the_review_page_lists_every_missing_piece_by_name(lead_client, draft):
    RequiredDocument.objects.create(call=draft.call, name="Lettre de motivation")
    draft.call.min_team_size = 2
    draft.call.save()
    draft.problem = ""
    draft.save()

    content = lead_client.get(url("application_submit", draft.pk)).content.decode()

    assert "ne peut pas encore être déposée" in content
    for expected in (
        "Le champ « problème à résoudre » est à remplir.",
        "Pièce obligatoire manquante : « Lettre de motivation ».",
        "L&#x27;équipe compte 1 membre, l&#x27;appel en demande au moins 2.",
    ):
        assert expected.replace("'", "&#x27;") in content
    assert "disabled" in content


def test_the_submission_page_posted_with_a_missing_piece_submits_nothing(lead_client, draft):
    RequiredDocument.objects.create(call=draft.call, name="Pitch")

    response = lead_client.post(url("application_submit", draft.pk))

    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert "Pièce obligatoire manquante : « Pitch »." in response.content.decode()


@pytest.fixture
def late_draft(draft):
    draft.call.closes_at = timezone.now() - datetime.timedelta(minutes=5)
    draft.call.save()
    return draft


def test_after_the_deadline_the_edit_page_reads_as_closed_without_a_save_button(
    lead_client, late_draft
):
    response = lead_client.get(url("application_edit", late_draft.pk))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Cette candidature ne peut plus être modifiée" in content
    assert "L&#x27;appel à candidatures est clos depuis le" in content
    assert "Enregistrer le brouillon" not in content
    assert "readonly" in content


def test_text_sent_after_the_deadline_is_shown_back_and_not_saved(lead_client, late_draft):
    response = lead_client.post(
        url("application_edit", late_draft.pk),
        {"title": "Ruches", "problem": "Écrit à minuit passé."},
    )

    content = response.content.decode()
    late_draft.refresh_from_db()
    assert late_draft.problem == "Un problème rencontré par les usagers."
    assert "Écrit à minuit passé." in content
    assert "n'a pas été enregistré" in content


def test_after_the_deadline_the_review_page_says_too_late_and_offers_no_submission(
    lead_client, late_draft
):
    content = lead_client.get(url("application_submit", late_draft.pk)).content.decode()

    assert "ne peut plus être déposée" in content
    assert "pas encore" not in content
    assert "Déposer la candidature" not in content


def test_after_the_deadline_the_draft_page_says_the_call_is_closed(lead_client, late_draft):
    content = lead_client.get(url("application_detail", late_draft.pk)).content.decode()

    assert "ce brouillon n'a pas été déposé et ne peut plus l'être" in content
    assert "Tout est prêt" not in content
    assert url("application_submit", late_draft.pk) not in content
