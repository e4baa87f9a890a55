"""The demo goes on after the seed story, illustratively, to the day it is loaded.

The story's periods end through the services at plausible dates of 2022 (a jury that
reviews edition 2's pre-incubation, then staff decisions on the experimentations' planned
ends); then two fictitious seasons are dated from ``today``: a recent one, whose
laureates are in an experimentation ending in a few weeks, followed month by month with
time still to declare and milestones due; and the current one, whose call opened three
weeks ago and closes in four, with drafts (one the demo applicant's), submitted
applications and a jury session planned after the closing. Every role then has open
work on the day ``seed_demo`` runs. The data is in ``demo.today_story``.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from demo import today_story as later
from demo.dates import paris
from demo.follow_up import FollowUpLoader, at
from editions.enums import Phase
from editions.models import add_months
from jury.enums import ItemKind, Outcome
from programme.enums import DecisionSource, NewsStatus
from programme.models import NewsItem
from programme.services import move_news_item
from projects.applications.services.team import start_application
from projects.enums import ApplicationStatus, MemberKind, ReintegrationOutcome
from projects.laureates.models.follow_up import first_of_month
from projects.laureates.services import move_project
from projects.laureates.services.follow_up import declare_time, review_measurement
from projects.laureates.time_tracking import declarable_months
from projects.models import ImpactIndicator, Measurement, Project, TimeDeclaration

DAY = datetime.timedelta(days=1)


def naive(day, hour=14, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute))


class Calendar:
    """The dates of the later seasons, as offsets from ``today``."""

    def __init__(self, today):
        self.today = today
        # The current season: call open three weeks ago, closing in four; jury after.
        self.opens = today - 21 * DAY
        self.closes = today + 28 * DAY
        self.session = today + 49 * DAY
        # The recent season: its experimentations end in a few weeks (reviewed by the
        # coming jury), after three months of pre-incubation from its selection.
        self.review = add_months(today + 25 * DAY, -6)
        self.selection = add_months(self.review, -3) - 7 * DAY
        self.recent_closes = self.selection - 42 * DAY
        self.recent_opens = add_months(self.recent_closes, -3)
        if self.recent_opens <= later.LAST_STORY_DAY:
            raise ValueError(f"The demo continues to a day after {later.LAST_STORY_DAY}.")


def continue_to_today(loader, today=None):
    """Continue ``loader``'s story (a ``demo.loader.StoryLoader`` that has run) to
    ``today`` (by default the current day). The services check the clock: ``today``
    must not be later than it."""
    dates = Calendar(today or timezone.localdate())
    TodayLoader(loader, dates).run()
    return dates


class TodayLoader:
    def __init__(self, loader, dates):
        self.loader = loader
        self.dates = dates
        self.people = loader.people
        self.staff = loader.people["staff"]
        self.applications = loader.applications
        self.follow_up = FollowUpLoader(people=loader.people, applications=loader.applications)

    def run(self):
        self._end_the_story()
        recent = self._recent_season()
        self._current_season(reviews=recent)
        self._news()

    # The story's periods end -----------------------------------------------------------

    def _end_the_story(self):
        for measurement in Measurement.objects.to_review():
            review_measurement(
                measurement,
                actor=self.staff,
                accept=True,
                at=paris(later.EDITION_2_MEASUREMENTS_REVIEWED_AT),
            )
        items = [
            self._review(self.applications[key].project, outcome, reintegration)
            for key, outcome, reintegration in later.JUNE_2022_REVIEWS
        ]
        self.loader.sessions.hold("june_2022", items, data=later.JUNE_2022_SESSION)
        for key, when, outcome in later.STAFF_ENDINGS:
            project = self.applications[key].project
            project.refresh_from_db()
            move_project(
                project,
                Phase.REINTEGRATION,
                period=project.periods.open().get(),
                actor=self.staff,
                decided_by=DecisionSource.STAFF,
                reason=later.STAFF_REASONS[outcome],
                outcome=outcome,
                at=paris(when),
                notify=False,
            )

    def _review(self, project, outcome, reintegration):
        if outcome == "continue":
            details = {"public_reasons": later.REVIEW_REASONS["continue"]}
            return (ItemKind.REVIEW, project, Outcome.CONTINUE, 4, details)
        details = {
            "public_reasons": later.REVIEW_REASONS[reintegration],
            "reintegration_outcome": reintegration,
        }
        return (ItemKind.REVIEW, project, Outcome.REINTEGRATE, 3, details)

    # The recent season -----------------------------------------------------------------

    def _season(self, number, *, year, opens, closes):
        data = {
            "number": number,
            "name": f"Saison {number}",
            "year": year,
            "slug": f"saison-{number}",
            "summary": later.SEASON_SUMMARY,
            "call": {
                "title": f"Appel à innovateur territorial — saison {number}",
                "opens_at": naive(opens, 9),
                "closes_at": datetime.datetime.combine(closes, datetime.time(23, 59, 59)),
            },
        }
        self.loader._edition(data)
        return self.loader.editions[number]

    def _recent_season(self):
        dates = self.dates
        edition = self._season(
            3, year=dates.selection.year, opens=dates.recent_opens, closes=dates.recent_closes
        )
        submitted = paris(naive(dates.recent_closes - 2 * DAY, 18))
        rows = later.RECENT_LAUREATES + [(*row, None) for row in later.RECENT_NOT_SELECTED]
        for key, title, theme, problem, solution, team, _review in rows:
            application = self.loader._application(
                edition, key, title, theme, problem, solution, team, submitted
            )
            self.loader._screen(
                application,
                ApplicationStatus.SHORTLISTED,
                paris(naive(dates.recent_closes + 14 * DAY, 10)),
                "Projet clair et équipe engagée : invitée à présenter devant le jury.",
            )
        laureates = [row[0] for row in later.RECENT_LAUREATES]
        selection = [
            (ItemKind.SELECTION, self.applications[key], Outcome.SELECTED, 4) for key in laureates
        ] + [
            (ItemKind.SELECTION, self.applications[row[0]], Outcome.NOT_SELECTED, 2)
            for row in later.RECENT_NOT_SELECTED
        ]
        self.loader.sessions.hold(
            "selection_3",
            selection,
            data={
                "title": "Jury de sélection — saison 3",
                "starts_at": naive(dates.selection),
                "place": "Hôtel de la Communauté urbaine, Le Havre",
            },
        )
        for key in laureates:
            self.loader._publish_project(self.applications[key].project)
        reviews = [
            self._review(
                self.applications[key].project,
                review,
                None if review == "continue" else ReintegrationOutcome.HANDED_OVER,
            )
            for key, *_row, review in later.RECENT_LAUREATES
        ]
        self.loader.sessions.hold(
            "review_3",
            reviews,
            data={
                "title": "Jury de fin de pré-incubation — saison 3",
                "starts_at": naive(dates.review),
                "place": "Cité numérique, Le Havre",
            },
        )
        running = Project.objects.filter(
            application__in=[self.applications[key] for key in laureates],
            phase=Phase.EXPERIMENTATION,
        ).order_by("pk")
        for project in running:
            self._follow(project)
        return list(running)

    def _follow(self, project):
        """The experimentation so far: coaching, milestones, the months declared (the
        last one still to declare), an indicator whose latest figure staff must check."""
        key = next(k for k, app in self.applications.items() if app.pk == project.application_id)
        period = project.periods.open().get()
        lead = self.people[f"lead-{key}"]
        today = self.dates.today
        coaching = [
            (period.starts_on + offset * DAY, coach, hours, topics, steps)
            for offset, coach, hours, topics, steps in later.COACHING
            if period.starts_on + offset * DAY < today
        ]
        self.follow_up._coaching(period, coaching)
        self.follow_up._milestones(
            period,
            [
                (title, today + offset * DAY, status, "")
                for title, offset, status in later.MILESTONES
            ],
            lead,
        )
        self._time(period, lead)
        self._indicator(project, later.INDICATORS[key], lead)

    def _time(self, period, lead):
        members = list(period.project.application.team_members.order_by("pk"))
        last_month = first_of_month(first_of_month(self.dates.today) - DAY)
        months = [m for m in declarable_months(period, self.dates.today) if m < last_month]
        for index, month in enumerate(months):
            days = Decimal(later.DAYS_GIVEN[index % len(later.DAYS_GIVEN)])
            declare_time(period, month, dict.fromkeys(members, days), actor=lead)
            declared_on = (month + datetime.timedelta(days=32)).replace(day=3)
            TimeDeclaration.objects.filter(period=period, month=month).update(
                declared_at=at(declared_on, 9)
            )

    def _indicator(self, project, data, lead):
        name, unit, target, method, source, values = data
        indicator = ImpactIndicator.objects.create(
            project=project,
            position=1,
            name=name,
            unit=unit,
            baseline=Decimal(0),
            target=Decimal(target),
            method=method,
            is_published=True,
            created_by=lead,
        )
        today = self.dates.today
        # The ends of the last three months; the latest waits for staff's check.
        ends = [first_of_month(today) - DAY]
        while len(ends) < len(values):
            ends.insert(0, first_of_month(ends[0]) - DAY)
        for index, (measured_on, value) in enumerate(zip(ends, values, strict=True)):
            measurement = Measurement.objects.create(
                indicator=indicator,
                measured_on=measured_on,
                value=Decimal(value),
                source=source,
                entered_by=lead,
            )
            Measurement.objects.filter(pk=measurement.pk).update(
                entered_at=at(min(measured_on + 2 * DAY, today), 9)
            )
            if index < len(values) - 1:
                review_measurement(
                    measurement, actor=self.staff, accept=True, at=at(measured_on + 5 * DAY, 11)
                )

    # The current season ----------------------------------------------------------------

    def _current_season(self, *, reviews):
        dates = self.dates
        year = max(dates.session.year, self.loader.editions[3].year + 1)
        edition = self._season(4, year=year, opens=dates.opens, closes=dates.closes)
        for key, title, theme, problem, solution, team, offset in later.CURRENT_SUBMITTED:
            self.loader._application(
                edition,
                key,
                title,
                theme,
                problem,
                solution,
                team,
                paris(naive(dates.today + offset * DAY, 17, 30)),
            )
        for key, title, theme, problem, lead in later.CURRENT_DRAFTS:
            self._draft(edition, key, title, theme, problem, lead)
        self.loader.sessions.plan(
            {
                "title": "Jury de sélection — saison 4 et revue de la saison 3",
                "starts_at": naive(dates.session),
                "place": "Hôtel de la Communauté urbaine, Le Havre",
            },
            [(ItemKind.REVIEW, project) for project in reviews],
        )

    def _draft(self, edition, key, title, theme, problem, lead):
        """A draft started on the call: the demo applicant's is half written; the others
        have only a title."""
        if lead is None:
            user = self.people["lead-students"]  # the demo applicant's account
        else:
            first, last = lead
            user = self.loader._user(
                f"lead-{key}",
                f"{slugify(first)}.{slugify(last)}@exemple.test",
                first,
                last,
                "Direction de la relation aux usagers",
            )
        application = start_application(edition.call, title=title, actor=user)
        application.theme = self.loader.themes[theme]
        application.problem = problem
        application.save(update_fields=["theme", "problem"])
        if lead is None:
            # As on his edition 2 application, he agrees to be named if the project wins.
            application.team_members.update(
                kind=MemberKind.STUDENT,
                school=self.loader.organisations["La Manu"],
                public_name_consent=True,
                public_name_consent_at=paris(naive(self.dates.today - 4 * DAY, 20)),
            )
        self.applications[key] = application

    def _news(self):
        edition = self.loader.editions[4]
        item = NewsItem.objects.create(
            programme=self.loader.programme,
            slug="saison-4-appel-ouvert",
            title="Saison 4 : l'appel à candidatures est ouvert",
            category="Innovation",
            summary=f"{later.ILLUSTRATIVE} : actualité fictive, datée du jour où la "
            "démonstration a été chargée.",
            body=f"{later.SEASON_SUMMARY}\n\nLes équipes d'agents et d'acteurs du territoire "
            f"peuvent candidater jusqu'au {self.dates.closes:%d/%m/%Y} sur la page de l'appel "
            f"« {edition.call.title} ».",
        )
        move_news_item(
            item, NewsStatus.PUBLISHED, actor=self.staff, at=paris(naive(self.dates.opens, 10))
        )
