"""Shortlisted teams invited to pitch before the jury, each at its item's slot, with the
slot in iCalendar (Paris time); invited again, as an update, when the slot changes."""

import datetime

import pytest
from django.urls import reverse

from jury.calendar import pitch_slots
from jury.enums import Outcome
from jury.models import TeamInvitation
from jury.services import invite_teams
from jury.services.pitches import invited_slots
from programme.lifecycles import Refused
from programme.models import AuditEntry
from tests.jury.factories import (
    ReviewItemFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.jury.pitches import PARIS, event_of, session_with_pitches
from tests.projects.factories import TeamMemberFactory

pytestmark = pytest.mark.django_db


def test_pitch_slots_run_to_the_next_item_and_the_last_lasts_twenty_minutes():
    session, _first = session_with_pitches()
    items = list(session.items.order_by("position"))

    slots = [(slot.start.time(), slot.end.time()) for slot in pitch_slots(session, items)]

    assert slots == [
        (datetime.time(14, 0), datetime.time(14, 30)),
        (datetime.time(14, 30), datetime.time(15, 0)),
        (datetime.time(15, 0), datetime.time(15, 20)),
    ]


def test_invite_teams_mails_every_member_the_slot_in_paris_time(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session, first = session_with_pitches()
    colleague = TeamMemberFactory(application=first.application, email="abeille@exemple.test")

    with django_capture_on_commit_callbacks(execute=True):
        invited = invite_teams(session, actor=staff)

    team = sorted(first.application.team_members.values_list("email", flat=True))
    to_first = [m for m in mailoutbox if m.to[0] in team]
    calendar, event = event_of(to_first[0])
    assert invited == 2
    assert sorted(m.to[0] for m in to_first) == team
    assert colleague.email in team
    assert to_first[0].subject == "Convocation devant le jury : Ruches de l'estuaire (15 mars 2022)"
    assert "le mardi 15 mars 2022, de 14:00 à 14:30 (heure de Paris)" in to_first[0].body
    assert "Lieu : Cité numérique" in to_first[0].body
    assert event.decoded("dtstart") == datetime.datetime(2022, 3, 15, 14, 0, tzinfo=PARIS)
    assert event.decoded("dtend") == datetime.datetime(2022, 3, 15, 14, 30, tzinfo=PARIS)
    assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(event["summary"]) == "Présentation devant le jury : Ruches de l'estuaire"
    assert str(event["location"]) == "Cité numérique"
    assert event["sequence"] == 0


def test_invite_teams_writes_one_audit_entry_naming_the_teams(staff):
    session, _first = session_with_pitches()

    invite_teams(session, actor=staff)

    entry = AuditEntry.objects.get(action="session.invite_teams")
    assert (entry.actor, entry.changes["teams"][1]) == (
        staff,
        ["Ruches de l'estuaire", "Rencontres étudiantes"],
    )


def test_invite_teams_again_after_a_time_change_sends_an_update_with_the_same_uid(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session, first = session_with_pitches()
    lead = first.application.team_members.get(role="lead")
    with django_capture_on_commit_callbacks(execute=True):
        invite_teams(session, actor=staff)
    _calendar, before = event_of(next(m for m in mailoutbox if m.to == [lead.email]))
    first.scheduled_time = datetime.time(13, 45)
    first.save()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        invited = invite_teams(session, actor=staff)

    (update,) = [m for m in mailoutbox if m.to == [lead.email]]
    _calendar, after = event_of(update)
    assert invited == 1  # the other team's slot did not change
    assert str(after["uid"]) == str(before["uid"])
    assert (before["sequence"], after["sequence"]) == (0, 1)
    assert after.decoded("dtstart") == datetime.datetime(2022, 3, 15, 13, 45, tzinfo=PARIS)
    assert update.subject.startswith("Nouvel horaire de passage devant le jury")
    assert "de 13:45 à 14:30" in update.body


def test_the_audit_entry_of_the_invitations_is_dated_when_they_were_sent(staff):
    session, _first = session_with_pitches()
    sent_at = datetime.datetime(2022, 3, 1, 9, 0, tzinfo=PARIS)

    invite_teams(session, actor=staff, at=sent_at)

    assert AuditEntry.objects.get(action="session.invite_teams").at == sent_at


def test_each_new_slot_told_raises_the_invitations_sequence(staff):
    session, first = session_with_pitches()
    invite_teams(session, actor=staff)
    for time in (datetime.time(13, 45), datetime.time(13, 30)):
        first.scheduled_time = time
        first.save()
        invite_teams(session, actor=staff)

    assert TeamInvitation.objects.get(item=first).sequence == 2


def test_a_team_already_told_its_slot_does_not_stop_the_next_teams_update(staff):
    session, first = session_with_pitches()
    invite_teams(session, actor=staff)
    # The review after the second pitch moves: only the second pitch's slot ends later.
    review = session.items.get(scheduled_time=datetime.time(15, 0))
    review.scheduled_time = datetime.time(15, 10)
    review.save()
    second = session.items.get(application__title="Rencontres étudiantes")

    invited = invite_teams(session, actor=staff)

    assert invited == 1
    assert TeamInvitation.objects.get(item=second).sequence == 1
    assert TeamInvitation.objects.get(item=first).sequence == 0


def test_a_review_before_the_pitches_does_not_stop_the_teams_invitations(staff):
    session, _first = session_with_pitches()
    ReviewItemFactory(session=session, scheduled_time=datetime.time(13, 0), position=0)

    invited = invite_teams(session, actor=staff)

    assert invited == 2
    assert TeamInvitation.objects.count() == 2


def test_a_team_is_shown_only_its_own_slot(staff):
    session, first = session_with_pitches()
    invite_teams(session, actor=staff)

    slots = invited_slots(first.application)

    assert [(slot.session, slot.place) for slot in slots] == [("Jury du 15 mars", "Cité numérique")]
    assert slots[0].starts_at == datetime.datetime(2022, 3, 15, 14, 0, tzinfo=PARIS)


def test_invite_teams_again_without_a_change_mails_nobody(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session, _first = session_with_pitches()
    invite_teams(session, actor=staff)

    with django_capture_on_commit_callbacks(execute=True):
        invited = invite_teams(session, actor=staff)

    assert (invited, mailoutbox) == (0, [])


def test_invite_teams_refuses_a_pitch_without_a_time_in_french(staff, mailoutbox):
    session, _first = session_with_pitches()
    SelectionItemFactory(session=session, application__title="Précarité énergétique")

    with pytest.raises(Refused) as refused:
        invite_teams(session, actor=staff)

    assert refused.value.reasons == [
        "Le point n° 4 (« Précarité énergétique ») n'a pas d'heure prévue : indiquez-la "
        "dans l'ordre du jour avant de convoquer les équipes."
    ]
    assert (TeamInvitation.objects.count(), mailoutbox) == (0, [])


def test_invite_teams_refuses_an_agenda_without_a_pitch(staff):
    session = SessionFactory()
    ReviewItemFactory(session=session, scheduled_time=datetime.time(15, 0))

    with pytest.raises(Refused) as refused:
        invite_teams(session, actor=staff)

    assert refused.value.reasons == [
        "Aucune équipe présélectionnée n'est à l'ordre du jour de la séance."
    ]


def test_admin_step_invites_the_teams(staff_client, mailoutbox, django_capture_on_commit_callbacks):
    session, _first = session_with_pitches()
    step = reverse("admin:jury_session_step", args=[session.pk, "convoquer-equipes"])

    page = staff_client.get(reverse("admin:jury_session_change", args=[session.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(step)

    assert "Envoyer les convocations aux équipes" in page.content.decode()
    assert TeamInvitation.objects.filter(item__session=session).count() == 2
    assert mailoutbox != []


def test_admin_step_shows_the_refusal_of_a_pitch_without_a_time(staff_client):
    session = SessionFactory()
    SelectionItemFactory(session=session, application__title="Précarité énergétique")
    step = reverse("admin:jury_session_step", args=[session.pk, "convoquer-equipes"])

    response = staff_client.post(step)

    assert "n&#x27;a pas d&#x27;heure prévue" in response.content.decode()
    assert TeamInvitation.objects.count() == 0


def test_the_team_reads_its_slot_in_its_space(client, staff):
    session, first = session_with_pitches()
    invite_teams(session, actor=staff)
    client.force_login(first.application.created_by)

    content = client.get(reverse("projects:application_detail", args=[first.application.pk]))

    # Read as words: French typography may turn the spaces by « » into no-break ones.
    words = " ".join(content.content.decode().split())
    assert (
        "le mardi 15 mars 2022, de 14:00 à 14:30 (heure de Paris), séance « Jury du 15 mars "
        "», Cité numérique."
    ) in words


def test_the_session_admin_page_lists_the_invited_teams_with_their_slot_and_sender(
    staff, staff_client
):
    session, _first = session_with_pitches()
    page = staff_client.get(reverse("admin:jury_session_change", args=[session.pk]))
    invite_teams(session, actor=staff)

    after = staff_client.get(reverse("admin:jury_session_change", args=[session.pk]))

    assert "Aucune équipe n&#x27;a encore été convoquée." in page.content.decode()
    text = " ".join(after.content.decode().split())
    sender = staff.get_full_name() or staff.email
    assert "Ruches de l&#x27;estuaire : de 14:00 à 14:30 ; convocation envoyée le" in text
    assert f"par {sender}" in text


def test_invite_teams_refuses_a_closed_session_in_french(staff, mailoutbox):
    session = SessionFactory(pitches=1, convened=1, decisions=[Outcome.SELECTED], closed=True)

    with pytest.raises(Refused) as refused:
        invite_teams(session, actor=staff)

    assert refused.value.reasons == ["La séance est close."]
    assert (TeamInvitation.objects.count(), mailoutbox) == (0, [])


def test_a_team_no_longer_sees_the_slot_of_a_closed_session(staff):
    closed = SessionFactory(pitches=1, convened=1, decisions=[Outcome.SELECTED], closed=True)
    item = closed.items.get()
    starts_at = closed.starts_at
    TeamInvitation.objects.create(
        item=item,
        sequence=0,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=20),
        place="Cité numérique",
        sent_at=starts_at - datetime.timedelta(days=7),
        sent_by=staff,
    )

    assert invited_slots(item.application) == []
