"""What a laureate proves, from the follow-up pages: time given, indicators and their
measurements, the end-of-phase report."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.enums import DecisionSource, MemberKind, Phase
from projects.models import ImpactIndicator, Measurement, PhasePeriod, PhaseReport
from projects.services import move_project
from projects.services.follow_up import reopen_phase_report
from tests.jury.factories import JuryMemberFactory
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    ImpactIndicatorFactory,
    MeasurementFactory,
    PhaseReportFactory,
    ProjectFactory,
    TeamMemberFactory,
    TimeDeclarationFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Donnée confidentielle du suivi"


@pytest.fixture
def project():
    """In pre-incubation from 15 March to 15 June 2022, with a coach; its lead is the
    only team member."""
    project = ProjectFactory(application__title="Ruches de l'estuaire")
    project.coach = UserFactory(first_name="Camille", last_name="Coach")
    project.period = project.periods.get()
    project.period.coaches.add(project.coach)
    project.lead = project.application.team_members.get()
    return project


@pytest.fixture
def indicator(project):
    return ImpactIndicatorFactory(project=project, name="Ruches suivies", method=SECRET)


@pytest.fixture
def team(client, project):
    client.force_login(project.application.created_by)
    return client


def url(name, project, *args, query=""):
    return reverse(f"projects:{name}", args=[project.pk, *args]) + query


def pages(project, indicator):
    return [
        url("time_declaration", project),
        url("indicator_add", project),
        url("indicator_edit", project, indicator.pk),
        url("measurement_add", project, indicator.pk),
        url("report", project),
    ]


# Permissions


@pytest.mark.parametrize("outsider", ["other_team", "other_coach", "jury_member", "anonymous"])
def test_people_who_do_not_follow_the_project_get_nothing_of_it(
    client, project, indicator, outsider
):
    TimeDeclarationFactory(period=project.period, member=project.lead, comment=SECRET)
    PhaseReportFactory(period=project.period, problem=SECRET)
    other = ProjectFactory()
    other.periods.get().coaches.add(other_coach := UserFactory())
    user = {
        "other_team": other.application.created_by,
        "other_coach": other_coach,
        "jury_member": JuryMemberFactory().user,
        "anonymous": None,
    }[outsider]
    if user:
        client.force_login(user)

    for page in pages(project, indicator):
        for response in (client.get(page), client.post(page, {"name": "x", "problem": "x"})):
            content = response.content.decode()
            if user:
                assert response.status_code == 404
            else:
                assert response.status_code == 302
                assert response.headers["Location"].startswith(reverse("accounts:sign_in"))
            assert SECRET not in content
            assert "Ruches" not in content
    assert ImpactIndicator.objects.filter(project=project).count() == 1
    assert PhaseReport.objects.get().problem == SECRET


@pytest.mark.parametrize("role", ["coach", "staff"])
def test_coaches_and_staff_read_the_time_and_report_but_may_not_post(client, project, role):
    TimeDeclarationFactory(period=project.period, member=project.lead, comment=SECRET)
    PhaseReportFactory(period=project.period, problem="Le problème vu par l'équipe.")
    client.force_login(project.coach if role == "coach" else UserFactory(innovation_staff=True))

    time_page = client.get(url("time_declaration", project)).content.decode()
    report_page = client.get(url("report", project)).content.decode()
    posts = [
        client.post(url("time_declaration", project), {f"days_{project.lead.pk}": "1"}),
        client.post(url("report", project), {"problem": "Réécrit par un tiers."}),
    ]

    assert SECRET in time_page
    assert "Déclarer le temps de" not in time_page
    assert "Le problème vu par l&#x27;équipe." in report_page
    assert "Déposer le bilan" not in report_page
    assert [response.status_code for response in posts] == [403, 403]
    assert PhaseReport.objects.get().problem == "Le problème vu par l'équipe."


def test_staff_may_not_keep_indicators_or_measurements(client, project, indicator):
    client.force_login(UserFactory(innovation_staff=True))

    responses = [
        client.get(url("indicator_add", project)),
        client.post(url("indicator_edit", project, indicator.pk), {"name": "Changé"}),
        client.post(url("measurement_add", project, indicator.pk), {"value": "1"}),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]
    assert indicator.measurements.count() == 0


def test_an_indicator_of_another_project_is_a_404(team, project):
    foreign = ImpactIndicatorFactory(name="Indicateur d'un autre projet")

    for page in (
        url("indicator_edit", project, foreign.pk),
        url("measurement_add", project, foreign.pk),
    ):
        response = team.get(page)
        assert response.status_code == 404
        assert "Indicateur d&#x27;un autre projet" not in response.content.decode()


# Time given


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


# Indicators and measurements


@pytest.mark.parametrize("keeper", ["team", "coach"])
def test_team_and_coach_add_an_indicator_recorded_as_theirs(client, project, keeper):
    user = project.application.created_by if keeper == "team" else project.coach
    client.force_login(user)

    response = client.post(
        url("indicator_add", project),
        {
            "name": "Ménages repérés",
            "unit": "ménages",
            "baseline": "0",
            "target": "120",
            "method": "Registre partagé.",
            "position": "1",
            "is_published": "on",
        },
    )

    indicator = project.indicators.get()
    assert response.headers["Location"] == url("indicator_edit", project, indicator.pk)
    assert (indicator.name, indicator.target, indicator.created_by) == (
        "Ménages repérés",
        Decimal("120"),
        user,
    )
    assert indicator.is_published is False


def test_a_second_click_on_adding_an_indicator_does_not_duplicate_it(team, project):
    data = {"name": "Ruches suivies", "position": "1"}

    team.post(url("indicator_add", project), data)
    response = team.post(url("indicator_add", project), data, follow=True)

    assert project.indicators.count() == 1
    assert "Cet indicateur existe déjà." in response.content.decode()


def test_indicator_without_a_name_is_refused_in_french_and_keeps_the_text(team, project):
    response = team.post(
        url("indicator_add", project), {"name": "", "method": "Comptage mensuel.", "position": "1"}
    )

    content = response.content.decode()
    assert "Ce champ est obligatoire." in content
    assert "Comptage mensuel." in content
    assert not project.indicators.exists()


def test_indicator_page_shows_its_measurements_and_that_validated_ones_go_public(
    team, project, indicator
):
    MeasurementFactory(indicator=indicator, value=Decimal("12"), source="Carnet du rucher.")
    MeasurementFactory(indicator=indicator, rejected=True)

    content = team.get(url("indicator_edit", project, indicator.pk)).content.decode()

    assert "Carnet du rucher." in content
    assert "À valider" in content and "Refusée" in content and "Source absente." in content
    assert "Les mesures validées d'un indicateur publié sont publiques" in content
    assert 'name="is_published"' not in content


def test_editing_an_indicator_keeps_its_author(client, project, indicator):
    client.force_login(project.coach)

    client.post(
        url("indicator_edit", project, indicator.pk), {"name": "Ruches vivantes", "position": "2"}
    )

    indicator.refresh_from_db()
    assert (indicator.name, indicator.position) == ("Ruches vivantes", 2)
    assert indicator.created_by == project.application.created_by


def test_indicator_page_query_count_stays_flat_as_measurements_grow(team, project, indicator):
    MeasurementFactory(indicator=indicator)
    with CaptureQueriesContext(connection) as small:
        team.get(url("indicator_edit", project, indicator.pk))
    for day in range(2, 11):
        MeasurementFactory(indicator=indicator, measured_on=datetime.date(2022, 5, day))

    with CaptureQueriesContext(connection) as large:
        team.get(url("indicator_edit", project, indicator.pk))

    assert len(large) == len(small)


def test_a_measurement_is_saved_as_proposed_with_who_entered_it(client, project, indicator):
    client.force_login(project.coach)

    response = client.post(
        url("measurement_add", project, indicator.pk),
        {"measured_on": "2022-05-31", "value": "18", "source": "Relevé des apiculteurs."},
        follow=True,
    )

    measurement = indicator.measurements.get()
    assert (measurement.status, measurement.entered_by) == ("proposed", project.coach)
    assert (measurement.value, measurement.source) == (Decimal("18"), "Relevé des apiculteurs.")
    assert "L&#x27;équipe innovation la vérifiera avant qu&#x27;elle puisse être publiée." in (
        response.content.decode()
    )


def test_a_second_click_on_a_measurement_does_not_duplicate_it(team, project, indicator):
    data = {"measured_on": "2022-05-31", "value": "18", "source": "Relevé."}

    team.post(url("measurement_add", project, indicator.pk), data)
    team.post(url("measurement_add", project, indicator.pk), data)

    assert indicator.measurements.count() == 1


@pytest.mark.parametrize(
    ("data", "message", "kept"),
    [
        (
            {"measured_on": "2099-01-01", "value": "18", "source": "Relevé à garder."},
            "Une mesure ne peut pas être datée dans le futur.",
            "Relevé à garder.",
        ),
        (
            {"measured_on": "2022-05-31", "value": "18.5", "source": ""},
            "Ce champ est obligatoire.",
            'value="18.5"',
        ),
    ],
)
def test_a_bad_measurement_is_refused_in_french_and_keeps_what_was_typed(
    team, project, indicator, data, message, kept
):
    response = team.post(url("measurement_add", project, indicator.pk), data)

    content = response.content.decode()
    assert message in content
    assert kept in content
    assert not Measurement.objects.exists()


# End-of-phase report

REPORT = {
    "problem": "Les ruches disparaissent sans qu'on le sache.",
    "tested": "Un relevé mensuel avec les apiculteurs.",
    "results": "Trente ruches suivies.",
    "indicators_comment": "",
    "recommendation": "continue",
    "recommendation_reasons": "",
}


def test_saving_a_draft_creates_the_report_with_whatever_is_there(team, project):
    response = team.post(url("report", project), {"problem": "Un début de bilan."}, follow=True)

    report = PhaseReport.objects.get(period=project.period)
    assert (report.problem, report.tested, report.status) == ("Un début de bilan.", "", "draft")
    assert "Brouillon enregistré." in response.content.decode()


def test_submitting_an_incomplete_report_says_what_is_missing_and_keeps_the_text(team, project):
    response = team.post(
        url("report", project), {"problem": "Texte à ne pas perdre.", "deposer": "1"}
    )

    content = response.content.decode()
    report = PhaseReport.objects.get(period=project.period)
    assert "À compléter avant le dépôt" in content
    assert "ce que nous avons testé" in content
    assert "Texte à ne pas perdre." in content
    assert (report.problem, report.status) == ("Texte à ne pas perdre.", "draft")


def test_submitting_a_complete_report_makes_it_read_only_and_a_second_click_is_harmless(
    team, project
):
    team.post(url("report", project), {**REPORT, "deposer": "1"})
    second = team.post(url("report", project), {**REPORT, "deposer": "1"}, follow=True)

    report = PhaseReport.objects.get(period=project.period)
    content = second.content.decode()
    assert (report.status, report.submitted_by) == ("submitted", project.application.created_by)
    assert "Le bilan est déjà déposé : il n&#x27;est plus modifiable." in content
    assert "Trente ruches suivies." in content
    assert "Poursuivre en expérimentation" in content
    assert "Déposer le bilan" not in content


def test_a_submitted_report_cannot_be_edited_by_post(team, project):
    PhaseReportFactory(period=project.period, submitted=True)

    team.post(url("report", project), {**REPORT, "problem": "Réécrit après le dépôt."})

    assert PhaseReport.objects.get().problem != "Réécrit après le dépôt."


def test_a_reopened_report_shows_why_staff_gave_it_back(team, project):
    report = PhaseReportFactory(period=project.period, submitted=True)
    reopen_phase_report(
        report, actor=UserFactory(innovation_staff=True), reason="Ajoutez les chiffres de mai."
    )

    content = team.get(url("report", project)).content.decode()

    assert "Ajoutez les chiffres de mai." in content
    assert "Déposer le bilan" in content


def test_report_page_says_it_goes_to_the_jury_and_shows_latest_validated_measurements(
    team, project, indicator
):
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2022, 4, 1), value=5)
    MeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2022, 5, 1), value=17, validated=True
    )
    MeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2022, 4, 15), value=9, validated=True
    )
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2022, 6, 1), value=99)

    content = team.get(url("report", project)).content.decode()

    assert "remis au jury lors de la prochaine revue du projet" in content
    assert "Ruches suivies" in content
    assert "17<br>" in content and "1 mai 2022" in content
    assert "99" not in content.split("Les indicateurs du projet")[1]


def test_report_of_an_earlier_period_is_shown_with_periode(client):
    project = ProjectFactory(experimentation=True)
    PhaseReportFactory(period=project.periods.get(sequence=1), results="Bilan de pré-incubation.")
    client.force_login(project.application.created_by)

    earlier = client.get(url("report", project, query="?periode=1")).content.decode()
    current = client.get(url("report", project)).content.decode()

    assert "Bilan de pré-incubation." in earlier
    assert "Bilan de pré-incubation." not in current


def test_report_page_query_count_stays_flat_as_indicators_and_measurements_grow(team, project):
    PhaseReportFactory(period=project.period)
    MeasurementFactory(indicator=ImpactIndicatorFactory(project=project), validated=True)
    with CaptureQueriesContext(connection) as small:
        team.get(url("report", project))
    for _index in range(9):
        MeasurementFactory(indicator=ImpactIndicatorFactory(project=project), validated=True)

    with CaptureQueriesContext(connection) as large:
        team.get(url("report", project))

    assert len(large) == len(small)


def test_once_the_project_has_ended_the_team_reads_its_time_and_indicators_only(team, project):
    move_project(
        project,
        Phase.REINTEGRATION,
        period=project.period,
        actor=UserFactory(innovation_staff=True),
        decided_by=DecisionSource.STAFF,
        reason="Fin du parcours.",
        outcome="handed_over",
    )

    time_page = team.get(url("time_declaration", project))
    responses = [
        team.post(url("time_declaration", project), {f"days_{project.lead.pk}": "1"}),
        team.get(url("indicator_add", project)),
    ]

    assert "Seule l'équipe déclare son temps" in time_page.content.decode()
    assert [response.status_code for response in responses] == [403, 403]
    assert team.get(url("report", project)).status_code == 200


def test_a_coach_reads_that_no_report_is_started_yet(client, project):
    client.force_login(project.coach)

    content = client.get(url("report", project)).content.decode()

    assert "pas encore commencé son bilan" in content
