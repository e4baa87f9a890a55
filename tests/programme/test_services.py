"""The news service: the scheduled archive of old news, its order, its actor and its time."""

import datetime

import pytest
from django.utils import timezone

from programme.enums import NewsStatus
from programme.models import AuditEntry
from programme.services import archive_stale_news
from tests.programme.factories import NewsItemFactory, UserFactory

pytestmark = pytest.mark.django_db
A_YEAR = datetime.timedelta(days=365)


def later():
    """A moment more than a year after anything the factories save today."""
    return timezone.now() + datetime.timedelta(days=400)


def test_old_news_is_archived_oldest_first_at_the_given_time_by_the_given_actor():
    newer = NewsItemFactory(
        published=True, to_published=timezone.make_aware(datetime.datetime(2023, 5, 1))
    )
    older = NewsItemFactory(
        published=True, to_published=timezone.make_aware(datetime.datetime(2022, 5, 1))
    )
    staff, at = UserFactory(innovation_staff=True), later()

    archived = archive_stale_news(older_than=A_YEAR, actor=staff, at=at)

    assert archived == [older, newer]
    older.refresh_from_db()
    assert (older.status, older.archived_at) == (NewsStatus.ARCHIVED, at)
    entries = AuditEntry.objects.filter(action="news.archive").order_by("pk")
    assert [(e.subject, e.actor, e.at) for e in entries] == [(older, staff, at), (newer, staff, at)]


def test_the_scheduled_archive_has_no_actor_and_leaves_drafts_and_fresh_news():
    old = NewsItemFactory(published=True)
    draft = NewsItemFactory()

    archived = archive_stale_news(older_than=A_YEAR, at=later())
    fresh = archive_stale_news(older_than=A_YEAR * 10, at=later())

    assert (archived, fresh) == ([old], [])
    draft.refresh_from_db()
    assert draft.status == NewsStatus.DRAFT
    assert AuditEntry.objects.get(action="news.archive").actor is None


def test_news_published_less_than_the_age_before_is_kept_though_its_row_is_older():
    at = later()
    # Dated ahead of its row: published 200 days before the run, saved today.
    recent = NewsItemFactory(published=True, to_published=at - datetime.timedelta(days=200))

    archived = archive_stale_news(older_than=A_YEAR, at=at)

    assert archived == []
    recent.refresh_from_db()
    assert (recent.status, recent.archived_at) == (NewsStatus.PUBLISHED, None)
    assert not AuditEntry.objects.filter(action="news.archive").exists()


def test_the_scheduled_archive_reads_archived_news_no_further_than_its_one_query(
    django_assert_num_queries,
):
    NewsItemFactory(archived=True)

    with django_assert_num_queries(1):
        archived = archive_stale_news(older_than=A_YEAR, at=later())

    assert archived == []
