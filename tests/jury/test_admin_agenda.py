"""The agenda in the session's admin page: frozen once scoring opens, its picker
offering only what may be decided, labelled with edition and status."""

import pytest
from django.urls import reverse

from editions.enums import Phase
from jury.admin_agenda import AgendaItemForm
from jury.enums import ItemKind
from jury.models import AgendaItem
from programme.enums import DecisionSource
from projects.laureates.services import move_project
from tests.jury.factories import SessionFactory
from tests.projects.factories import ApplicationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def change_form(session, item, application):
    """The session's change form as staff post it, the item's application replaced."""
    return {
        "programme": session.programme_id,
        "title": session.title,
        "starts_at_0": "15/03/2022",
        "starts_at_1": "14:00",
        "place": session.place,
        "quorum": session.quorum,
        "casting_vote_enabled": "on",
        "substitute_chair": "",
        "convocations-TOTAL_FORMS": 0,
        "convocations-INITIAL_FORMS": 0,
        "items-TOTAL_FORMS": 1,
        "items-INITIAL_FORMS": 1,
        "items-0-id": item.pk,
        "items-0-session": session.pk,
        "items-0-position": item.position,
        "items-0-kind": item.kind,
        "items-0-application": application.pk,
        "criteria-TOTAL_FORMS": 0,
        "criteria-INITIAL_FORMS": 0,
    }


def test_staff_cannot_change_an_items_subject_once_scoring_opened(staff_client):
    session = SessionFactory(pitches=1, scoring=True)
    item = session.items.get()
    original = item.application
    replacement = ApplicationFactory(shortlisted=True)

    page = staff_client.get(reverse("admin:jury_session_change", args=[session.pk]))
    staff_client.post(
        reverse("admin:jury_session_change", args=[session.pk]),
        change_form(session, item, replacement),
    )

    item.refresh_from_db()
    assert item.application == original
    assert 'name="items-0-application"' not in page.content.decode()


def test_staff_change_an_items_subject_while_the_session_is_planned(staff_client):
    session = SessionFactory(pitches=1)
    item = session.items.get()
    replacement = ApplicationFactory(shortlisted=True)

    staff_client.post(
        reverse("admin:jury_session_change", args=[session.pk]),
        change_form(session, item, replacement),
    )

    item.refresh_from_db()
    assert item.application == replacement


def test_a_subject_the_item_cannot_decide_is_refused_in_french(staff_client):
    session = SessionFactory(pitches=1)
    item = session.items.get()
    submitted = ApplicationFactory(submitted=True)

    response = staff_client.post(
        reverse("admin:jury_session_change", args=[session.pk]),
        change_form(session, item, submitted),
    )

    item.refresh_from_db()
    assert item.application != submitted
    assert "la candidature doit être « Présélectionnée »" in response.content.decode()


def test_the_picker_offers_only_decidable_subjects_labelled_with_edition_and_status():
    shortlisted = ApplicationFactory(shortlisted=True, title="Ruches de l'estuaire")
    submitted = ApplicationFactory(submitted=True, title="Repérage solidaire")
    draft = ApplicationFactory(title="Brouillon")
    running = ProjectFactory(application__title="Carbolocal")
    ended = ProjectFactory(application__title="Pierre2vies")
    move_project(
        ended,
        Phase.ABANDONED,
        period=ended.periods.open().get(),
        actor=ended.application.created_by,
        decided_by=DecisionSource.TEAM,
        reason="L'équipe arrête.",
    )

    form = AgendaItemForm(instance=AgendaItem(kind=ItemKind.SELECTION))

    applications = dict(form.fields["application"].choices)
    projects = dict(form.fields["project"].choices)
    assert applications[shortlisted.pk] == (
        f"Ruches de l'estuaire — {shortlisted.call.edition.name} — Présélectionnée"
    )
    assert applications[submitted.pk].endswith(" — Déposée")
    assert draft.pk not in applications
    assert projects[running.pk] == (
        f"{running.title} — {running.application.call.edition.name} — Pré-incubation"
    )
    assert ended.pk not in projects
