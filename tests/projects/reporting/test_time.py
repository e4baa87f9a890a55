"""The time a team gives, month by month, from the follow-up pages."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.enums import MemberKind
from projects.models import PhasePeriod
from tests.projects.factories import (
    ProjectFactory,
    TeamMemberFactory,
    TimeDeclarationFactory,
)
from tests.projects.reporting.helpers import url

pytestmark = pytest.mark.django_db


def test_time_table_lists_each_month_and_member_agents_first_with_shortfalls(team, project):
    student = TeamMemberFactory(
        application=project.application, student=True, first_name="Zoé", last_name="Étudiante"
    )
    TimeDeclarationFactory(period=project.period, member=project.lead, days_given=Decimal("1"))
    TimeDeclarationFactory(
        period=project.period,
        member=student,
        month=datetime.date(2022, 4, 1),
        days_given=Decimal("4"),
        comment="Semaine de partiels.",
    )

    content = team.get(url("time_declaration", project)).content.decode()

    for month in ("Mars 2022", "Avril 2022", "Mai 2022", "Juin 2022"):
        assert month in content
    assert content.index(project.lead.full_name) < content.index("Zoé Étudiante")
    assert "<caption" in content and 'scope="rowgroup"' in content
    assert "En dessous du prévu." in content  # March: 1 day given of 2.6 planned
    assert "Semaine de partiels." in content
    assert "non déclaré" in content
    assert "Total de la période à ce jour" in content


def test_time_form_defaults_to_the_latest_month_prefilled_with_what_was_declared(team, project):
    TimeDeclarationFactory(
        period=project.period,
        member=project.lead,
        month=datetime.date(2022, 6, 1),
        days_given=Decimal("2.5"),
        comment="Atelier usagers.",
    )

    content = team.get(url("time_declaration", project)).content.decode()

    assert "Déclarer le temps de juin 2022" in content
    assert 'value="2.5"' in content
    assert 'value="Atelier usagers."' in content
    assert 'step="0.5"' in content


def test_declaring_a_month_saves_the_days_and_a_second_post_replaces_them(team, project):
    page = url("time_declaration", project, query="?mois=2022-04")
    member = TeamMemberFactory(application=project.application)

    for days in ("3", "3.5"):
        response = team.post(
            page, {f"days_{project.lead.pk}": days, f"comment_{project.lead.pk}": "Bien libéré."}
        )

    declaration = project.period.time_declarations.get()
    assert response.headers["Location"] == url(
        "time_declaration", project, query="?periode=1&mois=2022-04"
    )
    assert (declaration.member, declaration.month) == (project.lead, datetime.date(2022, 4, 1))
    assert (declaration.days_given, declaration.comment) == (Decimal("3.5"), "Bien libéré.")
    assert not member.time_declarations.exists()


@pytest.mark.parametrize(
    ("mois", "message"),
    [
        ("2023-01", "Le mois de janvier 2023 n&#x27;est pas un mois passé ou en cours"),
        ("2022-13", "« 2022-13 » n&#x27;est pas un mois"),
        ("mars", "« mars » n&#x27;est pas un mois"),
    ],
)
def test_a_bad_month_in_the_address_says_why_in_french(team, project, mois, message):
    response = team.get(url("time_declaration", project, query=f"?mois={mois}"))

    assert response.status_code == 200
    assert message in response.content.decode()


def test_posting_a_month_outside_the_period_is_refused_and_keeps_the_days_typed(team, project):
    response = team.post(
        url("time_declaration", project, query="?mois=2022-09"),
        {f"days_{project.lead.pk}": "4.5", f"comment_{project.lead.pk}": "À garder."},
    )

    content = response.content.decode()
    assert "Le mois de septembre 2022 n&#x27;est pas un mois passé ou en cours" in content
    assert 'value="4.5"' in content and 'value="À garder."' in content
    assert not project.period.time_declarations.exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("-1", "supérieure ou égale à 0"),
        ("24", "inférieure ou égale à 23"),
        ("1.3", "multiple de la taille de pas 0.5"),
    ],
)
def test_days_out_of_range_are_refused_in_french_and_kept(team, project, days, message):
    response = team.post(
        url("time_declaration", project, query="?mois=2022-05"),
        {f"days_{project.lead.pk}": days, f"comment_{project.lead.pk}": "Mon commentaire."},
    )

    content = response.content.decode()
    assert message in content
    assert f'value="{days}"' in content and 'value="Mon commentaire."' in content
    assert not project.period.time_declarations.exists()


def test_a_comment_without_days_is_refused_rather_than_lost(team, project):
    response = team.post(
        url("time_declaration", project, query="?mois=2022-05"),
        {f"comment_{project.lead.pk}": "Arrêt maladie."},
    )

    assert "Indiquez les jours consacrés avec ce commentaire." in response.content.decode()


def test_an_earlier_period_is_shown_with_periode(team):
    project = ProjectFactory(experimentation=True)
    client = team
    client.force_login(project.application.created_by)

    earlier = client.get(url("time_declaration", project, query="?periode=1")).content.decode()
    current = client.get(url("time_declaration", project)).content.decode()

    assert "Mars 2022" in earlier and "Mars 2023" not in earlier
    assert "Mars 2023" in current and "Avril 2022" not in current


def _set_period_months(project, months):
    PhasePeriod.objects.filter(pk=project.period.pk).update(
        planned_start=datetime.date(2021, 1, 4),
        actual_start=datetime.date(2021, 1, 4),
        planned_end=datetime.date(2021, months, 28),
    )


def test_time_page_query_count_stays_flat_as_members_and_months_grow(team, project):
    _set_period_months(project, 1)
    with CaptureQueriesContext(connection) as small:
        team.get(url("time_declaration", project))
    _set_period_months(project, 10)
    for _index in range(9):
        member = TeamMemberFactory(application=project.application, kind=MemberKind.AGENT)
        TimeDeclarationFactory(
            period=project.period, member=member, month=datetime.date(2021, 3, 1)
        )

    with CaptureQueriesContext(connection) as large:
        content = team.get(url("time_declaration", project)).content.decode()

    assert "Octobre 2021" in content
    assert len(large) == len(small)
