"""Every placeholder of every event is filled on a real send: staff's texts, with all
the placeholders their event allows, go out whole (nothing left as ``{{ … }}``), and the
attachments still go with them."""

import datetime
import io
import re

import pytest
from django.core.management import call_command

from editions.enums import Phase
from jury.enums import SessionStatus
from jury.services import invite_members, invite_teams, move_session, remove_item
from programme import mail_events
from programme.mail_templates import save_mail_template
from projects.applications.services import publish_screening
from projects.applications.services.team import record_manager_response
from projects.enums import ApplicationStatus, ManagerResponse
from tests.editions.factories import CallFactory, paris
from tests.jury.factories import ConvocationFactory, SelectionItemFactory, SessionFactory
from tests.programme.factories import OrganisationFactory
from tests.projects.factories import (
    REVIEWED_AT,
    ApplicationFactory,
    MilestoneFactory,
    ProjectFactory,
    added_member,
)
from tests.projects.helpers import decide_application, decide_project, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_text(staff):
    """Staff's text for every event: « nom=[{{ nom }}] » for each of its placeholders."""
    for event in mail_events.events():
        fields = [f"{name}=[{{{{ {name} }}}}]" for name in event.names()]
        save_mail_template(
            event.key,
            subject=f"Texte du personnel {fields[0]}",
            body="\n".join(fields),
            actor=staff,
        )


def _whole(message):
    assert message.subject.startswith("Texte du personnel ")
    assert "{{" not in message.subject + message.body
    return dict(re.findall(r"^(\w+)=\[(.*?)\](?=\n\w+=\[|\Z)", message.body, re.M | re.S))


def test_the_team_mails_of_an_application_fill_every_placeholder(
    every_text, staff, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(title="Ruches")
    with django_capture_on_commit_callbacks(execute=True):
        submit(application, paris(2022, 1, 31, 12, 0))
        decide_application(application, ApplicationStatus.SHORTLISTED, reason="Solide.")
        publish_screening(application.call, actor=staff)

    submitted, shortlisted = (_whole(message) for message in mailoutbox)
    assert submitted["projet"] == "Ruches"
    assert submitted["date"] == "31 janvier 2022 à 12:00"
    assert shortlisted["motif"] == "Solide."
    assert shortlisted["creneau"] == "à préciser"


def test_the_team_member_and_manager_mails_fill_every_placeholder(
    every_text, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(call=CallFactory(open_now=True), title="Ruches")
    with django_capture_on_commit_callbacks(execute=True):
        member = added_member(
            application,
            "leo@exemple.test",
            first_name="Léo",
            last_name="Roy",
            department=OrganisationFactory(department=True),
        )
    with django_capture_on_commit_callbacks(execute=True):
        record_manager_response(member, ManagerResponse.AGREED)

    by_recipient = {}
    for message in mailoutbox:
        by_recipient.setdefault(message.to[0], []).append(_whole(message))
    invitation, answer = by_recipient["leo@exemple.test"]
    (request,) = by_recipient["cheffe@exemple.test"]
    assert invitation["adresse"] == "leo@exemple.test"
    assert request["lien"].startswith("http")
    assert answer["reponse"] == "a donné son accord"


def test_the_phase_and_jury_mails_fill_every_placeholder(
    every_text, staff, mailoutbox, django_capture_on_commit_callbacks
):
    project = ProjectFactory()
    session = SessionFactory(title="Jury du 15 mars", place="Cité numérique")
    SelectionItemFactory(session=session, application__title="Ruches de l'estuaire")
    ConvocationFactory(session=session)
    with django_capture_on_commit_callbacks(execute=True):
        decide_project(project, Phase.ABANDONED, reason="Changement de poste.", at=REVIEWED_AT)
    moved = [_whole(message) for message in mailoutbox]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invite_members(session, actor=staff)

    (message,) = mailoutbox
    invitation = _whole(message)
    assert moved[0]["motif"] == "Changement de poste."
    assert invitation["lieu"] == "Cité numérique"
    assert "1. Ruches de l'estuaire" in invitation["ordre_du_jour"]
    assert set(invitation) == set(mail_events.event("jury/email/invitation").names())
    assert message.attachments[0][0] == "seance.ics"


def test_the_pitch_invitation_fills_every_placeholder(
    every_text, staff, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory(title="Jury du 15 mars", place="Cité numérique")
    SelectionItemFactory(
        session=session,
        application__title="Ruches de l'estuaire",
        scheduled_time=datetime.time(14, 0),
    )
    with django_capture_on_commit_callbacks(execute=True):
        invite_teams(session, actor=staff)

    (message,) = mailoutbox
    invitation = _whole(message)
    assert invitation == {
        "projet": "Ruches de l'estuaire",
        "date": "mardi 15 mars 2022",
        "debut": "14:00",
        "fin": "14:20",
        "lieu": "Cité numérique",
        "seance": "Jury du 15 mars",
        "nouvel_horaire": "",
    }
    assert message.attachments[0][0] == "passage-jury.ics"


def test_the_pitch_cancellation_fills_every_placeholder(
    every_text, staff, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory(title="Jury du 15 mars", place="Cité numérique")
    item = SelectionItemFactory(
        session=session,
        application__title="Ruches de l'estuaire",
        scheduled_time=datetime.time(14, 0),
    )
    invite_teams(session, actor=staff)
    move_session(session, SessionStatus.SCORING, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        remove_item(item, reason="Candidature retirée.", actor=staff)

    (message,) = mailoutbox
    assert _whole(message) == {
        "projet": "Ruches de l'estuaire",
        "date": "mardi 15 mars 2022",
        "debut": "14:00",
        "seance": "Jury du 15 mars",
    }
    assert message.attachments[0][0] == "passage-jury.ics"


def test_the_monthly_reminder_fills_every_placeholder(every_text, mailoutbox, monkeypatch):
    period = ProjectFactory(application__title="Ruches").periods.get()
    MilestoneFactory(period=period, title="Prototype testé")
    monkeypatch.setattr(
        "projects.management.commands.send_follow_up_reminders.timezone.localdate",
        lambda: datetime.date(2022, 5, 10),
    )

    call_command("send_follow_up_reminders", stdout=io.StringIO())

    reminder = _whole(mailoutbox[0])
    assert reminder["jalons"] == "- Prototype testé (échéance le 14 avril 2022)"
    assert reminder["mois"] == "avril 2022"
    assert reminder["lien"].endswith(f"/suivi/{period.project.pk}/")
