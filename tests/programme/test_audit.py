"""The audit log: what ``record`` writes, how a change reads, and the read-only admin."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programme import audit
from programme.enums import NewsStatus
from programme.models import AuditEntry
from programme.services import move_news_item
from programme.transitions import NEWS_LIFECYCLE
from tests.programme.factories import NewsItemFactory, UserFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_record_writes_who_did_what_to_which_object_when_and_why():
    actor = UserFactory(first_name="Inès", last_name="Martin", email="ines@example.fr")
    item = NewsItemFactory(title="Lancement de la saison 3")
    at = timezone.make_aware(datetime.datetime(2026, 3, 1, 10, 0))

    entry = audit.record(
        item,
        "news.publish",
        actor=actor,
        changes={"status": ["draft", "published"]},
        reason="Validé en comité.",
        at=at,
    )

    entry.refresh_from_db()
    assert (entry.actor, entry.actor_label, entry.action) == (
        actor,
        "Inès Martin <ines@example.fr>",
        "news.publish",
    )
    assert (entry.subject, entry.object_repr, entry.reason, entry.at) == (
        item,
        "Lancement de la saison 3",
        "Validé en comité.",
        at,
    )
    assert list(AuditEntry.objects.for_object(item)) == [entry]


def test_the_author_is_kept_when_the_account_is_deleted():
    actor = UserFactory(first_name="", last_name="", email="depart@example.fr")
    entry = audit.record(NewsItemFactory(), "news.publish", actor=actor)

    actor.delete()

    entry.refresh_from_db()
    assert (entry.actor, entry.actor_label) == (None, "depart@example.fr")


def test_changed_lists_only_the_fields_whose_value_moved():
    item = NewsItemFactory(title="Avant", category="Appel")
    before = audit.snapshot(item, ["title", "category", "status"])

    item.title = "Après"

    assert audit.changed(before, item) == {"title": ["Avant", "Après"]}


def test_a_change_reads_with_field_and_state_labels_never_codes():
    entry = audit.record(
        NewsItemFactory(),
        "news.publish",
        actor=None,
        changes={"status": ["draft", "published"], "gone_field": [1, 2]},
    )

    assert entry.change_lines() == [("statut", "Brouillon", "Publiée"), ("gone_field", "1", "2")]
    assert entry.action_label == "Publier"


def test_a_move_writes_its_entry_with_the_moves_name_and_actor(staff):
    item = NewsItemFactory()

    move_news_item(item, NewsStatus.PUBLISHED, actor=staff)

    entry = AuditEntry.objects.for_object(item).get()
    assert (entry.action, entry.actor, entry.changes["status"]) == (
        "news.publish",
        staff,
        ["draft", "published"],
    )


def test_a_move_already_made_writes_no_entry(staff):
    item = NewsItemFactory()
    move_news_item(item, NewsStatus.PUBLISHED, actor=staff)

    move_news_item(item, NewsStatus.PUBLISHED, actor=staff)

    assert AuditEntry.objects.for_object(item).count() == 1


def test_the_admin_lists_the_log_filtered_on_one_object(staff, staff_client):
    shown, other = NewsItemFactory(title="Actualité suivie"), NewsItemFactory(title="Autre")
    move_news_item(shown, NewsStatus.PUBLISHED, actor=staff)
    move_news_item(other, NewsStatus.PUBLISHED, actor=staff)
    entry = AuditEntry.objects.for_object(shown).get()

    response = staff_client.get(
        "/admin/programme/auditentry/",
        {"content_type__id__exact": entry.content_type_id, "object_id": shown.pk},
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Actualité suivie" in body
    assert "actualité : Autre" not in body


def test_an_objects_admin_page_links_to_its_entries(staff_client):
    item = NewsItemFactory()

    response = staff_client.get(f"/admin/programme/newsitem/{item.pk}/change/")

    assert "Journal des actions sur cet objet" in response.content.decode()
    assert f"object_id={item.pk}" in response.content.decode()


def test_the_log_cannot_be_added_to_changed_or_deleted_in_the_admin(staff, staff_client):
    item = NewsItemFactory()
    move_news_item(item, NewsStatus.PUBLISHED, actor=staff)
    entry = AuditEntry.objects.get()

    add = staff_client.get("/admin/programme/auditentry/add/")
    delete = staff_client.post(f"/admin/programme/auditentry/{entry.pk}/delete/", {"post": "yes"})
    change = staff_client.post(f"/admin/programme/auditentry/{entry.pk}/change/", {"reason": "x"})

    assert add.status_code == 403
    assert delete.status_code == 403
    assert change.status_code == 403
    entry.refresh_from_db()
    assert entry.reason == ""


def test_an_entrys_page_shows_its_changes_as_labels(staff, staff_client):
    item = NewsItemFactory()
    move_news_item(item, NewsStatus.PUBLISHED, actor=staff)

    response = staff_client.get(
        f"/admin/programme/auditentry/{AuditEntry.objects.get().pk}/change/"
    )

    body = response.content.decode()
    assert "<td>statut</td><td>Brouillon</td><td>Publiée</td>" in body


def test_an_entry_without_actor_or_reason_keeps_both_blank():
    entry = audit.record(NewsItemFactory(), "news.archive", actor=None)

    entry.refresh_from_db()
    assert (entry.actor, entry.actor_label, entry.reason, entry.changes) == (None, "", "", {})


def test_a_snapshot_lists_a_many_to_many_field_by_its_ids_in_order():
    period = ProjectFactory().periods.get()
    coaches = [UserFactory(), UserFactory()]
    period.coaches.set(reversed(coaches))

    snapshot = audit.snapshot(period, ["coaches", "place"])

    assert snapshot == {"coaches": sorted(c.pk for c in coaches), "place": period.place}


def test_the_entry_of_a_move_is_dated_by_the_move():
    item = NewsItemFactory()
    before = audit.snapshot(item, ["status"])
    item.status = NewsStatus.PUBLISHED
    at = timezone.make_aware(datetime.datetime(2025, 5, 2, 9, 30))

    entry = audit.record_move(
        item,
        NEWS_LIFECYCLE,
        NEWS_LIFECYCLE.named("publish", NewsStatus.DRAFT),
        actor=None,
        before=before,
        reason="Relu.",
        at=at,
    )

    assert (entry.action, entry.at, entry.reason, entry.changes) == (
        "news.publish",
        at,
        "Relu.",
        {"status": ["draft", "published"]},
    )


def test_the_logs_list_reads_in_the_same_number_of_queries_for_1_or_10_entries(
    staff, staff_client, django_assert_max_num_queries
):
    move_news_item(NewsItemFactory(), NewsStatus.PUBLISHED, actor=staff)
    staff_client.get("/admin/programme/auditentry/")  # warm the content type cache
    with CaptureQueriesContext(connection) as one:
        staff_client.get("/admin/programme/auditentry/")
    for _index in range(9):
        move_news_item(NewsItemFactory(), NewsStatus.PUBLISHED, actor=UserFactory())

    with django_assert_max_num_queries(len(one)):
        response = staff_client.get("/admin/programme/auditentry/")

    assert response.content.decode().count("Publier") >= 10
