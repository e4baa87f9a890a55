"""Invitations, and decisions told to teams only when staff publish them."""

import datetime

import pytest
from icalendar import Calendar

from jury.enums import MemberRole, Outcome, SessionStatus
from jury.models import Decision
from jury.services import (
    declare_conflict,
    invite_members,
    move_session,
    publish_decisions,
    record_decision,
    remove_item,
)
from programme.lifecycles import Refused
from programme.models import AuditEntry
from projects.enums import ApplicationStatus
from tests.editions.factories import paris
from tests.jury.factories import (
    ConvocationFactory,
    SelectionItemFactory,
    SessionFactory,
    deliberating,
)

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def test_invitation_mails_each_member_with_the_session_as_icalendar(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory(title="Jury du 15 mars", place="Cité numérique")
    SelectionItemFactory(session=session, application__title="Ruches de l'estuaire")
    convocation = ConvocationFactory(session=session)

    with django_capture_on_commit_callbacks(execute=True):
        invite_members(session, actor=staff)

    (message,) = mailoutbox
    filename, content, mimetype = message.attachments[0]
    convocation.refresh_from_db()
    assert message.to == [convocation.member.user.email]
    assert message.subject == "Convocation : Jury du 15 mars (15 mars 2022)"
    assert "1. Ruches de l'estuaire" in message.body
    assert (filename, mimetype) == ("seance.ics", "text/calendar")
    assert "SUMMARY:Jury du 15 mars" in content
    assert "DTSTART:20220315T130000Z" in content  # 14:00 in Paris
    assert convocation.invited_at is not None


def closed_session_with_a_laureate(staff):
    session = SessionFactory(
        pitches=[{"application__title": "Ruches de l'estuaire"}],
        convened=1,
        decisions=[Outcome.SELECTED],
        decisions__public_reasons="Un vrai besoin des usagers.",
        decisions__private_reasons="Budget à surveiller.",
        decisions__votes_for=1,
        closed=True,
        moved_by=staff,
    )
    return session, session.items.get().application


def test_the_team_learns_the_jurys_decision_only_when_staff_publish_it(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session, application = closed_session_with_a_laureate(staff)
    application.refresh_from_db()
    before = application.team_status()

    with django_capture_on_commit_callbacks(execute=True):
        published = publish_decisions(session, actor=staff)
    application.refresh_from_db()

    assert (before, application.team_status()) == (
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.SELECTED,
    )
    assert published == 1
    (message,) = mailoutbox
    assert message.subject == "Projet lauréat : Ruches de l'estuaire"
    assert "Un vrai besoin des usagers." in message.body
    assert "Budget à surveiller." not in message.body
    assert application.project.transitions.get().published_at is not None


def test_publishing_twice_publishes_nothing_more(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session, _application = closed_session_with_a_laureate(staff)
    with django_capture_on_commit_callbacks(execute=True):
        publish_decisions(session, actor=staff)
        again = publish_decisions(session, actor=staff)

    assert again == 0
    assert len(mailoutbox) == 1


def test_decisions_of_an_open_session_cannot_be_published(staff):
    session = SessionFactory()

    with pytest.raises(Refused) as refused:
        publish_decisions(session, actor=staff)

    assert refused.value.reasons == ["Les décisions se publient une fois la séance close."]


def test_members_of_a_closed_session_are_not_invited(staff):
    session, _application = closed_session_with_a_laureate(staff)

    with pytest.raises(Refused) as refused:
        invite_members(session, actor=staff)

    assert refused.value.reasons == ["La séance est close."]


def test_publishing_counts_each_decision_of_this_session_only(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    pitches = [SelectionItemFactory(session=session) for _index in range(2)]
    deliberating(session, staff)
    for pitch in pitches:
        record_decision(pitch, outcome=Outcome.NOT_SELECTED, actor=staff)
    move_session(session, SessionStatus.CLOSED, actor=staff)
    other_session, other = closed_session_with_a_laureate(staff)

    with django_capture_on_commit_callbacks(execute=True):
        published = publish_decisions(session, actor=staff, notify=False)

    assert (published, mailoutbox) == (2, [])
    assert other.transitions.get(to_status=ApplicationStatus.SELECTED).published_at is None
    assert publish_decisions(other_session, actor=staff, notify=False) == 1


def test_the_convocation_gives_each_items_planned_time_and_the_link_to_its_file(
    staff, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://tremplin.example"
    session = SessionFactory(title="Jury du 15 mars")
    first = SelectionItemFactory(
        session=session,
        application__title="Ruches de l'estuaire",
        scheduled_time=datetime.time(14, 30),
    )
    second = SelectionItemFactory(session=session, application__title="Vélos partagés")
    ConvocationFactory(session=session)

    with django_capture_on_commit_callbacks(execute=True):
        invite_members(session, actor=staff)

    (message,) = mailoutbox
    event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    first_url = f"https://tremplin.example/jury/seances/{session.pk}/points/{first.pk}/"
    second_url = f"https://tremplin.example/jury/seances/{session.pk}/points/{second.pk}/"
    assert f"14:30 — 1. Ruches de l'estuaire\n   Dossier : {first_url}\n" in message.body
    assert f"2. Vélos partagés\n   Dossier : {second_url}\n" in message.body
    assert str(event["description"]) == (
        f"14:30 — 1. Ruches de l'estuaire\n{first_url}\n2. Vélos partagés\n{second_url}"
    )
    assert str(event["url"]) == f"https://tremplin.example/jury/seances/{session.pk}/"


def test_the_convocation_of_a_member_who_withdrew_leaves_that_item_out(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory()
    left = SelectionItemFactory(session=session, application__title="Dossier du cousin")
    SelectionItemFactory(session=session, application__title="Vélos partagés")
    convocation = ConvocationFactory(session=session)
    declare_conflict(left, member=convocation.member, actor=convocation.member.user)

    with django_capture_on_commit_callbacks(execute=True):
        invite_members(session, actor=staff)

    (message,) = mailoutbox
    event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    description = str(event["description"])
    assert "Dossier du cousin" not in message.body
    assert "Dossier du cousin" not in description
    assert "2. Vélos partagés" in message.body
    assert "2. Vélos partagés" in description


def test_publishing_decisions_puts_the_new_laureate_on_the_public_list(staff, client):
    session, application = closed_session_with_a_laureate(staff)
    project = application.project
    assert "Ruches de l&#x27;estuaire" not in client.get("/laureats/").content.decode()

    publish_decisions(session, actor=staff, notify=False)

    project.refresh_from_db()
    assert project.is_published
    assert "Ruches de l&#x27;estuaire" in client.get("/laureats/").content.decode()


def test_a_laureate_staff_opted_out_stays_off_the_public_list(staff, client):
    session, application = closed_session_with_a_laureate(staff)
    project = application.project
    project.publish_with_decision = False
    project.save(update_fields=["publish_with_decision"])

    publish_decisions(session, actor=staff, notify=False)

    project.refresh_from_db()
    assert not project.is_published
    assert "Ruches de l&#x27;estuaire" not in client.get("/laureats/").content.decode()


def test_invitations_are_logged_with_each_member_convened_at_the_instant_given(staff):
    session = SessionFactory()
    for first_name, last_name, role in (
        ("Anne", "Martin", MemberRole.PRESIDENT),
        ("Paul", "Girard", MemberRole.QUALIFIED_PERSON),
    ):
        ConvocationFactory(
            session=session,
            member__role=role,
            member__user__first_name=first_name,
            member__user__last_name=last_name,
        )
    at = paris(2022, 3, 1, 9, 30)

    assert invite_members(session, actor=staff, at=at) == 2

    entry = AuditEntry.objects.get(action="session.invite_members")
    assert (entry.actor, entry.at, entry.object_id) == (staff, at, str(session.pk))
    assert entry.changes == {
        "convocations": [
            None,
            ["Anne Martin (Président ou présidente)", "Paul Girard (Personnalité qualifiée)"],
        ]
    }
    assert set(session.convocations.values_list("invited_at", flat=True)) == {at}


def test_publication_is_logged_with_the_items_published_at_the_instant_given(staff):
    session = SessionFactory(
        pitches=2, convened=1, decisions=[Outcome.SELECTED, Outcome.NOT_SELECTED], closed=True
    )
    at = paris(2022, 3, 16, 10, 15)
    screening = set(AuditEntry.objects.values_list("pk", flat=True))

    assert publish_decisions(session, actor=staff, at=at, notify=False) == 2

    entry = AuditEntry.objects.get(action="session.publish_decisions")
    assert (entry.actor, entry.at, entry.object_id) == (staff, at, str(session.pk))
    assert entry.changes == {"items": [None, [1, 2]]}
    assert set(Decision.objects.values_list("published_at", flat=True)) == {at}
    # One entry per application's history row the decisions caused.
    histories = AuditEntry.objects.filter(action="history.publish").exclude(pk__in=screening)
    assert [(h.actor, h.at) for h in histories] == [(staff, at)] * 2


def test_a_decision_withdrawn_from_the_agenda_before_the_close_is_not_published(staff):
    session = SessionFactory()
    kept, gone = (SelectionItemFactory(session=session) for _index in range(2))
    deliberating(session, staff)
    record_decision(kept, outcome=Outcome.SELECTED, actor=staff)
    record_decision(gone, outcome=Outcome.SELECTED, actor=staff)
    remove_item(gone, reason="La candidature a été retirée par l'équipe.", actor=staff)
    move_session(session, SessionStatus.CLOSED, actor=staff)

    assert publish_decisions(session, actor=staff, notify=False) == 1

    assert Decision.objects.get(item=gone).published_at is None
    assert Decision.objects.get(item=kept).published_at is not None
    entry = AuditEntry.objects.get(action="session.publish_decisions")
    assert entry.changes == {"items": [None, [kept.position]]}
