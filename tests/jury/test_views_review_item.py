"""A review item in the jury area: the team's report, its indicators, its coaching and
milestones, as a convened member reads them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jury.enums import CriterionGrid, SessionStatus
from jury.services import move_session
from projects.enums import MilestoneStatus
from tests.editions.factories import paris
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    JuryMemberFactory,
    ReviewItemFactory,
    SessionFactory,
)
from tests.projects.factories import (
    CoachingEntryFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    PhaseReportFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def as_member(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def review(staff):
    """A review session of March 2023 on a project in its first experimentation (begun
    15 September 2022), with one convened member."""
    session = SessionFactory(starts_at=paris(2023, 3, 15, 14, 0))
    member = ConvocationFactory(
        session=session, member=JuryMemberFactory(programme=session.programme)
    ).member
    CriterionFactory(session=session, grid=CriterionGrid.REVIEW)
    project = ProjectFactory(application__title="Carbolocal", experimentation=True)
    item = ReviewItemFactory(session=session, project=project)
    move_session(session, SessionStatus.SCORING, actor=staff)
    return session, member, item, project.periods.get(sequence=2)


def review_page(client, review):
    session, member, item, _period = review
    as_member(client, member)
    return client.get(f"/jury/seances/{session.pk}/points/{item.pk}/").content.decode()


def test_a_member_reads_the_submitted_report_on_the_review_item(client, review):
    period = review[3]
    PhaseReportFactory(
        period=period,
        problem="Les exploitations manquent d'un diagnostic carbone.",
        results="Treize exploitations engagées.",
        recommendation_reasons="La demande des entreprises dépasse l'offre.",
        submitted=True,
    )

    html = review_page(client, review)

    assert "Les exploitations manquent d&#x27;un diagnostic carbone." in html
    assert "Treize exploitations engagées." in html
    assert "<strong>Poursuivre en expérimentation</strong>" in html
    assert "La demande des entreprises dépasse l&#x27;offre." in html
    assert "Bilan de la période 2 (Expérimentation), déposé le" in html
    assert "Bilan non déposé." not in html


def test_a_draft_report_does_not_show_on_the_review_item(client, review):
    PhaseReportFactory(period=review[3], results="Brouillon des résultats, pas encore relu.")

    html = review_page(client, review)

    assert "Bilan non déposé." in html
    assert "Brouillon des résultats" not in html


def test_review_item_shows_validated_measurements_against_baseline_and_target(client, review):
    period = review[3]
    indicator = ImpactIndicatorFactory(
        project=period.project,
        name="Exploitations engagées",
        unit="exploitations",
        baseline=Decimal("0"),
        target=Decimal("15"),
        is_published=False,  # the jury reads it before staff publish it
    )
    MeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2022, 12, 31), value=9, validated=True
    )
    MeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2023, 1, 31), value=13, validated=True
    )
    # Not validated: never shown. A value with decimals, which no id in a URL can look like.
    MeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2023, 2, 28), value=Decimal("917.3")
    )

    html = review_page(client, review)

    assert "Exploitations engagées (exploitations)" in html
    assert '13 <span class="text-body-secondary">(31 janvier 2023)</span>' in html
    assert '<td class="text-end">15</td>' in html
    assert "917,3" not in html and "917.3" not in html


def test_review_item_sums_up_the_coaching_and_milestones_of_the_period(client, review):
    period = review[3]
    for hours in ("2.0", "1.5", "3.0"):
        CoachingEntryFactory(period=period, duration_hours=Decimal(hours))
    CoachingEntryFactory(period=period.project.periods.get(sequence=1))  # another period
    MilestoneFactory(period=period, status=MilestoneStatus.REACHED)
    MilestoneFactory(period=period, status=MilestoneStatus.REACHED)
    MilestoneFactory(period=period)

    html = review_page(client, review)

    assert "3 séances de coaching (6,5 h)" in html
    assert "Jalons atteints : 2 sur 3" in html


def test_review_item_query_count_stays_flat_as_the_follow_up_grows(client, review):
    period = review[3]
    MeasurementFactory(indicator=ImpactIndicatorFactory(project=period.project), validated=True)
    review_page(client, review)  # signs in: the session's own queries happen once
    with CaptureQueriesContext(connection) as small:
        review_page(client, review)
    PhaseReportFactory(period=period, submitted=True)
    for index in range(3):
        indicator = ImpactIndicatorFactory(project=period.project, is_published=index % 2 == 0)
        for month in range(1, 6):
            MeasurementFactory(
                indicator=indicator, measured_on=datetime.date(2023, month, 1), validated=True
            )
        CoachingEntryFactory(period=period)
        MilestoneFactory(period=period, status=MilestoneStatus.REACHED)

    with CaptureQueriesContext(connection) as large:
        html = review_page(client, review)

    assert html.count('<tr>\n                    <th scope="row">') == 4
    assert len(large) == len(small)
