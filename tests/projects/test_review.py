"""« À examiner » on the dashboard: the work waiting for staff, counted, linked."""

import pytest

from projects.enums import ApplicationStatus
from projects.staff.review import ToReview, review_counts, to_review
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    ApplicationFactory,
    MeasurementFactory,
    PhaseReportFactory,
)
from tests.projects.helpers import decide_application

pytestmark = pytest.mark.django_db


def build(count):
    """``count`` of each kind of work waiting, and as many rows that wait for nothing."""
    for _index in range(count):
        ApplicationFactory(submitted=True)
        ApplicationFactory()
        ApplicationFactory(shortlisted=True)
        decide_application(ApplicationFactory(submitted=True), ApplicationStatus.INELIGIBLE)
        MeasurementFactory()
        MeasurementFactory(validated=True)
        PhaseReportFactory(submitted=True)
        PhaseReportFactory()


def test_to_review_counts_each_kind_with_a_link_to_its_filtered_list(rf):
    build(2)
    request = rf.get("/admin/")
    request.user = UserFactory(innovation_staff=True)

    assert to_review(request) == [
        ToReview(
            "Candidatures déposées à présélectionner",
            2,
            "/admin/projects/application/?status__exact=submitted",
        ),
        ToReview(
            "Décisions de présélection à publier aux équipes",
            2,
            "/admin/projects/application/?publication=en-attente",
        ),
        ToReview(
            "Mesures d'indicateurs à vérifier",
            2,
            "/admin/projects/measurement/?status__exact=proposed",
        ),
        ToReview(
            "Bilans de phase déposés à examiner",
            2,
            "/admin/projects/phasereport/?status__exact=submitted",
        ),
    ]


def test_to_review_links_nothing_the_user_may_not_open(rf):
    build(1)
    request = rf.get("/admin/")
    request.user = UserFactory(is_staff=True)

    assert [row.url for row in to_review(request)] == ["", "", "", ""]


@pytest.mark.parametrize("count", [1, 3])
def test_review_counts_cost_three_queries_whatever_the_rows(django_assert_num_queries, count):
    build(count)

    with django_assert_num_queries(3):
        counts = review_counts()

    assert counts == {"to_screen": count, "to_publish": count, "to_check": count, "to_read": count}


def test_dashboard_shows_the_counts_to_review(staff_client):
    build(1)

    content = staff_client.get("/admin/").content.decode()

    assert "<caption>À examiner</caption>" in content
    assert (
        '<a href="/admin/projects/application/?publication=en-attente">'
        "Décisions de présélection à publier aux équipes</a>"
    ) in content
