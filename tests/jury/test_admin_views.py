"""The phase board in the admin."""

import datetime

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editions.enums import Phase
from projects.models import PhasePeriod, Project
from projects.staff.board import board_columns
from tests.editions.factories import CallFactory, EditionFactory, paris
from tests.jury.factories import ReviewItemFactory, SessionFactory
from tests.programme.factories import UserFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
BOARD = "/admin/tableau-des-phases/"


def board_projects():
    return Project.objects.prefetch_related(
        Prefetch("periods", queryset=PhasePeriod.objects.open(), to_attr="open_periods")
    )


def test_board_flags_periods_ending_within_30_days_and_overdue_ones():
    ProjectFactory(application__title="Bientôt")  # pre-incubation ends on 15 June 2022

    soon = board_columns(board_projects(), today=datetime.date(2022, 5, 20), on_agenda=set())
    late = board_columns(board_projects(), today=datetime.date(2022, 6, 16), on_agenda=set())

    (card,) = soon[0]["cards"]
    assert (soon[0]["phase"], card["ending_soon"], card["overdue"]) == (
        Phase.PRE_INCUBATION,
        True,
        False,
    )
    (card,) = late[0]["cards"]
    assert (card["ending_soon"], card["overdue"]) == (False, True)


def test_board_shows_projects_by_phase_and_the_next_session_with_its_agenda(staff_client):
    reviewed = ProjectFactory(experimentation=True, application__title="Carbolocal")
    ProjectFactory(application__title="Ruches de l'estuaire")
    session = SessionFactory(title="Jury de printemps", starts_at=paris(2099, 3, 15, 14, 0))
    ReviewItemFactory(session=session, project=reviewed)

    content = staff_client.get(BOARD).content.decode()

    assert "Pré-incubation (1)" in content
    assert "Expérimentation (1)" in content
    assert "Jury de printemps" in content
    assert "À l'ordre du jour" in content
    assert "Échéance dépassée" in content


def test_board_lists_running_projects_only_and_counts_those_that_left(staff_client):
    ProjectFactory(application__title="Toujours en course")
    ProjectFactory(application__title="Rendu aux directions", reintegrated=True)
    ProjectFactory(application__title="Deuxième sortie", reintegrated=True)

    content = staff_client.get(BOARD).content.decode()

    assert "Toujours en course" in content
    assert "Rendu aux directions" not in content
    assert "Deuxième sortie" not in content
    assert "Réintégration (" not in content
    assert '?phase__exact=reintegration">Réintégration</a> : 2' in content
    assert '?phase__exact=abandoned">Abandon</a> : 0' in content


def test_board_filters_by_edition(staff_client):
    edition = EditionFactory(slug="saison-7")
    ProjectFactory(
        application__title="Dans la saison 7", application__call=CallFactory(edition=edition)
    )
    ProjectFactory(application__title="Ailleurs")

    content = staff_client.get(BOARD, {"edition": "saison-7"}).content.decode()

    assert "Dans la saison 7" in content
    assert "Ailleurs" not in content


def test_board_is_listed_on_the_admin_index_for_staff(staff_client):
    content = staff_client.get("/admin/").content.decode()

    assert f'href="{reverse("admin:phase_board")}"' in content


def test_board_refuses_staff_without_the_permission_and_non_staff(client):
    ProjectFactory(application__title="Projet discret")
    client.force_login(UserFactory(is_staff=True))
    assert client.get(BOARD).status_code == 403

    client.force_login(UserFactory())
    response = client.get(BOARD)
    assert response.status_code == 302
    assert "Projet discret" not in response.content.decode()


def test_board_query_count_stays_flat_as_projects_grow(staff_client):
    ProjectFactory(experimentation=True)
    with CaptureQueriesContext(connection) as small:
        staff_client.get(BOARD)
    for index in range(19):
        ProjectFactory(experimentation=index % 2 == 0, reintegrated=index % 3 == 0)

    with CaptureQueriesContext(connection) as large:
        staff_client.get(BOARD)

    assert len(large) == len(small)


def test_a_new_session_starts_with_the_default_grids(staff_client):
    from programme.models import Programme

    programme = Programme.objects.create(name="P", slug="p", authority_name="A")

    staff_client.post(
        reverse("admin:jury_session_add"),
        {
            "programme": programme.pk,
            "title": "Jury de printemps",
            "starts_at_0": "15/03/2027",
            "starts_at_1": "14:00",
            "quorum": 3,
            "casting_vote_enabled": "on",
            "convocations-TOTAL_FORMS": 0,
            "convocations-INITIAL_FORMS": 0,
            "items-TOTAL_FORMS": 0,
            "items-INITIAL_FORMS": 0,
            "criteria-TOTAL_FORMS": 0,
            "criteria-INITIAL_FORMS": 0,
        },
    )

    session = programme.jury_sessions.get()
    assert list(session.criteria.filter(grid="review").values_list("name", flat=True)) == [
        "Résultats au regard des objectifs",
        "Impact mesuré",
        "Potentiel de mise à l'échelle",
    ]
    assert session.criteria.filter(grid="selection").count() == 5


def test_session_steps_run_from_the_admin_through_the_services(staff_client):
    session = SessionFactory(title="Jury de printemps")
    ReviewItemFactory(session=session)

    page = staff_client.get(reverse("admin:jury_session_change", args=[session.pk]))
    staff_client.post(reverse("admin:jury_session_step", args=[session.pk, "notation"]))

    session.refresh_from_db()
    assert "Ouvrir la notation" in page.content.decode()
    assert session.status == "scoring"
