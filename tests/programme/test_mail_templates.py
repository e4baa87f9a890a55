"""Mail texts written by staff: checked at save (a wrong placeholder is refused with a
French message naming it), used by the next mail, recorded in the audit log, and taken
back to the shipped text; the admin screens that edit them."""

import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme import mail_events
from programme.lifecycles import ActionRefused
from programme.mail_templates import reset_mail_template, save_mail_template
from programme.models import AuditEntry, MailTemplate
from projects.enums import ApplicationStatus
from tests.editions.factories import paris
from tests.projects.factories import ApplicationFactory
from tests.projects.helpers import submit

pytestmark = pytest.mark.django_db
SUBMITTED = "projects/email/application_submitted"
GOOD_BODY = "Bonjour,\n\n« {{ projet }} » est déposée le {{ date }}.\n\n{{site}}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Bonjour {{ equipe }}",
            "Le champ « {{ equipe }} » n'existe pas pour ce mail. Champs possibles : projet, date.",
        ),
        (
            "{{ projet.call.edition.programme }}",
            "Le champ « {{ projet.call.edition.programme }} » n'existe pas pour ce mail. "
            "Champs possibles : projet, date.",
        ),
        (
            "{{ projet|upper }}",
            "Le champ « {{ projet|upper }} » n'existe pas pour ce mail. "
            "Champs possibles : projet, date.",
        ),
        (
            "{% load static %}{{ projet }}",
            "Les balises « {% … %} » ne sont pas permises : seuls les champs "
            "« {{ nom }} » le sont.",
        ),
        (
            "Bonjour {{ projet",
            "Le champ qui commence par « {{ projet » n'est pas fermé : ajoutez « }} ».",
        ),
        ("Bonjour projet }}", "« }} » ferme un champ qui n'a pas été ouvert par « {{ »."),
        ("{# note #}", "Les commentaires « {# … #} » ne sont pas permis."),
    ],
)
def test_template_errors_name_what_is_wrong(text, message):
    assert mail_events.template_errors(text, ["projet", "date"]) == [message]


def test_template_errors_accept_known_placeholders_with_or_without_spaces():
    assert mail_events.template_errors("{{projet}} le {{ date }}", ["projet", "date"]) == []


def test_every_registered_event_has_shipped_templates_and_its_starter_text_is_valid():
    keys = {event.key for event in mail_events.events()}
    for key in keys:
        get_template(f"{key}_subject.txt")
        get_template(f"{key}_body.txt")
    assert {
        SUBMITTED,
        "projects/email/application_shortlisted",
        "projects/email/application_not_shortlisted",
        "projects/email/application_selected",
        "projects/email/application_not_selected",
        "projects/email/project_moved",
        "projects/email/follow_up_reminder",
        "projects/email/manager_request",
        "projects/email/manager_answered",
        "projects/email/member_invited",
        "jury/email/invitation",
    } <= keys
    for event in mail_events.events():
        assert mail_events.template_errors(event.subject + event.body, event.names()) == []
    assert "creneau" in mail_events.event("projects/email/application_shortlisted").names()


def test_saving_a_template_records_who_when_and_the_texts_before_and_after(staff):
    row = save_mail_template(SUBMITTED, subject="Reçu : {{ projet }}", body=GOOD_BODY, actor=staff)

    entry = AuditEntry.objects.get(action="mail_template.save")
    assert (row.updated_by, row.subject) == (staff, "Reçu : {{ projet }}")
    assert entry.actor == staff
    assert entry.changes == {"subject": ["", "Reçu : {{ projet }}"], "body": ["", GOOD_BODY]}


def test_a_broken_placeholder_is_refused_at_save_with_a_french_message_naming_it(staff):
    with pytest.raises(ActionRefused) as refused:
        save_mail_template(SUBMITTED, subject="Reçu : {{ equipe }}", body=GOOD_BODY, actor=staff)

    assert refused.value.reasons == [
        "Objet : Le champ « {{ equipe }} » n'existe pas pour ce mail. Champs possibles : "
        "projet, appel, edition, motif, date, site."
    ]
    assert MailTemplate.objects.count() == 0
    assert AuditEntry.objects.filter(action="mail_template.save").count() == 0


def test_the_saved_template_is_used_by_the_next_mail(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    save_mail_template(
        SUBMITTED, subject="Reçu : {{ projet }} ({{ edition }})", body=GOOD_BODY, actor=staff
    )
    application = ApplicationFactory(title="Ruches de l'estuaire")

    with django_capture_on_commit_callbacks(execute=True):
        submit(application, paris(2022, 1, 31, 23, 59, 59))

    assert application.status == ApplicationStatus.SUBMITTED
    assert mailoutbox[0].subject == (
        f"Reçu : Ruches de l'estuaire ({application.call.edition.name})"
    )
    assert mailoutbox[0].body == (
        "Bonjour,\n\n« Ruches de l'estuaire » est déposée le 31 janvier 2022 à 23:59.\n\n"
        f"{settings.SITE_URL}"
    )


def test_reset_brings_back_the_shipped_text_and_is_recorded(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    save_mail_template(SUBMITTED, subject="Reçu : {{ projet }}", body=GOOD_BODY, actor=staff)

    assert reset_mail_template(SUBMITTED, actor=staff) is True
    application = ApplicationFactory(title="Ruches")
    with django_capture_on_commit_callbacks(execute=True):
        submit(application, paris(2022, 1, 31, 12, 0))

    assert mailoutbox[0].subject == "Candidature déposée : Ruches"
    assert MailTemplate.objects.count() == 0
    entry = AuditEntry.objects.get(action="mail_template.reset")
    assert entry.changes == {"subject": ["Reçu : {{ projet }}", ""], "body": [GOOD_BODY, ""]}
    assert reset_mail_template(SUBMITTED, actor=staff) is False


def _edit_url(key=SUBMITTED):
    return reverse("admin:mail_template", args=[key])


def test_staff_list_every_event_with_the_text_used(staff_client):
    save_mail_template(
        SUBMITTED, subject="Reçu : {{ projet }}", body=GOOD_BODY, actor=staff_client.staff
    )

    page = staff_client.get(reverse("admin:mail_templates")).content.decode()

    assert "Modèles de mails" in page
    assert f'href="{_edit_url()}">Candidature déposée</a>' in page
    assert "Convocation d&#x27;un membre du jury" in page
    assert "Texte livré" in page
    assert "Modifié le " in page


def test_list_of_templates_keeps_its_query_count_as_saved_texts_grow(staff_client):
    keys = [event.key for event in mail_events.events()]
    url = reverse("admin:mail_templates")
    save_mail_template(keys[0], subject="A", body="B", actor=staff_client.staff)
    staff_client.get(url)
    with_one = _count(staff_client, url)
    for key in keys[1:]:
        save_mail_template(key, subject="A", body="B", actor=staff_client.staff)

    assert len(keys) > 10
    assert _count(staff_client, url) == with_one


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_the_edit_screen_lists_each_placeholder_of_the_mail_with_its_example(staff_client):
    page = staff_client.get(_edit_url()).content.decode()

    assert "<code>{{ projet }}</code></th>" in page
    assert "<td>Tiers-lieu numérique</td>" in page
    assert "<code>{{ site }}</code></th>" in page


def test_staff_preview_a_text_with_sample_data(staff_client):
    response = staff_client.post(
        _edit_url(),
        {"action": "preview", "subject": "Reçu : {{ projet }}", "body": "Le {{ date }}."},
    )

    page = response.content.decode()
    assert "Aperçu avec des données d'exemple</h2>" in page
    assert "Reçu : Tiers-lieu numérique" in page
    assert "Le 15 mars 2027 à 10:00." in page
    assert MailTemplate.objects.count() == 0


def test_staff_save_a_text_from_the_screen(staff_client):
    response = staff_client.post(
        _edit_url(), {"action": "save", "subject": "Reçu : {{ projet }}", "body": GOOD_BODY}
    )

    assert response.status_code == 302
    row = MailTemplate.objects.get()
    assert (row.key, row.subject, row.body.replace("\r\n", "\n")) == (
        SUBMITTED,
        "Reçu : {{ projet }}",
        GOOD_BODY,
    )
    assert row.updated_by == staff_client.staff


def test_a_broken_placeholder_on_the_screen_is_shown_in_french_and_nothing_is_saved(
    staff_client,
):
    response = staff_client.post(
        _edit_url(), {"action": "save", "subject": "Reçu", "body": "Bonjour {{ equipe }}"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Texte : Le champ « {{ equipe }} » n&#x27;existe pas pour ce mail." in page
    assert "Bonjour {{ equipe }}</textarea>" in page
    assert MailTemplate.objects.count() == 0


def test_staff_reset_a_text_from_the_screen(staff_client):
    save_mail_template(SUBMITTED, subject="A", body="B", actor=staff_client.staff)

    response = staff_client.post(_edit_url(), {"action": "reset"})

    assert response.status_code == 302
    assert MailTemplate.objects.count() == 0


def test_an_unknown_event_is_a_404(staff_client):
    assert staff_client.get(_edit_url("projects/email/nulle_part")).status_code == 404


@pytest.mark.parametrize(
    "role", ["applicant", "jury_member", "president", "coach", "staff_without_permission"]
)
def test_only_staff_reach_the_mail_texts(client_as, world, role):
    save_mail_template(
        SUBMITTED,
        subject="Objet confidentiel",
        body="Texte confidentiel {{ projet }}",
        actor=world.users["staff"],
    )
    client = client_as(role)

    for url in (reverse("admin:mail_templates"), _edit_url()):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "confidentiel" not in response.content.decode()
    response = client.post(_edit_url(), {"action": "reset"})
    assert response.status_code in (302, 403)
    assert MailTemplate.objects.count() == 1
