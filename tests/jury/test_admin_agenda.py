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
from tests.jury.factories import SessionFactory, session_change_data
from tests.projects.factories import ApplicationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def change_form(session, item, application):
    """The session's change form as staff post it, the item's application replaced."""
    data, items = session_change_data(session)
    data[f"items-{items.index(item)}-application"] = application.pk
    return data


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
