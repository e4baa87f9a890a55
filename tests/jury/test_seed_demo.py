import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from editions.enums import PeriodPhase
from editions.models import Edition
from jury.enums import ItemKind, Outcome, SessionStatus
from jury.models import AgendaItem, Decision, Session
from programme.enums import DecisionSource, NewsStatus
from programme.models import NewsItem, User
from programme.roles import is_innovation_staff
from projects.enums import (
    ApplicationStatus,
    MeasurementStatus,
    MilestoneStatus,
    Recommendation,
    ReportStatus,
)
from projects.models import (
    Application,
    ApplicationTransition,
    CoachingEntry,
    ImpactIndicator,
    Measurement,
    Milestone,
    PhaseReport,
    Project,
    Resource,
    TimeDeclaration,
)
from tests.second_factor import pass_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    output = StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def statuses(edition_number):
    edition = Edition.objects.get(number=edition_number)
    rows = (
        Application.objects.for_edition(edition).values_list("status").annotate(total=Count("id"))
    )
    return dict(rows)


def test_edition_2_has_15_applications_7_shortlisted_and_4_laureates(demo):
    assert statuses(2) == {
        ApplicationStatus.NOT_SHORTLISTED: 8,
        ApplicationStatus.NOT_SELECTED: 3,
        ApplicationStatus.SELECTED: 4,
    }
    shortlisted = ApplicationTransition.objects.filter(
        application__call__edition__number=2, to_status=ApplicationStatus.SHORTLISTED
    )
    assert shortlisted.count() == 7


def test_edition_2_laureates_entered_pre_incubation_on_15_march_at_the_cite_numerique(demo):
    projects = Project.objects.for_edition(Edition.objects.get(number=2))

    assert projects.count() == 4
    for project in projects:
        period = project.periods.get(sequence=1)
        assert period.phase == PeriodPhase.PRE_INCUBATION
        assert str(period.actual_start) == "2022-03-15"
        assert period.place == "Cité numérique, Le Havre"
        assert period.days_per_week == 1
        assert sorted(c.organisation.short_name for c in period.coaches.all()) == [
            "ANCT",
            "beta.gouv",
        ]


def test_edition_2_has_a_team_of_first_year_students_of_a_digital_school(demo):
    students = Application.objects.get(title="Le Havre Étudiant").team_members.all()

    assert {member.kind for member in students} == {"student"}
    assert {member.school.short_name for member in students} == {"La Manu"}


def test_edition_1_projects_had_their_experimentation_renewed_on_15_march(demo):
    projects = Project.objects.for_edition(Edition.objects.get(number=1)).order_by("title")

    assert [project.title for project in projects] == ["Carbolocal", "Commerce&vous", "Pierre2vies"]
    for project in projects:
        periods = list(project.periods.order_by("sequence").values_list("phase", "actual_end"))
        assert [phase for phase, _end in periods] == [
            PeriodPhase.PRE_INCUBATION,
            PeriodPhase.EXPERIMENTATION,
            PeriodPhase.EXPERIMENTATION,
        ]
        assert str(periods[1][1]) == "2022-03-15"
        renewal = project.transitions.get(move="renew")
        assert renewal.decided_by == DecisionSource.JURY
        assert timezone.localdate(renewal.at) == datetime.date(2022, 3, 15)


def test_one_session_on_15_march_holds_pitches_of_edition_2_and_reviews_of_edition_1(demo):
    session = Session.objects.get(starts_at__date="2022-03-15")
    items = session.items.select_related("application__call__edition", "project")

    assert session.status == SessionStatus.CLOSED
    assert [item.kind for item in items] == [ItemKind.SELECTION] * 7 + [ItemKind.REVIEW] * 3
    assert {item.application.call.edition.number for item in items if item.application} == {2}
    assert {item.project.edition.number for item in items if item.project} == {1}
    outcomes = Decision.objects.filter(item__session=session).values_list("outcome", flat=True)
    assert sorted(outcomes) == sorted(
        [Outcome.SELECTED] * 4 + [Outcome.NOT_SELECTED] * 3 + [Outcome.RENEW] * 3
    )
    assert session.minutes["items"][2]["withdrawn"] == ["Marc Delaunay"]


def test_the_15_march_session_names_its_substitute_chair_and_who_chaired_each_item(demo):
    session = Session.objects.get(starts_at__date="2022-03-15")

    assert str(session.substitute_chair.user) == "Hélène Marchand"
    assert {item["chair"] for item in session.minutes["items"]} == {"Jean-Baptiste Gastinne"}


def test_laureates_rank_above_the_others_on_the_15_march_scores(demo):
    session = Session.objects.get(starts_at__date="2022-03-15")
    means = {}
    for item in session.items.filter(kind=ItemKind.SELECTION).prefetch_related("scores"):
        values = [score.value for score in item.scores.all()]
        means[item.decision.outcome, item.pk] = sum(values) / len(values)

    lowest_laureate = min(v for (outcome, _pk), v in means.items() if outcome == Outcome.SELECTED)
    best_other = max(v for (outcome, _pk), v in means.items() if outcome != Outcome.SELECTED)
    assert lowest_laureate > best_other


def test_demo_has_news_one_of_them_archived_and_one_draft(demo):
    # The second published item is the continuation's: the current season's open call.
    assert sorted(NewsItem.objects.values_list("status", flat=True)) == [
        NewsStatus.ARCHIVED,
        NewsStatus.DRAFT,
        NewsStatus.PUBLISHED,
        NewsStatus.PUBLISHED,
    ]


def test_demo_accounts_are_printed_and_the_staff_one_reaches_the_admin(demo, client):
    staff = User.objects.get(email="innovation@tremplin.test")

    assert "innovation@tremplin.test" in demo
    assert "tremplin-demo" in demo
    assert is_innovation_staff(staff)
    assert client.login(email="innovation@tremplin.test", password="tremplin-demo")
    pass_second_factor(client, staff)
    assert "Pilotage du programme" in client.get("/admin/").content.decode()


DEMO_MODELS = (
    Application,
    Project,
    Decision,
    CoachingEntry,
    Milestone,
    TimeDeclaration,
    Resource,
    ImpactIndicator,
    Measurement,
    PhaseReport,
)


def test_seed_demo_twice_changes_nothing(demo):
    counts = {model.__name__: model.objects.count() for model in DEMO_MODELS}

    output = StringIO()
    call_command("seed_demo", stdout=output)

    assert "already loaded" in output.getvalue()
    assert {model.__name__: model.objects.count() for model in DEMO_MODELS} == counts


def test_seed_demo_refuses_to_run_in_production_mode(settings):
    settings.DEBUG = False

    with pytest.raises(Exception, match="known password"):
        call_command("seed_demo", stdout=StringIO())

    assert not Edition.objects.exists()


def test_seed_demo_mails_nobody(settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.DEBUG = True

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())

    assert mailoutbox == []


# The follow-up of the laureates ---------------------------------------------------------


def first_experimentation(project):
    return project.periods.get(sequence=2)


def test_edition_1_projects_have_published_indicators_with_validated_measurements(demo):
    for project in Project.objects.for_edition(Edition.objects.get(number=1)):
        indicators = project.indicators.filter(is_published=True)
        assert indicators.count() >= 2, project
        for indicator in indicators:
            measurements = indicator.measurements.all()
            assert measurements.count() >= 3
            assert {m.status for m in measurements} == {MeasurementStatus.VALIDATED}
            assert indicator.baseline is not None and indicator.target is not None
            assert indicator.method
            period = first_experimentation(project)
            assert all(
                period.actual_start <= m.measured_on <= period.actual_end for m in measurements
            )
            assert all(m.reviewed_at.date() < datetime.date(2022, 3, 15) for m in measurements)


def test_edition_1_teams_submitted_a_report_recommending_to_continue_before_the_jury(demo):
    for project in Project.objects.for_edition(Edition.objects.get(number=1)):
        report = PhaseReport.objects.get(period=first_experimentation(project))

        assert report.status == ReportStatus.SUBMITTED
        assert report.recommendation == Recommendation.CONTINUE
        assert timezone.localdate(report.submitted_at) < datetime.date(2022, 3, 15)
        assert report.submitted_by.email.endswith("@exemple.test")


def test_edition_1_experimentations_were_coached_and_followed_month_by_month(demo):
    coach = User.objects.get(email="coach@tremplin.test")
    for project in Project.objects.for_edition(Edition.objects.get(number=1)):
        period = first_experimentation(project)
        members = project.application.team_members.count()
        statuses = list(period.milestones.values_list("status", flat=True))

        assert period.coaching_entries.filter(coach=coach).count() >= 3
        assert statuses.count(MilestoneStatus.DROPPED) == 1
        assert statuses.count(MilestoneStatus.REACHED) > len(statuses) / 2
        assert period.milestones.get(status=MilestoneStatus.DROPPED).status_note
        assert period.time_declarations.count() == 7 * members  # September to March
        assert period.resources.exclude(amount_granted=None).filter(amount_used__gt=0).exists()
    short = TimeDeclaration.objects.exclude(comment="")
    assert short.filter(comment__contains="Toussaint").exists()


def test_edition_2_laureates_had_coaching_milestones_and_an_unpublished_measurement(demo):
    for project in Project.objects.for_edition(Edition.objects.get(number=2)):
        period = project.periods.get(sequence=1)
        assert period.coaching_entries.count() >= 2
        assert period.milestones.filter(status=MilestoneStatus.REACHED).exists()
        measurement = Measurement.objects.get(indicator__project=project)
        # Checked by staff in May 2022; the indicator itself was never published.
        assert measurement.status == MeasurementStatus.VALIDATED
        assert measurement.indicator.is_published is False
    edition_2 = Measurement.objects.filter(indicator__project__application__call__edition__number=2)
    assert not edition_2.public().exists()


def test_the_measurements_staff_must_check_are_the_recent_seasons_latest(demo):
    queue = Measurement.objects.to_review().select_related("indicator__project")

    assert {m.indicator.project.edition.number for m in queue} == {3}
    assert queue.count() == 2


def test_edition_1_public_page_shows_indicators_with_charts_and_tables(demo, client):
    html = client.get("/laureats/carbolocal/").content.decode()

    assert "Résultats et indicateurs d'impact" in html
    assert "Exploitations agricoles engagées dans un diagnostic carbone" in html
    assert html.count('<svg class="tremplin-chart-svg"') == 3
    assert html.count("<caption>Mesures validées de l'indicateur") == 3
    assert "Registre des conventions de diagnostic" in html


def test_the_jury_reads_the_submitted_report_on_the_15_march_review_item(demo, client):
    item = AgendaItem.objects.get(
        session__starts_at__date="2022-03-15", project__title="Pierre2vies"
    )
    client.login(email="jury@tremplin.test", password="tremplin-demo")
    pass_second_factor(client, User.objects.get(email="jury@tremplin.test"))

    html = client.get(f"/jury/seances/{item.session_id}/points/{item.pk}/").content.decode()

    assert "Période examinée : Expérimentation (période 2)." in html
    assert "34 monuments récupérés" in html
    assert 'déposé le <time datetime="2022-03-08">8 mars 2022</time>' in html
    assert "Jalons atteints : 3 sur 4" in html
