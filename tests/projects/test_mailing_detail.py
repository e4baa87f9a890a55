"""A mailing's page in the admin: its text as written, each of its mails with its
recipient, team, rendered subject and state, a hundred a page; the list and the outbox
link to it; only staff reach it, and a page number that is not one shows the first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from projects.mailings.models import MailingDelivery
from projects.mailings.services import queue_mailing
from tests.editions.factories import CallFactory
from tests.projects.factories import ApplicationFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db
SUBJECT = "Atelier de {{ projet }}"
BODY = "Bonjour {{ membre }},\n\nRendez-vous jeudi."


def _mailing(staff, teams=1, members=0, call=None):
    call = call or CallFactory()
    for number in range(teams):
        application = ApplicationFactory(call=call, selected=True, title=f"Équipe {number:03}")
        for _ in range(members):
            TeamMemberFactory(application=application, student=True)
    return queue_mailing(
        call.edition, audience="laureates", subject=SUBJECT, body=BODY, actor=staff
    )


def _page(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_mailings_page_shows_its_text_as_written_and_each_mail_with_its_state(
    staff_client, database_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mailing = _mailing(staff_client.staff, teams=2)
    sent, failed = MailingDelivery.objects.order_by("pk")
    DBTaskResult.objects.filter(pk=sent.task_id).update(status=TaskResultStatus.SUCCESSFUL)
    DBTaskResult.objects.filter(pk=failed.task_id).update(status=TaskResultStatus.FAILED)

    _count, page = _page(staff_client, reverse("admin:mailing", args=[mailing.pk]))

    assert f"Envoi groupé n° {mailing.pk} : Atelier de {{{{ projet }}}}" in page
    assert "Bonjour {{ membre }},<br><br>Rendez-vous jeudi." in page
    assert "Les équipes lauréates" in page
    assert "0 en attente, 1 envoyé(s), 1 échec(s)" in page
    outbox = "admin:django_tasks_database_dbtaskresult_change"
    for delivery, state in ((sent, "Envoyé"), (failed, "Échec")):
        assert f'<th scope="row">{delivery.email}</th>' in page
        assert f"<td>{delivery.application.title}</td>" in page
        assert f"<td>Atelier de {delivery.application.title}</td>" in page
        assert f'<a href="{reverse(outbox, args=[delivery.task_id])}">{state}<' in page


def test_the_list_of_mailings_and_the_outbox_link_to_the_mailings_page(
    staff_client, database_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mailing = _mailing(staff_client.staff)
    detail = reverse("admin:mailing", args=[mailing.pk])

    listed = staff_client.get(reverse("admin:mailings")).content.decode()
    outbox = staff_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist")
    ).content.decode()

    assert f'<a href="{detail}">Atelier de {{{{ projet }}}}</a>' in listed
    assert f'<a href="{detail}">Envoi groupé n° {mailing.pk}</a>' in outbox


def test_without_an_outbox_each_mail_shows_sent_with_no_link(staff_client, mailoutbox):
    mailing = _mailing(staff_client.staff)

    _count, page = _page(staff_client, reverse("admin:mailing", args=[mailing.pk]))

    assert "<td>Envoyé</td>" in page
    assert "0 en attente, 1 envoyé(s), 0 échec(s)" in page


def test_the_mailings_page_keeps_its_query_count_as_mails_grow(staff_client):
    small = _mailing(staff_client.staff)
    big = _mailing(staff_client.staff, teams=30, members=4)
    staff_client.get(reverse("admin:mailing", args=[small.pk]))

    with_one, _page_one = _page(staff_client, reverse("admin:mailing", args=[small.pk]))
    with_many, page = _page(staff_client, reverse("admin:mailing", args=[big.pk]))

    emails = MailingDelivery.objects.filter(mailing=big).values_list("email", flat=True)
    assert big.recipient_count == 150
    assert sum(f'<th scope="row">{email}</th>' in page for email in emails) == 100
    assert with_many == with_one


def test_the_mails_are_shown_a_hundred_a_page_and_a_bad_page_number_shows_the_first(
    staff_client,
):
    mailing = _mailing(staff_client.staff, teams=30, members=4)
    url = reverse("admin:mailing", args=[mailing.pk])
    emails = list(MailingDelivery.objects.order_by("pk").values_list("email", flat=True))

    first = staff_client.get(url).content.decode()
    second = staff_client.get(url, {"page": "2"}).content.decode()
    for bad in ("abc", "-1", "0", "9" * 30):
        response = staff_client.get(url, {"page": bad})
        assert response.status_code == 200, bad

    assert emails[99] in first and emails[100] not in first
    assert emails[100] in second and emails[149] in second and emails[0] not in second
    assert "Page 1 sur 2" in first and "Page 2 sur 2" in second
    assert staff_client.get(url, {"page": "abc"}).content.decode().count(emails[0]) == 1


def test_an_unknown_mailing_is_not_found(staff_client):
    assert staff_client.get("/admin/envois-groupes/918273645/").status_code == 404


@pytest.mark.parametrize(
    "role", ["applicant", "jury_member", "president", "coach", "staff_without_permission"]
)
def test_only_staff_reach_a_mailings_page(client_as, world, role):
    application = ApplicationFactory(submitted=True, title="Équipe confidentielle")
    mailing = queue_mailing(
        application.call.edition,
        audience="all",
        subject="Objet confidentiel",
        body="Texte confidentiel",
        actor=world.users["staff"],
    )

    response = client_as(role).get(reverse("admin:mailing", args=[mailing.pk]))

    assert response.status_code in (302, 403)
    assert "confidentiel" not in response.content.decode()
