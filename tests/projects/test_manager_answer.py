"""The line manager's answer by link: mailed to the team's lead and the member; once the
application is submitted, an agreement is not turned into a refusal."""

import pytest
from django.urls import reverse

from programme.lifecycles import ActionRefused
from programme.models import AuditEntry
from projects.applications.manager_links import manager_token
from projects.applications.services.team import record_manager_response
from projects.enums import ManagerResponse
from tests.projects.factories import ApplicationFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def _member(application, **fields):
    return TeamMemberFactory(
        application=application,
        first_name="Léo",
        last_name="Roy",
        email="leo.roy@exemple.test",
        manager_email="cheffe@exemple.test",
        manager_agreed=False,
        **fields,
    )


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (ManagerResponse.AGREED, "a donné son accord"),
        (ManagerResponse.DECLINED, "a refusé son accord"),
    ],
)
def test_the_managers_answer_is_mailed_to_the_lead_and_the_member(
    answer, said, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(title="Ruches")
    member = _member(application)

    with django_capture_on_commit_callbacks(execute=True):
        record_manager_response(member, answer)

    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [application.created_by.email, "leo.roy@exemple.test"]
    )
    assert mailoutbox[0].subject == f"Léo Roy : le ou la responsable {said}"
    assert (
        f"Le ou la responsable de Léo Roy (cheffe@exemple.test) {said} pour le projet « Ruches »"
        in (mailoutbox[0].body)
    )


def test_an_agreement_on_a_submitted_application_cannot_become_a_refusal():
    application = ApplicationFactory(submitted=True)
    member = TeamMemberFactory(application=application)

    with pytest.raises(ActionRefused) as refused:
        record_manager_response(member, ManagerResponse.DECLINED)

    member.refresh_from_db()
    assert member.manager_response == ManagerResponse.AGREED
    assert refused.value.reasons == [
        "La candidature est déposée avec votre accord : il ne peut plus être retiré ici. "
        "Pour revenir dessus, écrivez à l'équipe innovation."
    ]


def test_a_late_refusal_on_a_submitted_application_is_recorded_and_mailed_to_staff(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(submitted=True)
    member = _member(application)

    with django_capture_on_commit_callbacks(execute=True):
        record_manager_response(member, ManagerResponse.DECLINED)

    assert staff.email in [mail.to[0] for mail in mailoutbox]
    entry = AuditEntry.objects.filter(action="team.manager_answer").latest("pk")
    assert entry.changes == {"manager_response": ["pending", "declined"]}


def test_the_manager_page_refuses_to_withdraw_an_agreement_after_submission_in_french(client):
    application = ApplicationFactory(submitted=True)
    member = TeamMemberFactory(application=application)
    link = reverse("projects:manager_agreement", args=[manager_token(member)])

    page = client.get(link).content.decode()
    response = client.post(link, {"answer": "declined"}, follow=True)

    member.refresh_from_db()
    assert member.manager_response == ManagerResponse.AGREED
    assert 'value="declined"' not in page
    assert "La candidature est déposée avec votre accord : il ne peut plus être retiré ici." in (
        response.content.decode().replace("&#x27;", "'")
    )


def test_the_manager_may_still_change_their_answer_on_a_draft(client):
    member = _member(ApplicationFactory())
    record_manager_response(member, ManagerResponse.AGREED)
    link = reverse("projects:manager_agreement", args=[manager_token(member)])

    client.post(link, {"answer": "declined"})

    member.refresh_from_db()
    assert member.manager_response == ManagerResponse.DECLINED
