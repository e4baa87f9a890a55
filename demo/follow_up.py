"""Replays how the seed story's laureates were followed: coaching, milestones, time given,
resources, impact indicators and end-of-phase reports.

Plain data (a coaching entry, a milestone, a resource, an indicator, a proposed
measurement, a report's text) is created with the models' managers; every status (a
milestone reached or dropped, a measurement validated, a report submitted) moves
through ``projects.laureates.services.follow_up``. Those services stamp the moment they run, which
for the demo is today: each stamp is then set to the story's date, so that the history
reads as it happened.
"""

import datetime
from decimal import Decimal

from demo import follow_up_story as story
from demo import impact_story
from demo.dates import paris
from projects.enums import MilestoneStatus, Recommendation
from projects.laureates.services.follow_up import (
    declare_time,
    review_measurement,
    set_milestone_status,
    submit_phase_report,
)
from projects.models import (
    CoachingEntry,
    ImpactIndicator,
    Measurement,
    Milestone,
    PhaseReport,
    Resource,
    TimeCommitment,
    TimeDeclaration,
)


def at(day, hour=18):
    """``day`` at ``hour``, Paris time."""
    return paris(datetime.datetime.combine(day, datetime.time(hour)))


class FollowUpLoader:
    """Loads the follow-up of the story's projects; ``people`` and ``applications`` are
    the ``StoryLoader``'s, by key."""

    def __init__(self, *, people, applications):
        self.people = people
        self.applications = applications

    def edition_1(self, keys):
        """The first experimentation of edition 1's projects (keys of ``teams``), while it
        is still open: before the jury of 15 March 2022 reviews it."""
        for key in keys:
            application = self.applications[key]
            period = application.project.periods.open().get()
            lead = self.people[f"lead-{key}"]
            members = list(application.team_members.order_by("pk"))
            self._coaching(period, story.EDITION_1_COACHING[key])
            self._milestones(period, story.EDITION_1_MILESTONES[key], lead)
            self._time(period, key, members, lead)
            self._resources(period, story.EDITION_1_RESOURCES[key])
            for position, data in enumerate(impact_story.EDITION_1_INDICATORS[key], start=1):
                self._validated_indicator(period.project, position, data, lead)
            self._report(period, impact_story.EDITION_1_REPORTS[key], lead)

    def edition_2(self, keys):
        """The first weeks of edition 2's pre-incubation: a few sessions, milestones, and
        an indicator whose first measurement waits for staff's check."""
        for key in keys:
            period = self.applications[key].project.periods.open().get()
            lead = self.people[f"lead-{key}"]
            self._coaching(period, story.EDITION_2_COACHING)
            self._milestones(period, story.EDITION_2_MILESTONES, lead)
            self._proposed_indicator(period.project, story.EDITION_2_INDICATORS[key], lead)

    # Coaching, milestones, time, resources --------------------------------------------

    def _coaching(self, period, sessions):
        for held_on, coach, hours, topics, next_steps in sessions:
            entry = CoachingEntry.objects.create(
                period=period,
                coach=self.people[coach],
                held_on=held_on,
                duration_hours=Decimal(hours),
                topics=topics,
                next_steps=next_steps,
            )
            CoachingEntry.objects.filter(pk=entry.pk).update(
                created_at=at(held_on), updated_at=at(held_on)
            )

    def _milestones(self, period, milestones, lead):
        start = period.starts_on
        coach = self.people["coach"]
        for title, due_on, status, note in milestones:
            milestone = Milestone.objects.create(
                period=period, title=title, due_on=due_on, created_by=lead
            )
            Milestone.objects.filter(pk=milestone.pk).update(created_at=at(start, 10))
            if status == MilestoneStatus.PLANNED:
                continue
            # In progress since a fortnight before it is due; reached or dropped on the day.
            moved_on = due_on - datetime.timedelta(days=14 if status == "in_progress" else 0)
            set_milestone_status(milestone, status, actor=coach, note=note, at=at(moved_on))

    def _time(self, period, key, members, lead):
        for project_key, index, days in story.EDITION_1_COMMITMENTS:
            if project_key == key:
                TimeCommitment.objects.create(
                    period=period, member=members[index], planned_days_per_week=Decimal(days)
                )
        for column, month in enumerate(story.MONTHS):
            days = {
                member: Decimal(story.EDITION_1_TIME[key][index][column])
                for index, member in enumerate(members)
            }
            comments = {
                member: story.EDITION_1_TIME_COMMENTS.get((key, index, month), "")
                for index, member in enumerate(members)
            }
            declare_time(period, month, days, actor=lead, comments=comments)
            # Declared in the first days of the next month.
            next_month = (month + datetime.timedelta(days=32)).replace(day=3)
            TimeDeclaration.objects.filter(period=period, month=month).update(
                declared_at=at(next_month, 9)
            )

    def _resources(self, period, resources):
        for kind, label, granted, used, note in resources:
            Resource.objects.create(
                period=period,
                kind=kind,
                label=label,
                amount_granted=Decimal(granted) if granted else None,
                amount_used=Decimal(used) if used else None,
                use_note=note,
            )

    # Indicators and reports ------------------------------------------------------------

    def _validated_indicator(self, project, position, data, lead):
        """A published indicator whose every measurement staff validated."""
        indicator = ImpactIndicator.objects.create(
            project=project,
            position=position,
            name=data["name"],
            unit=data["unit"],
            baseline=Decimal(data["baseline"]),
            target=Decimal(data["target"]),
            method=data["method"],
            is_published=True,
            created_by=lead,
        )
        staff = self.people["staff"]
        for measured_on, value in data["values"]:
            measurement = Measurement.objects.create(
                indicator=indicator,
                measured_on=measured_on,
                value=Decimal(value),
                source=data["source"],
                entered_by=lead,
            )
            review_measurement(
                measurement,
                actor=staff,
                accept=True,
                at=at(measured_on + datetime.timedelta(days=5), 11),
            )
            # entered_at is stamped on creation; the story's date replaces it.
            Measurement.objects.filter(pk=measurement.pk).update(
                entered_at=at(measured_on + datetime.timedelta(days=2), 9)
            )

    def _proposed_indicator(self, project, data, lead):
        """An indicator staff have not published, with a measurement still to check."""
        name, unit, target, method, value, source = data
        indicator = ImpactIndicator.objects.create(
            project=project,
            name=name,
            unit=unit,
            baseline=Decimal(0),
            target=Decimal(target),
            method=method,
            created_by=lead,
        )
        measurement = Measurement.objects.create(
            indicator=indicator,
            measured_on=story.MEASURED_ON,
            value=Decimal(value),
            source=source,
            entered_by=lead,
        )
        Measurement.objects.filter(pk=measurement.pk).update(
            entered_at=at(story.MEASURED_ON + datetime.timedelta(days=3), 9)
        )

    def _report(self, period, texts, lead):
        """The team's report of ``period``, submitted before the jury recommending to go on."""
        report = PhaseReport.objects.create(
            period=period, recommendation=Recommendation.CONTINUE, **texts
        )
        # The demo mails nobody.
        submit_phase_report(
            report, actor=lead, at=paris(impact_story.REPORT_SUBMITTED_AT), notify=False
        )
