"""The follow-up's entries: the coaching log and the milestones, what they record and what
bad input does."""

import pytest
from django.utils import timezone

from projects.enums import MilestoneStatus
from projects.models import CoachingEntry, Milestone
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    CoachingEntryFactory,
    MilestoneFactory,
)
from tests.projects.follow_up.pages import content, period_of, url

pytestmark = pytest.mark.django_db


# The coaching log.


def _session(**changes):
    data = {
        "held_on": timezone.localdate().isoformat(),
        "duration_hours": "2",
        "topics": "Carte d'empathie des usagers",
        "next_steps": "Tester le questionnaire.",
    }
    return data | changes


def test_a_coach_logs_a_session_on_the_open_period_once_even_if_posted_twice(
    client, project, coach
):
    client.force_login(coach)

    first = client.post(url("coaching_add", project.pk), _session(), follow=True)
    client.post(url("coaching_add", project.pk), _session())

    entry = CoachingEntry.objects.get(period__project=project)
    assert (entry.coach, entry.period) == (coach, period_of(project))
    assert "Séance enregistrée" in content(first)
    assert "Carte d&#x27;empathie des usagers" in content(first)


def test_staff_may_log_a_session_too(client, project):
    staff = UserFactory(innovation_staff=True)
    client.force_login(staff)

    client.post(url("coaching_add", project.pk), _session())

    assert CoachingEntry.objects.get(period__project=project).coach == staff


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": "2999-01-01"}, "La séance ne peut pas être datée d&#x27;un jour à venir."),
        ({"held_on": "2022-03-01"}, "La période a commencé le 15 mars 2022"),
        ({"topics": ""}, "Dites ce qui a été travaillé pendant la séance."),
    ],
)
def test_bad_session_input_gives_a_french_message_and_keeps_the_text(
    client, project, coach, changes, message
):
    client.force_login(coach)

    response = client.post(
        url("coaching_add", project.pk), _session(next_steps="Rappeler la DRH.", **changes)
    )

    assert response.status_code == 200
    assert message in content(response)
    assert "Rappeler la DRH." in content(response)
    assert not CoachingEntry.objects.exists()


def test_a_coach_rewords_their_own_session(client, project, coach):
    entry = CoachingEntryFactory(period=period_of(project), coach=coach)
    client.force_login(coach)

    client.post(url("coaching_edit", project.pk, entry.pk), _session(topics="Atelier persona"))

    entry.refresh_from_db()
    assert (entry.topics, entry.coach) == ("Atelier persona", coach)


# Milestones.


def _milestone(**changes):
    return {"title": "Prototype testé", "description": "", "due_on": "2022-05-01"} | changes


def test_the_team_adds_a_milestone_once_even_if_posted_twice(client, project):
    client.force_login(project.application.created_by)

    response = client.post(url("milestone_add", project.pk), _milestone(), follow=True)
    client.post(url("milestone_add", project.pk), _milestone())

    milestone = Milestone.objects.get(period__project=project)
    assert (milestone.title, milestone.status) == ("Prototype testé", MilestoneStatus.PLANNED)
    assert milestone.created_by == project.application.created_by
    assert "Jalon ajouté." in content(response)


def test_a_milestone_is_reached_through_the_service_with_who_and_when(client, project, coach):
    milestone = MilestoneFactory(period=period_of(project))
    client.force_login(coach)

    client.post(
        url("milestone_edit", project.pk, milestone.pk),
        _milestone(status=MilestoneStatus.REACHED, note="Testé avec 12 usagers."),
    )

    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.REACHED
    assert (milestone.status_changed_by, milestone.status_note) == (coach, "Testé avec 12 usagers.")
    assert milestone.title == "Prototype testé"


def test_dropping_a_milestone_without_a_note_is_refused_and_keeps_the_wording(
    client, project, coach
):
    milestone = MilestoneFactory(period=period_of(project), title="Ancien intitulé")
    client.force_login(coach)

    response = client.post(
        url("milestone_edit", project.pk, milestone.pk),
        _milestone(title="Nouvel intitulé", status=MilestoneStatus.DROPPED, note=""),
    )

    milestone.refresh_from_db()
    assert "Dites pourquoi le jalon est abandonné." in content(response)
    assert "Nouvel intitulé" in content(response)
    assert (milestone.title, milestone.status) == ("Ancien intitulé", MilestoneStatus.PLANNED)


def test_an_empty_milestone_title_gives_a_french_message(client, project):
    client.force_login(project.application.created_by)

    response = client.post(
        url("milestone_add", project.pk), _milestone(title="", description="À garder")
    )

    assert "Donnez un intitulé au jalon." in content(response)
    assert "À garder" in content(response)
    assert not Milestone.objects.exists()
