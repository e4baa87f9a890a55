"""The monthly reminder of a running project: the milestones past their due date and the
time its members have not declared for the month just ended.

Read in a fixed number of queries for every running project at once; the command
``send_follow_up_reminders`` mails each one to its team and its coaches.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from projects.laureates.models.follow_up import OPEN_MILESTONE_STATUSES, first_of_month
from projects.laureates.time_tracking import declarable_months
from projects.models import Milestone, PhasePeriod, TimeDeclaration


@dataclass
class Reminder:
    period: PhasePeriod
    overdue: list = field(default_factory=list)
    month: datetime.date | None = None
    undeclared: list = field(default_factory=list)

    @property
    def project(self):
        return self.period.project

    @property
    def recipients(self):
        team = [member.email for member in self.period.project.application.team_members.all()]
        return team + [coach.email for coach in self.period.coaches.all()]


def previous_month(today):
    return first_of_month(first_of_month(today) - datetime.timedelta(days=1))


def follow_up_reminders(today):
    """A ``Reminder`` for each open period with something to say, by project title."""
    month = previous_month(today)
    # A running project has exactly one open period; an ended one has none.
    periods = (
        PhasePeriod.objects.open()
        .select_related("project__application")
        .prefetch_related(
            "project__application__team_members",
            "coaches",
            Prefetch(
                "milestones",
                queryset=Milestone.objects.filter(
                    status__in=OPEN_MILESTONE_STATUSES, due_on__lt=today
                ).order_by("due_on", "pk"),
                to_attr="overdue_milestones",
            ),
            Prefetch(
                "time_declarations",
                queryset=TimeDeclaration.objects.filter(month=month),
                to_attr="last_month_declarations",
            ),
        )
        .order_by("project__title", "pk")
    )
    reminders = []
    for period in periods:
        reminder = Reminder(period, overdue=period.overdue_milestones)
        if month in declarable_months(period, today):
            declared = {declaration.member_id for declaration in period.last_month_declarations}
            members = period.project.application.team_members.all()
            reminder.month = month
            reminder.undeclared = [m for m in members if m.pk not in declared]
        if reminder.overdue or reminder.undeclared:
            reminders.append(reminder)
    return reminders
