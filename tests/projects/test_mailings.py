"""Mailings to the teams of an edition: who they reach (by what teams were told), the
checked text, the queue (one task per member, after commit), the audit entry, the
outbox's view of each mail, and their admin screens."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from programme.enums import DecisionSource
from programme.lifecycles import ActionRefused
from programme.models import AuditEntry
from projects.enums import ApplicationStatus
from projects.mailings import audience
from projects.mailings.models import Mailing, MailingDelivery
from projects.mailings.services import preview_mailing, queue_mailing
from projects.retention import anonymise_member
from tests.editions.factories import CallFactory
from tests.projects.factories import ApplicationFactory, TeamMemberFactory
from tests.projects.helpers import decide_application

pytestmark = pytest.mark.django_db
SUBJECT = "{{ edition }} : nouvelles de {{ projet }}"
BODY = "Bonjour {{ membre }},\n\nLe programme de « {{ projet }} » ({{ appel }})."


def run_queue():
    """Send every queued mail and mark it sent, as the worker does (the worker itself
    closes the connection, which a test's transaction does not survive)."""
    for row in DBTaskResult.objects.filter(status=TaskResultStatus.READY):
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        DBTaskResult.objects.filter(pk=row.pk).update(status=TaskResultStatus.SUCCESSFUL)


@pytest.fixture
def round_(db):
    """An edition's call with a draft, a submitted application, one shortlisted, one
    laureate and one whose shortlisting staff have not published; another edition's
    laureate."""
    call = CallFactory()
    untold = ApplicationFactory(call=call, submitted=True, title="Non communiquée")
    decide_application(untold, ApplicationStatus.SHORTLISTED, decided_by=DecisionSource.STAFF)
    return {
        "call": call,
        "edition": call.edition,
        "draft": ApplicationFactory(call=call, title="Brouillon"),
        "submitted": ApplicationFactory(call=call, submitted=True, title="Déposée"),
        "shortlisted": ApplicationFactory(call=call, shortlisted=True, title="Présélectionnée"),
        "selected": ApplicationFactory(call=call, selected=True, title="Lauréate"),
        "untold": untold,
        "elsewhere": ApplicationFactory(selected=True, title="Autre édition"),
    }


def _titles(edition, key):
    return [application.title for application in audience.applications(edition, key)]


def test_the_audience_is_chosen_by_what_teams_were_told(round_):
    edition = round_["edition"]

    assert _titles(edition, "all") == ["Déposée", "Lauréate", "Non communiquée", "Présélectionnée"]
    assert _titles(edition, "shortlisted") == ["Lauréate", "Présélectionnée"]
    assert _titles(edition, "laureates") == ["Lauréate"]
    assert _titles(edition, "status:submitted") == ["Déposée", "Non communiquée"]


def test_preview_counts_the_mails_and_renders_the_first(round_):
    lead = round_["selected"].team_members.get()
    TeamMemberFactory(application=round_["selected"])

    preview = preview_mailing(round_["edition"], audience="laureates", subject=SUBJECT, body=BODY)

    assert preview.count == 2
    assert preview.subject == f"{round_['edition'].name} : nouvelles de Lauréate"
    assert preview.body == (
        f"Bonjour {lead.full_name},\n\nLe programme de « Lauréate » ({round_['call'].title})."
    )


def test_queueing_a_mailing_records_it_and_queues_one_mail_per_member_after_commit(
    round_, staff, database_queue, mailoutbox, django_capture_on_commit_callbacks
):
    second = TeamMemberFactory(application=round_["shortlisted"], email="deux@exemple.test")

    with django_capture_on_commit_callbacks(execute=True):
        mailing = queue_mailing(
            round_["edition"], audience="shortlisted", subject=SUBJECT, body=BODY, actor=staff
        )

    deliveries = list(mailing.deliveries.order_by("email"))
    assert (mailing.author, mailing.recipient_count, len(deliveries)) == (staff, 3, 3)
    assert "deux@exemple.test" in [delivery.email for delivery in deliveries]
    assert sorted(str(d.task_id) for d in deliveries) == sorted(
        str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)
    )
    entry = AuditEntry.objects.get(action="mailing.send")
    assert (entry.actor, entry.changes["recipient_count"]) == (staff, [None, 3])
    assert (entry.changes["subject"], entry.changes["body"]) == ([None, SUBJECT], [None, BODY])
    assert entry.changes["audience"] == [None, "Les équipes présélectionnées (lauréates ou non)"]
    assert mailoutbox == []

    run_queue()

    mail = next(mail for mail in mailoutbox if mail.to == ["deux@exemple.test"])
    assert mail.subject == f"{round_['edition'].name} : nouvelles de Présélectionnée"
    assert mail.body.startswith(f"Bonjour {second.full_name},")
    assert len(mailoutbox) == 3


def test_a_broken_placeholder_is_refused_before_anything_is_queued(round_, staff):
    with pytest.raises(ActionRefused) as refused:
        queue_mailing(
            round_["edition"],
            audience="all",
            subject="Bonjour {{ equipe }}",
            body=BODY,
            actor=staff,
        )

    assert refused.value.reasons == [
        "Objet : Le champ « {{ equipe }} » n'existe pas pour ce mail. Champs possibles : "
        "membre, projet, appel, edition, site."
    ]
    assert (Mailing.objects.count(), MailingDelivery.objects.count()) == (0, 0)


def test_a_broken_placeholder_in_the_text_is_refused_in_french(round_, staff):
    with pytest.raises(ActionRefused) as refused:
        queue_mailing(
            round_["edition"], audience="all", subject=SUBJECT, body="{{ equipe }}", actor=staff
        )

    assert refused.value.reasons == [
        "Texte : Le champ « {{ equipe }} » n'existe pas pour ce mail. Champs possibles : "
        "membre, projet, appel, edition, site."
    ]
    assert Mailing.objects.count() == 0


@pytest.mark.parametrize(("subject", "body"), [(SUBJECT, "  "), (" ", BODY)])
def test_a_mailing_without_its_subject_or_its_text_is_refused_in_french(
    round_, staff, subject, body
):
    with pytest.raises(ActionRefused) as refused:
        queue_mailing(round_["edition"], audience="all", subject=subject, body=body, actor=staff)

    assert refused.value.reasons == ["L'objet et le texte sont obligatoires."]
    assert Mailing.objects.count() == 0


def test_a_mailing_to_an_unknown_audience_is_refused_in_french(round_, staff):
    with pytest.raises(ActionRefused) as refused:
        queue_mailing(round_["edition"], audience="nobody", subject=SUBJECT, body=BODY, actor=staff)

    assert refused.value.reasons == ["Choisissez les équipes à qui écrire."]
    assert Mailing.objects.count() == 0


def test_a_long_rendered_subject_is_stored_cut_to_300_characters(round_, staff):
    # 248 characters as written, within the mailing's 250; 308 once each « {{ projet }} »
    # is « Présélectionnée », a shortlisted team's title (168 for « Lauréate »).
    subject = "{{ projet }}" * 20 + "A" * 8

    mailing = queue_mailing(
        round_["edition"], audience="shortlisted", subject=subject, body=BODY, actor=staff
    )

    lengths = {
        delivery.subject[:15]: len(delivery.subject) for delivery in mailing.deliveries.all()
    }
    assert lengths == {"Présélectionnée": 300, "LauréateLauréat": 20 * 8 + 8}


def test_a_subject_longer_than_the_mailing_holds_is_refused_in_french(round_, staff):
    with pytest.raises(ActionRefused) as refused:
        queue_mailing(
            round_["edition"], audience="shortlisted", subject="A" * 251, body=BODY, actor=staff
        )

    assert refused.value.reasons == ["L'objet ne doit pas dépasser 250 caractères (il en a 251)."]
    assert not Mailing.objects.exists()


def test_a_mailing_that_reaches_nobody_is_refused(staff):
    with pytest.raises(ActionRefused) as refused:
        queue_mailing(
            CallFactory().edition, audience="laureates", subject="A", body="B", actor=staff
        )

    assert refused.value.reasons == [
        "Aucune équipe de cette édition ne correspond à ce choix : rien à envoyer."
    ]


def _post(client, round_, action, **fields):
    data = {
        "edition": round_["edition"].pk,
        "audience": "laureates",
        "subject": SUBJECT,
        "body": BODY,
        "action": action,
        **fields,
    }
    return client.post(reverse("admin:mailing_new"), data)


def test_the_mailing_screen_lists_each_placeholder_with_its_example(staff_client):
    page = staff_client.get(reverse("admin:mailing_new")).content.decode()

    assert "<code>{{ membre }}</code></th>" in page
    assert "<td>Camille Martin</td>" in page


def test_staff_preview_a_mailing_on_its_screen(staff_client, round_):
    page = _post(staff_client, round_, "preview").content.decode()

    assert "Aperçu : 1 mail à envoyer, voici le premier" in page
    assert f"{round_['edition'].name} : nouvelles de Lauréate" in page
    assert 'value="send"' in page
    assert Mailing.objects.count() == 0


def test_staff_send_a_mailing_from_its_screen(staff_client, round_, database_queue):
    response = _post(staff_client, round_, "send")

    assert response.status_code == 302
    mailing = Mailing.objects.get()
    assert (mailing.author, mailing.audience, mailing.recipient_count) == (
        staff_client.staff,
        "laureates",
        1,
    )


def test_a_broken_placeholder_on_the_screen_is_shown_in_french(staff_client, round_):
    response = _post(staff_client, round_, "send", body="Bonjour {{ equipe|upper }}")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Texte : Le champ « {{ equipe|upper }} » n&#x27;existe pas pour ce mail." in page
    assert Mailing.objects.count() == 0


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _queue(round_, staff, members):
    application = round_["selected"]
    for _ in range(members):
        TeamMemberFactory(application=application, student=True)
    return queue_mailing(
        round_["edition"], audience="laureates", subject=SUBJECT, body=BODY, actor=staff
    )


def test_the_outbox_shows_each_mail_of_a_mailing_and_keeps_its_query_count(
    staff_client, round_, database_queue, django_capture_on_commit_callbacks
):
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        mailing = _queue(round_, staff_client.staff, 0)
    staff_client.get(url)
    with_one, page = _count(staff_client, url)
    lead = round_["selected"].team_members.get()

    assert f">{lead.email}<" in page
    assert f">{round_['edition'].name} : nouvelles de Lauréate<" in page
    assert ">En attente<" in page
    assert f">Envoi groupé n° {mailing.pk}</a>" in page

    with django_capture_on_commit_callbacks(execute=True):
        _queue(round_, staff_client.staff, 49)
    run_queue()
    with_many, page = _count(staff_client, url)

    assert DBTaskResult.objects.count() == 51
    assert ">Envoyé<" in page
    assert with_many == with_one


def test_the_list_of_mailings_shows_their_states_and_keeps_its_query_count(
    staff_client, round_, database_queue, django_capture_on_commit_callbacks
):
    url = reverse("admin:mailings")
    with django_capture_on_commit_callbacks(execute=True):
        _queue(round_, staff_client.staff, 1)
    staff_client.get(url)
    with_one, page = _count(staff_client, url)
    assert "Les équipes lauréates" in page
    assert "{{ edition }} : nouvelles de {{ projet }}</a></th>" in page

    for _ in range(49):
        _queue(round_, staff_client.staff, 0)
    with_many, page = _count(staff_client, url)

    assert Mailing.objects.count() == 50
    assert with_many == with_one


def test_without_an_outbox_each_mail_is_sent_as_it_is_queued(
    staff_client, round_, mailoutbox, django_capture_on_commit_callbacks
):
    """The demo's immediate backend keeps no outbox row: the mails go at once, and the
    list counts them sent."""
    with django_capture_on_commit_callbacks(execute=True):
        _queue(round_, staff_client.staff, 2)

    page = staff_client.get(reverse("admin:mailings")).content.decode()
    assert len(mailoutbox) == 3
    assert list(MailingDelivery.objects.values_list("task_id", flat=True)) == [None] * 3
    assert "<td>0</td>\n          <td>3</td>" in page


@pytest.mark.parametrize(
    "role", ["applicant", "jury_member", "president", "coach", "staff_without_permission"]
)
def test_only_staff_reach_the_mailings(client_as, world, role):
    application = ApplicationFactory(submitted=True)
    queue_mailing(
        application.call.edition,
        audience="all",
        subject="Objet confidentiel",
        body="Texte confidentiel",
        actor=world.users["staff"],
    )
    client = client_as(role)

    for url in (reverse("admin:mailings"), reverse("admin:mailing_new")):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "confidentiel" not in response.content.decode()
    response = client.post(
        reverse("admin:mailing_new"),
        {
            "edition": application.call.edition_id,
            "audience": "all",
            "subject": "A",
            "body": "B",
            "action": "send",
        },
    )
    assert response.status_code in (302, 403)
    assert Mailing.objects.count() == 1


def test_anonymising_a_member_takes_them_out_of_the_mailings_deliveries(round_, staff):
    member = TeamMemberFactory(
        application=round_["selected"], first_name="Bérangère", last_name="Témoin"
    )
    queue_mailing(
        round_["edition"],
        audience="laureates",
        subject="Pour {{ membre }}",
        body=BODY,
        actor=staff,
    )
    address = member.email

    anonymise_member(member, actor=staff)

    delivery = MailingDelivery.objects.get(member=member)
    member.refresh_from_db()
    assert (delivery.email, delivery.subject) == (member.email, "Pour ***")
    assert delivery.email != address
