"""A pitch off the agenda: its invited team is mailed a cancellation of its diary event,
whether the chair withdraws it, staff delete it or give the slot another team."""

import datetime

import pytest
from django.urls import reverse

from jury.enums import ItemKind, SessionStatus
from jury.models import Session, TeamInvitation
from jury.services import invite_teams, move_session, remove_item
from jury.services.pitches import cancel_pitch
from programme.models import AuditEntry
from tests.editions.factories import paris
from tests.jury.factories import session_change_data
from tests.jury.pitches import PARIS, event_of, session_with_pitches
from tests.programme.factories import UserFactory
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def invited_first_pitch(staff, mailoutbox, capture):
    """The session with its two teams invited (mails sent and cleared) and its first pitch."""
    session, first = session_with_pitches()
    with capture(execute=True):
        invite_teams(session, actor=staff)
    mailoutbox.clear()
    return session, first


def test_withdrawing_an_invited_pitch_tells_its_team_and_cancels_the_diary_event(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session, first = invited_first_pitch(staff, mailoutbox, django_capture_on_commit_callbacks)
    move_session(session, SessionStatus.SCORING, actor=staff)
    team = sorted(first.application.team_members.values_list("email", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        remove_item(first, reason="L'équipe a retiré sa candidature.", actor=staff)

    assert sorted(m.to[0] for m in mailoutbox) == team
    message = mailoutbox[0]
    calendar, event = event_of(message)
    assert message.subject == "Passage devant le jury annulé : Ruches de l'estuaire (15 mars 2022)"
    assert "prévue le mardi 15 mars 2022 à 14:00 (heure de Paris), n'aura pas lieu" in message.body
    assert "Séance : Jury du 15 mars" in message.body
    assert str(calendar["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]).startswith(f"passage-{first.pk}@")
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == datetime.datetime(2022, 3, 15, 14, 0, tzinfo=PARIS)
    assert not TeamInvitation.objects.filter(item=first).exists()
    entry = AuditEntry.objects.get(action="session.cancel_pitch")
    assert (entry.actor, entry.reason, entry.changes["teams"][0]) == (
        staff,
        "L'équipe a retiré sa candidature.",
        ["Ruches de l'estuaire"],
    )


def test_withdrawing_a_pitch_whose_team_was_never_invited_mails_nobody(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session, first = session_with_pitches()
    move_session(session, SessionStatus.SCORING, actor=staff)

    with django_capture_on_commit_callbacks(execute=True):
        remove_item(first, reason="L'équipe a retiré sa candidature.", actor=staff)

    assert mailoutbox == []
    assert not AuditEntry.objects.filter(action="session.cancel_pitch").exists()


def test_deleting_an_invited_pitch_in_the_admin_tells_its_team(
    staff, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    session, first = invited_first_pitch(staff, mailoutbox, django_capture_on_commit_callbacks)
    data, items = session_change_data(session)
    data[f"items-{items.index(first)}-DELETE"] = "on"

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("admin:jury_session_change", args=[session.pk]), data)

    assert not session.items.filter(pk=first.pk).exists()
    team = sorted(first.application.team_members.values_list("email", flat=True))
    assert sorted(m.to[0] for m in mailoutbox) == team
    assert mailoutbox[0].subject.startswith("Passage devant le jury annulé : Ruches")
    assert str(event_of(mailoutbox[0])[0]["method"]) == "CANCEL"
    entry = AuditEntry.objects.get(action="session.cancel_pitch")
    assert (entry.actor, entry.reason) == (staff, "Point supprimé de l'ordre du jour de la séance.")


def test_giving_an_invited_pitch_another_team_tells_the_first_and_lets_the_second_be_invited(
    staff, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    session, first = invited_first_pitch(staff, mailoutbox, django_capture_on_commit_callbacks)
    dropped = first.application
    replacement = ApplicationFactory(shortlisted=True, title="Jardins partagés")
    data, items = session_change_data(session)
    data[f"items-{items.index(first)}-application"] = replacement.pk

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("admin:jury_session_change", args=[session.pk]), data)
    told = sorted(m.to[0] for m in mailoutbox)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invited = invite_teams(session, actor=staff)

    first.refresh_from_db()
    assert first.application == replacement
    assert told == sorted(dropped.team_members.values_list("email", flat=True))
    assert invited == 1
    assert {m.to[0] for m in mailoutbox} == set(
        replacement.team_members.values_list("email", flat=True)
    )
    assert mailoutbox[0].subject == "Convocation devant le jury : Jardins partagés (15 mars 2022)"


def test_saving_the_agenda_unchanged_mails_no_team(
    staff, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    session, _first = invited_first_pitch(staff, mailoutbox, django_capture_on_commit_callbacks)
    data, _items = session_change_data(session)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:jury_session_change", args=[session.pk]), data)

    assert response.status_code == 302  # saved, not refused
    assert mailoutbox == []
    assert TeamInvitation.objects.filter(item__session=session).count() == 2


def test_cancel_pitch_says_whether_a_team_was_told_and_dates_its_entry_when_asked(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session, first = invited_first_pitch(staff, mailoutbox, django_capture_on_commit_callbacks)
    review = session.items.get(kind=ItemKind.REVIEW)
    at = paris(2022, 3, 10, 9, 30)

    with django_capture_on_commit_callbacks(execute=True):
        told = cancel_pitch(first, actor=staff, reason="Séance réorganisée.", at=at)
        told_again = cancel_pitch(first, actor=staff, reason="Séance réorganisée.", at=at)
        review_told = cancel_pitch(review, actor=staff, reason="Séance réorganisée.", at=at)

    assert (told, told_again, review_told) == (True, False, False)
    entry = AuditEntry.objects.get(action="session.cancel_pitch")
    assert (entry.at, entry.actor, entry.reason) == (at, staff, "Séance réorganisée.")
    assert len(mailoutbox) == first.application.team_members.count()


def test_a_session_with_an_agenda_cannot_be_deleted_so_no_invited_team_is_left_untold(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    """Agenda items are records (marks, decisions, invitations hang on them): the admin
    asks for their delete permission, which nobody holds, so even a superuser cannot
    delete a session that has any; its invitations stay, and nobody is mailed."""
    session, _first = invited_first_pitch(staff, mailoutbox, django_capture_on_commit_callbacks)
    client.force_login(UserFactory(innovation_staff=True, is_superuser=True))

    page = client.get(f"/admin/jury/session/{session.pk}/delete/")
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(f"/admin/jury/session/{session.pk}/delete/", {"post": "yes"})

    words = " ".join(page.content.decode().split())
    assert "mais votre compte ne possède pas la permission de supprimer" in words
    assert "<title>Impossible de supprimer séance du jury" in words
    assert posted.status_code == 403
    assert Session.objects.filter(pk=session.pk).exists()
    assert TeamInvitation.objects.filter(item__session=session).count() == 2
    assert mailoutbox == []


def test_withdrawing_an_invited_pitch_at_a_given_time_dates_its_cancellation_then(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session, first = invited_first_pitch(staff, mailoutbox, django_capture_on_commit_callbacks)
    move_session(session, SessionStatus.SCORING, actor=staff)
    at = paris(2022, 3, 15, 15, 10)

    with django_capture_on_commit_callbacks(execute=True):
        remove_item(first, reason="L'équipe a retiré sa candidature.", actor=staff, at=at)

    entries = AuditEntry.objects.filter(action__in=["jury.remove_item", "session.cancel_pitch"])
    assert sorted((entry.action, entry.at) for entry in entries) == [
        ("jury.remove_item", at),
        ("session.cancel_pitch", at),
    ]
