"""Staff change a call's dates in its admin page: a closing moved into the past or before
a submission asks to confirm, and the change is recorded with what was confirmed."""

import datetime

import pytest
from django.utils import timezone

from editions.models import Call
from programme.enums import DecisionSource
from programme.models import AuditEntry
from projects.applications.services import move_application
from projects.enums import ApplicationStatus
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def change_url(call):
    return f"/admin/editions/call/{call.pk}/change/"


def form(call, **changes):
    """The change form as a browser posts it, with ``changes``."""
    local = {name: timezone.localtime(getattr(call, name)) for name in ("opens_at", "closes_at")}
    local.update(changes)
    data = {
        "edition": call.edition_id,
        "title": call.title,
        "opens_at_0": local["opens_at"].strftime("%d/%m/%Y"),
        "opens_at_1": local["opens_at"].strftime("%H:%M:%S"),
        "closes_at_0": local["closes_at"].strftime("%d/%m/%Y"),
        "closes_at_1": local["closes_at"].strftime("%H:%M:%S"),
        "min_team_size": changes.get("min_team_size", call.min_team_size),
        "max_team_size": call.max_team_size,
        "is_published": "on",
        "required_documents-TOTAL_FORMS": 0,
        "required_documents-INITIAL_FORMS": 0,
    }
    if changes.get("confirm"):
        data["confirm_closing_change"] = "on"
    return data


def closing_entries(call):
    return AuditEntry.objects.filter(action="call.move_closing", object_id=str(call.pk))


def test_a_closing_moved_into_the_past_asks_to_confirm_and_changes_nothing(staff_client, open_call):
    before = open_call.closes_at
    past = timezone.localtime() - datetime.timedelta(days=1)

    response = staff_client.post(change_url(open_call), form(open_call, closes_at=past))

    open_call.refresh_from_db()
    content = response.content.decode()
    assert open_call.closes_at == before
    assert "La nouvelle clôture est déjà passée" in content
    assert "Cochez « Je confirme ce changement de clôture »" in content
    assert not closing_entries(open_call).exists()


def test_a_confirmed_closing_in_the_past_is_saved_and_recorded_with_the_warning(
    staff_client, open_call
):
    past = (timezone.localtime() - datetime.timedelta(days=1)).replace(microsecond=0)

    staff_client.post(change_url(open_call), form(open_call, closes_at=past, confirm=True))

    open_call.refresh_from_db()
    entry = closing_entries(open_call).get()
    assert open_call.closes_at == past
    assert entry.actor == staff_client.staff
    assert entry.reason == "La nouvelle clôture est déjà passée : l'appel sera clos aussitôt."
    assert entry.changes["closes_at"][1] == past.isoformat()  # Paris time


def test_a_closing_moved_before_a_submission_names_its_date(staff_client, open_call):
    application = ApplicationFactory(call=open_call)
    move_application(
        application,
        ApplicationStatus.SUBMITTED,
        actor=application.created_by,
        decided_by=DecisionSource.TEAM,
    )
    application.refresh_from_db()
    earlier = timezone.localtime(application.submitted_at) - datetime.timedelta(hours=1)
    earlier = earlier.replace(microsecond=0)

    response = staff_client.post(change_url(open_call), form(open_call, closes_at=earlier))

    assert "La nouvelle clôture précède un dépôt déjà fait, le" in response.content.decode()
    open_call.refresh_from_db()
    assert open_call.closes_at != earlier


def test_a_closing_moved_later_needs_no_confirmation_and_is_recorded(staff_client, open_call):
    later = (timezone.localtime(open_call.closes_at) + datetime.timedelta(days=7)).replace(
        microsecond=0
    )

    staff_client.post(change_url(open_call), form(open_call, closes_at=later))

    open_call.refresh_from_db()
    assert open_call.closes_at == later
    assert closing_entries(open_call).get().reason == ""


def test_a_minimum_above_the_maximum_is_refused_in_french(staff_client, open_call):
    response = staff_client.post(change_url(open_call), form(open_call, min_team_size=9))

    open_call.refresh_from_db()
    assert open_call.min_team_size == 1
    assert (
        "La taille minimale d&#x27;une équipe ne peut pas dépasser sa taille maximale."
        in response.content.decode()
    )


def test_the_edition_page_shows_an_existing_calls_dates_read_only(staff_client, open_call):
    content = staff_client.get(
        f"/admin/editions/edition/{open_call.edition_id}/change/"
    ).content.decode()

    assert 'name="call-0-closes_at_0"' not in content
    assert Call.objects.get().closes_at == open_call.closes_at
