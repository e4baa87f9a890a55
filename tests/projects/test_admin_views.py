"""The staff's lifecycle screens in the admin: timeline, decisions with a confirmation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editions.enums import Phase
from projects.enums import ApplicationStatus
from projects.models import ProjectTransition
from tests.editions.factories import CallFactory, paris
from tests.programme.factories import UserFactory
from tests.projects.factories import ApplicationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def timeline_url(project):
    return reverse("admin:projects_project_timeline", args=[project.pk])


def move_url(project, target):
    return reverse("admin:projects_project_move", args=[project.pk, target])


def test_project_timeline_shows_the_whole_history_and_the_possible_decisions(staff_client):
    project = ProjectFactory(experimentation=True, application__title="Ruches de l'estuaire")

    content = staff_client.get(timeline_url(project)).content.decode()

    for step in ("Déposée", "Présélectionnée", "Lauréate", "Pré-incubation", "Expérimentation"):
        assert f"<strong>{step}</strong>" in content
    assert "Décision de test." in content
    assert "Renouveler l&#x27;expérimentation" in content
    assert "Réintégrer les directions métiers" in content


def test_decision_blocked_by_a_guard_is_shown_disabled_with_its_reason(staff_client):
    call = CallFactory(closes_at=paris(2099, 1, 31, 23, 59, 59))
    application = ApplicationFactory(call=call, submitted=True)

    content = staff_client.get(
        reverse("admin:projects_application_timeline", args=[application.pk])
    ).content.decode()

    assert "disabled" in content
    assert "L&#x27;appel est encore ouvert" in content


def test_confirmed_move_with_a_reason_moves_the_project_and_records_it(staff_client):
    project = ProjectFactory()
    period = project.periods.get()

    response = staff_client.post(
        move_url(project, Phase.EXPERIMENTATION),
        {"period": period.pk, "reason": "Prototype validé par les usagers."},
        follow=True,
    )

    project.refresh_from_db()
    history = project.transitions.last()
    assert project.phase == Phase.EXPERIMENTATION
    assert (history.actor, history.reason) == (
        staff_client.staff,
        "Prototype validé par les usagers.",
    )
    assert "C&#x27;est fait : Poursuivre en expérimentation." in response.content.decode()


def test_move_without_a_reason_is_refused_in_french_and_changes_nothing(staff_client):
    project = ProjectFactory()

    response = staff_client.post(
        move_url(project, Phase.ABANDONED), {"period": project.periods.get().pk, "reason": ""}
    )

    project.refresh_from_db()
    assert project.phase == Phase.PRE_INCUBATION
    assert "Ce champ est obligatoire." in response.content.decode()


def test_reintegration_without_its_outcome_is_refused_and_keeps_the_reason(staff_client):
    project = ProjectFactory()

    response = staff_client.post(
        move_url(project, Phase.REINTEGRATION),
        {"period": project.periods.get().pk, "reason": "Retour en direction.", "outcome": ""},
    )

    content = response.content.decode()
    assert "Ce champ est obligatoire." in content
    assert "Retour en direction." in content
    assert project.transitions.count() == 1


def test_double_click_on_a_move_says_already_done_and_moves_once(staff_client):
    project = ProjectFactory(experimentation=True)
    data = {"period": project.periods.open().get().pk, "reason": "Renouvellement."}

    staff_client.post(move_url(project, Phase.EXPERIMENTATION), data)
    response = staff_client.post(move_url(project, Phase.EXPERIMENTATION), data, follow=True)

    assert "Ce changement a déjà été fait" in response.content.decode()
    assert project.periods.count() == 3


def test_staff_screening_decision_on_an_application(staff_client):
    application = ApplicationFactory(submitted=True)

    staff_client.post(
        reverse("admin:projects_application_move", args=[application.pk, "ineligible"]),
        {"reason": "Aucun agent dans l'équipe."},
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.INELIGIBLE
    assert application.transitions.last().reason == "Aucun agent dans l'équipe."


def test_a_move_staff_may_not_make_is_not_found(staff_client):
    application = ApplicationFactory()

    response = staff_client.get(
        reverse("admin:projects_application_move", args=[application.pk, "submitted"])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("url_name", ["timeline", "move"])
def test_staff_without_the_permission_is_refused(client, url_name):
    project = ProjectFactory()
    client.force_login(UserFactory(is_staff=True))
    args = [project.pk] if url_name == "timeline" else [project.pk, Phase.ABANDONED]

    response = client.post(
        reverse(f"admin:projects_project_{url_name}", args=args),
        {"period": project.periods.get().pk, "reason": "Tentative."},
    )

    assert response.status_code == 403
    assert ProjectTransition.objects.filter(project=project).count() == 1


def test_timeline_query_count_stays_flat_as_projects_grow(staff_client):
    project = ProjectFactory(experimentation=True)
    with CaptureQueriesContext(connection) as small:
        staff_client.get(timeline_url(project))
    for _ in range(19):
        ProjectFactory(experimentation=True)

    with CaptureQueriesContext(connection) as large:
        staff_client.get(timeline_url(project))

    assert len(large) == len(small)
