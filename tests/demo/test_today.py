"""The demo lives on the day it is loaded: whatever the day, a call is open, the demo
applicant has a draft, a jury session is planned, periods run with work due; and the
seed story (editions 1 and 2, the 15 March 2022 session) stays as it happened.

The clock is the outside world: the fixture sets it (``django.utils.timezone.now``, which
every service and page reads) to a day and loads the demo on that day, once for the tests
of that day, in a transaction rolled back after them.
"""

import datetime
from collections import Counter
from unittest import mock

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from demo import loader, story
from demo.dates import paris
from editions.models import Call
from jury.enums import Attendance, SessionStatus
from jury.models import Decision, JuryMember, Session
from programme.enums import NewsStatus
from programme.models import NewsItem, User
from projects.enums import ApplicationStatus
from projects.laureates.reminders import follow_up_reminders
from projects.models import (
    Application,
    ApplicationTransition,
    Milestone,
    PhasePeriod,
    ProjectTransition,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
DAYS = {
    "today": NOW,
    "a year later": NOW + datetime.timedelta(days=365),
    "a leap day": paris(datetime.datetime(2028, 2, 29, 11, 0)),
}
# An open period may run late, as a jury sits after its planned end, but not for long.
LATE_AT_MOST = datetime.timedelta(days=21)


@pytest.fixture(scope="module", params=list(DAYS), ids=list(DAYS))
def day(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The clock set to one of ``DAYS``, and the demo loaded on that day."""
    moment = DAYS[request.param]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        mock.patch("django.utils.timezone.now", return_value=moment),
        transaction.atomic(),
    ):
        loader.load(today=timezone.localdate(moment))
        try:
            yield moment
        finally:
            transaction.set_rollback(True)


def open_calls(moment):
    return Call.objects.filter(is_published=True, edition__is_published=True).open_at(moment)


def test_a_published_call_is_open_and_the_home_page_offers_to_apply(day, client):
    call = open_calls(day).get()

    html = client.get("/").content.decode()

    assert call.edition.is_published
    assert call.opens_at < day - datetime.timedelta(days=14)
    assert call.closes_at > day + datetime.timedelta(days=14)
    assert "Candidater" in html
    assert f'href="/appels/{call.edition.slug}/candidater/"' in html


def test_the_demo_applicant_has_a_draft_on_the_open_call(day, client):
    drafts = Application.objects.filter(
        status=ApplicationStatus.DRAFT,
        team_members__user__email=story.APPLICANT,
        call__in=open_calls(day),
    )
    client.force_login(User.objects.get(email=story.APPLICANT))

    response = client.get("/mon-espace/")

    html = response.content.decode()
    assert response.status_code == 200, response.get("Location")

    assert drafts.count() == 1
    assert drafts.get().title in html


def test_the_open_call_has_drafts_and_submitted_applications_for_staff_to_screen(day):
    call = open_calls(day).get()
    statuses = Counter(call.applications.values_list("status", flat=True))

    assert statuses[ApplicationStatus.DRAFT] >= 2
    assert statuses[ApplicationStatus.SUBMITTED] >= 2
    for application in call.applications.filter(status=ApplicationStatus.SUBMITTED):
        assert application.content_refusals() == []
        assert application.team_refusals() == []
        assert application.attachments.filter(required_document__is_mandatory=True).exists()
        assert application.submitted_at <= day


def test_a_session_is_planned_after_the_closing_with_the_demo_jury_convened(day, client):
    closes_at = open_calls(day).get().closes_at
    planned = Session.objects.filter(status=SessionStatus.PLANNED, starts_at__gt=closes_at)
    client.force_login(User.objects.get(email="jury@tremplin.test"))

    html = client.get("/jury/").content.decode()

    session = planned.get()
    convened = set(session.convocations.values_list("member_id", flat=True))
    assert convened == set(JuryMember.objects.values_list("pk", flat=True))
    assert set(session.convocations.values_list("attendance", flat=True)) == {Attendance.CONVENED}
    assert session.items.count() >= 1
    assert session.title in html


def test_periods_run_with_time_to_declare_milestones_due_and_none_long_overdue(day):
    today = timezone.localdate(day)
    running = PhasePeriod.objects.open()

    assert running.exists()
    for period in running:
        assert period.actual_start <= today
        assert period.planned_end >= today - LATE_AT_MOST, period
        assert period.coaches.filter(email="coach@tremplin.test").exists()
    reminders = follow_up_reminders(today)
    assert reminders and all(reminder.undeclared for reminder in reminders)
    due = Milestone.objects.filter(period__in=running, due_on__gte=today).exclude(
        status__in=["reached", "dropped"]
    )
    assert due.exists()
    assert running.ending_by(today).exists()  # a period review for staff to prepare


def test_the_continuation_says_it_is_illustrative(day):
    news = NewsItem.objects.get(slug="saison-4-appel-ouvert")

    assert news.status == NewsStatus.PUBLISHED
    assert "illustrative" in news.summary
    assert "illustrative" in open_calls(day).get().edition.summary


def test_the_seed_story_stays_as_it_happened(day):
    story_end = paris(datetime.datetime(2022, 3, 15, 23, 59))
    applications = Counter(
        (t.application.call.edition.number, t.to_status, timezone.localdate(t.at).isoformat())
        for t in ApplicationTransition.objects.filter(
            application__call__edition__number__in=[1, 2]
        ).select_related("application__call__edition")
    )
    projects = Counter(
        (t.project.edition.number, t.move, timezone.localdate(t.at).isoformat())
        for t in ProjectTransition.objects.filter(
            project__application__call__edition__number__in=[1, 2], at__lte=story_end
        ).select_related("project__application__call__edition")
    )
    march_15 = Session.objects.get(starts_at__date="2022-03-15")
    decisions = Counter(
        Decision.objects.filter(item__session=march_15).values_list("outcome", flat=True)
    )

    assert applications == {
        (1, ApplicationStatus.SUBMITTED, "2021-04-20"): 3,
        (1, ApplicationStatus.SHORTLISTED, "2021-05-10"): 3,
        (1, ApplicationStatus.SELECTED, "2021-05-27"): 3,
        (2, ApplicationStatus.SUBMITTED, "2022-01-28"): 15,
        (2, ApplicationStatus.SHORTLISTED, "2022-02-15"): 7,
        (2, ApplicationStatus.NOT_SHORTLISTED, "2022-02-15"): 8,
        (2, ApplicationStatus.SELECTED, "2022-03-15"): 4,
        (2, ApplicationStatus.NOT_SELECTED, "2022-03-15"): 3,
    }
    assert projects == {
        (1, "create", "2021-05-27"): 3,
        (1, "continue", "2021-09-07"): 3,
        (1, "renew", "2022-03-15"): 3,
        (2, "create", "2022-03-15"): 4,
    }
    assert march_15.status == SessionStatus.CLOSED
    assert timezone.localtime(march_15.starts_at).hour == 14
    assert decisions == {"selected": 4, "not_selected": 3, "renew": 3}
    assert {
        timezone.localdate(recorded_at).isoformat()
        for recorded_at in Decision.objects.filter(item__session=march_15).values_list(
            "recorded_at", flat=True
        )
    } == {"2022-03-15"}
    # What the continuation decided about them came later, and was told then.
    later = ProjectTransition.objects.filter(
        project__application__call__edition__number__in=[1, 2], at__gt=story_end
    )
    assert later.count() == 7 + 2  # every project ends; two of edition 2 go on first
    assert all(t.at.year == 2022 for t in later)
