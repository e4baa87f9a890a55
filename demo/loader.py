"""Replays the seed story through the lifecycle services, so the demo history is real.

Only set-up data (people, organisations, editions, agenda) is created with the ORM;
every status, phase and decision moves through ``projects.services`` and
``jury.services``, at the date the story gives.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from demo import story, teams
from demo.dates import paris
from demo.follow_up import FollowUpLoader
from demo.juries import SessionHolder
from demo.pitches import attach_pitch
from demo.today import continue_to_today
from editions.models import Call, Edition, RequiredDocument
from editions.services import add_default_phases
from jury.enums import ItemKind, Outcome
from jury.models import JuryMember
from programme.enums import DecisionSource, NewsStatus
from programme.models import NewsItem, Objective, Organisation, Programme, Theme, User
from programme.roles import sync_staff_group
from programme.services import move_news_item
from projects.applications.services import move_application, publish_screening
from projects.applications.services.team import record_manager_response
from projects.enums import ApplicationStatus, ManagerResponse, MemberKind, MemberRole
from projects.models import Application, TeamMember


def is_loaded():
    return Programme.objects.filter(slug=story.PROGRAMME["slug"]).exists()


def demo_accounts():
    """(role, e-mail) of the demo accounts, for the command to print."""
    return [
        ("Équipe innovation (admin)", story.STAFF[1]),
        ("Présidence du jury", story.JURY[0][1]),
        ("Membre du jury", story.JURY[1][1]),
        ("Coach", story.COACHES[0][1]),
        ("Équipe candidate (étudiants de La Manu)", story.APPLICANT),
    ]


def member_email(first, last):
    return f"{slugify(first)}.{slugify(last)}@exemple.test"


@transaction.atomic
def picked(data, *names):
    """The story's values of ``names``, to create a row with them as its fields."""
    return {name: data[name] for name in names}


def load(today=None):
    """Load the whole story, continued to ``today`` (by default the current day; see
    ``demo.today``). The caller checks ``is_loaded()`` first."""
    loader = StoryLoader()
    loader.run()
    continue_to_today(loader, today)
    return loader


class StoryLoader:
    def __init__(self):
        # Hashing is slow on purpose; every demo account shares one password.
        self.password_hash = make_password(story.PASSWORD)
        self.people = {}
        self.organisations = {}
        self.themes = {}
        self.editions = {}
        self.applications = {}
        self.members = {}

    def run(self):
        self.programme = self._programme()
        self._organisations_and_themes()
        self._people()
        self._jury()
        self.sessions = SessionHolder(
            programme=self.programme, members=self.members, staff=self.people["staff"]
        )
        for data in story.EDITIONS:
            self._edition(data)
        follow_up = FollowUpLoader(people=self.people, applications=self.applications)
        edition_1_projects = self._edition_1()
        follow_up.edition_1([row[0] for row in teams.EDITION_1_LAUREATES])
        self._edition_2(reviews=edition_1_projects)
        follow_up.edition_2([row[0] for row in teams.EDITION_2_LAUREATES])
        self._news()

    # Set-up data ---------------------------------------------------------------------

    def _programme(self):
        programme = Programme.objects.create(**story.PROGRAMME)
        for position, title in enumerate(story.OBJECTIVES, start=1):
            Objective.objects.create(programme=programme, position=position, title=title)
        return programme

    def _organisations_and_themes(self):
        for kind, name, short_name in story.ORGANISATIONS:
            organisation = Organisation.objects.create(kind=kind, name=name, short_name=short_name)
            self.organisations[name] = organisation
            if short_name:
                self.organisations[short_name] = organisation
        for key, name in story.THEMES.items():
            self.themes[key] = Theme.objects.create(name=name, slug=slugify(name))

    def _user(self, key, email, first_name, last_name, organisation="", title="", **extra):
        user = User.objects.create(
            email=email,
            password=self.password_hash,
            first_name=first_name,
            last_name=last_name,
            organisation=self.organisations.get(organisation),
            job_title=title,
            **extra,
        )
        self.people[key] = user
        return user

    def _people(self):
        staff = self._user(*story.STAFF, is_staff=True)
        staff.groups.add(sync_staff_group())
        for coach in story.COACHES:
            self._user(*coach)

    def _jury(self):
        for key, email, first_name, last_name, role, title in story.JURY:
            user = self._user(key, email, first_name, last_name, "", title)
            self.members[key] = JuryMember.objects.create(
                programme=self.programme, user=user, role=role, public_title=title
            )

    def _edition(self, data):
        edition = Edition.objects.create(
            programme=self.programme,
            is_published=True,
            **picked(data, "number", "name", "year", "slug", "summary"),
        )
        add_default_phases(edition, actor=self.people["staff"])
        for phase, values in story.EDITION_PHASES.items():
            edition.phases.filter(phase=phase).update(**values)
        edition.coaches.set([self.people[key] for key, *_rest in story.COACHES])
        call_data = data["call"]
        call = Call.objects.create(
            edition=edition,
            title=call_data["title"],
            opens_at=paris(call_data["opens_at"]),
            closes_at=paris(call_data["closes_at"]),
            is_published=True,
            **story.CALL_TEXTS,
        )
        RequiredDocument.objects.create(
            call=call, position=1, name="Présentation du projet (pitch)", is_mandatory=True
        )
        RequiredDocument.objects.create(
            call=call,
            position=2,
            name="Documents complémentaires",
            is_mandatory=False,
        )
        self.editions[data["number"]] = edition

    # Applications ----------------------------------------------------------------------

    def _application(self, edition, key, title, theme, problem, solution, team, submitted_on):
        first, last, _kind, organisation, _consent = team[0]
        # The lead of the students' team is the demo applicant account.
        lead_email = story.APPLICANT if key == "students" else member_email(first, last)
        lead = self._user(f"lead-{key}", lead_email, first, last, organisation)
        application = Application.objects.create(
            call=edition.call,
            title=title,
            theme=self.themes[theme],
            problem=problem,
            target_users=problem,
            proposed_solution=solution,
            expected_impact=solution,
            created_by=lead,
        )
        for index, member in enumerate(team):
            self._team_member(
                application, index, *member, user=lead if index == 0 else None, on=submitted_on
            )
        for document in edition.call.required_documents.filter(is_mandatory=True):
            attach_pitch(application, document, by=lead, on=submitted_on)
        for member in application.team_members.filter(kind=MemberKind.AGENT):
            record_manager_response(
                member,
                ManagerResponse.AGREED,
                at=submitted_on - datetime.timedelta(days=3),
                notify=False,  # the story is the past: nobody is mailed about it
            )
        move_application(
            application,
            ApplicationStatus.SUBMITTED,
            actor=lead,
            decided_by=DecisionSource.TEAM,
            at=submitted_on,
            notify=False,  # the story is the past: nobody is mailed about it
        )
        self.applications[key] = application
        return application

    def _team_member(
        self, application, index, first, last, kind, organisation, consent, *, user, on
    ):
        place = self.organisations[organisation]
        TeamMember.objects.create(
            application=application,
            user=user,
            email=user.email if user else member_email(first, last),
            first_name=first,
            last_name=last,
            role=MemberRole.LEAD if index == 0 else MemberRole.MEMBER,
            kind=kind,
            department=place if kind == MemberKind.AGENT else None,
            manager_name="Responsable de service (fictif)" if kind == MemberKind.AGENT else "",
            manager_email="responsable@exemple.test" if kind == MemberKind.AGENT else "",
            school=place if kind == MemberKind.STUDENT else None,
            organisation=place if kind == MemberKind.LOCAL_ACTOR else None,
            public_name_consent=consent,
            public_name_consent_at=on if consent else None,
        )

    def _screen(self, application, target, on, reason):
        move_application(
            application,
            target,
            actor=self.people["staff"],
            decided_by=DecisionSource.STAFF,
            reason=reason,
            at=on,
            notify=False,
        )

    def _publish_screening(self, edition, on):
        """Staff tell the teams the screening decisions on the day they took them."""
        publish_screening(edition.call, actor=self.people["staff"], at=on, notify=False)

    # Edition 1 -------------------------------------------------------------------------

    def _edition_1(self):
        edition = self.editions[1]
        submitted = paris(datetime.datetime(2021, 4, 20, 18, 0))
        for key, title, theme, problem, solution, team in teams.EDITION_1_LAUREATES:
            application = self._application(
                edition, key, title, theme, problem, solution, team, submitted
            )
            self._screen(
                application,
                ApplicationStatus.SHORTLISTED,
                paris(datetime.datetime(2021, 5, 10, 10, 0)),
                "Dossier complet, invité à présenter son projet au jury.",
            )
        self._publish_screening(edition, paris(datetime.datetime(2021, 5, 10, 10, 0)))
        keys = [row[0] for row in teams.EDITION_1_LAUREATES]
        self.sessions.hold(
            "selection_1",
            [(ItemKind.SELECTION, self.applications[key], Outcome.SELECTED, 4) for key in keys],
        )
        projects = [self.applications[key].project for key in keys]
        for project in projects:
            self._publish_project(project)
        self.sessions.hold(
            "review_1",
            [(ItemKind.REVIEW, project, Outcome.CONTINUE, 4) for project in projects],
        )
        for project in projects:
            project.refresh_from_db()
        return projects

    # Edition 2 -------------------------------------------------------------------------

    def _edition_2(self, *, reviews):
        """Edition 2's call, screening, and the 15 March session that also reviews the
        experimentations of edition 1's projects."""
        edition = self.editions[2]
        submitted = paris(datetime.datetime(2022, 1, 28, 21, 30))
        shortlisted = []
        for key, title, theme, problem, solution, team in (
            teams.EDITION_2_LAUREATES + teams.EDITION_2_NOT_SELECTED
        ):
            application = self._application(
                edition, key, title, theme, problem, solution, team, submitted
            )
            shortlisted.append(application)
        screened_on = paris(datetime.datetime(2022, 2, 15, 10, 0))
        for application in shortlisted:
            self._screen(
                application,
                ApplicationStatus.SHORTLISTED,
                screened_on,
                "Projet clair et équipe engagée : invitée à présenter devant le jury.",
            )
        for index, (title, theme, department) in enumerate(teams.EDITION_2_NOT_SHORTLISTED):
            team = [("Agent", f"Équipe {index + 1}", "agent", department, False)]
            application = self._application(
                edition,
                f"ns{index}",
                title,
                theme,
                "Problème décrit par l'équipe.",
                "Solution proposée par l'équipe.",
                team,
                submitted,
            )
            self._screen(
                application,
                ApplicationStatus.NOT_SHORTLISTED,
                screened_on,
                "Projet encore peu précis ; l'équipe est encouragée à candidater à nouveau.",
            )
        self._publish_screening(edition, screened_on)
        items = [
            (ItemKind.SELECTION, self.applications[row[0]], Outcome.SELECTED, 4)
            for row in teams.EDITION_2_LAUREATES
        ] + [
            (ItemKind.SELECTION, self.applications[row[0]], Outcome.NOT_SELECTED, 2)
            for row in teams.EDITION_2_NOT_SELECTED
        ]
        items += [(ItemKind.REVIEW, project, Outcome.RENEW, 5) for project in reviews]
        # One elected official withdraws from the business-zone item (fictitious link).
        withdrawal = (
            self.applications["zae"],
            "jury2",
            "Lien professionnel avec un propriétaire concerné.",
        )
        self.sessions.hold("march_15", items, withdrawal=withdrawal)
        for row in teams.EDITION_2_LAUREATES:
            self._publish_project(self.applications[row[0]].project)

    def _publish_project(self, project):
        project.is_published = True
        project.save(update_fields=["is_published"])
        period = project.periods.open().get()
        period.objectives = (
            "Préciser le problème à résoudre et prototyper une solution à tester auprès des "
            "usagers."
        )
        period.save(update_fields=["objectives"])

    def _news(self):
        staff = self.people["staff"]
        for data in story.NEWS:
            item = NewsItem.objects.create(
                programme=self.programme,
                **picked(data, "slug", "title", "category", "summary", "body"),
            )
            if data["published_at"]:
                move_news_item(
                    item, NewsStatus.PUBLISHED, actor=staff, at=paris(data["published_at"])
                )
            if data["archived_at"]:
                move_news_item(
                    item, NewsStatus.ARCHIVED, actor=staff, at=paris(data["archived_at"])
                )
