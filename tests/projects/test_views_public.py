import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme.enums import NewsStatus
from programme.services import move_news_item
from tests.programme.factories import NewsItemFactory, ObjectiveFactory, UserFactory
from tests.projects.factories import ApplicationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def publish_news(count, staff):
    for _ in range(count):
        move_news_item(NewsItemFactory(), NewsStatus.PUBLISHED, actor=staff)


def test_home_shows_published_laureates_and_news_and_nothing_unpublished(client):
    staff = UserFactory(innovation_staff=True)
    ObjectiveFactory(title="Faire éclore des services publics")
    ProjectFactory(application__title="Ruches de l'estuaire")
    ProjectFactory(application__title="Projet confidentiel", is_published=False)
    ApplicationFactory(title="Candidature recalée", shortlisted=True)
    NewsItemFactory(title="Brouillon secret")
    publish_news(1, staff)

    content = client.get("/").content.decode()

    assert "Faire éclore des services publics" in content
    assert "Ruches de l&#x27;estuaire" in content
    assert "Actualité" in content
    assert "Projet confidentiel" not in content
    assert "Candidature recalée" not in content
    assert "Brouillon secret" not in content


def test_home_query_count_stays_flat_as_laureates_and_news_grow(client):
    staff = UserFactory(innovation_staff=True)
    ProjectFactory()
    publish_news(1, staff)
    with CaptureQueriesContext(connection) as small:
        client.get("/")
    for _ in range(2):
        ProjectFactory()
    publish_news(2, staff)

    with CaptureQueriesContext(connection) as large:
        client.get("/")

    assert len(large) == len(small)
