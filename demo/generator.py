"""A large programme for benchmarks (``manage.py generate_programme_data``), built through
the services like the demo: applications submitted and screened, screening published,
selection sessions scored and decided, laureates published and followed, review sessions
that move them on to their next phase, decisions published.

One unit of scale is one past edition: 100 applications (20 shortlisted, 70 not, 10
ineligible), a selection jury of 20 items x 8 voters x 5 criteria, 10 laureates with 12
validated measurements each, reviewed by a jury of 10 items x 8 voters x 3 criteria. Past
editions end as real ones do, when the next one has its laureates: one team abandons, a
final review jury (9 x 8 x 3) reintegrates the others, so that only the latest past
edition's laureates are running, whatever the scale. Scale 1 is about the demo (a little
more applications); scale 100 is 10,000 applications, 1,000 laureates, 126,000 scores. On
top of the past editions: a session left in deliberation (``deliberation`` = items,
voters, criteria; 20 x 8 x 5 by default, 100 x 15 x 6 for the deliberation target,
400 x 50 x 50 for a million scores) and a call open today with a few drafts, for the
application form.

Everything is deterministic for a given seed and day: names, texts and marks come from a
seeded ``random.Random``, dates from the day the command runs (the last editions must end
before it and the open call include it).

Scores are the one exception to "through the services": they are plain rows that no
lifecycle governs (``record_score`` checks the session is scoring, writes the row and its
audit entry), and 100,000 of them one by one would take most of an hour; they are written
with ``bulk_create``, with the same audit entries ``record_score`` writes, while the session
is in scoring, as that service requires. ``scores_via_service=True`` calls it instead.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from demo import story
from demo.dates import paris
from demo.follow_up import at as paris_at
from demo.juries import SessionHolder
from demo.loader import StoryLoader
from editions.enums import Phase
from editions.models import Call, Edition, RequiredDocument
from editions.services import add_default_phases
from jury.enums import Attendance, CriterionGrid, ItemKind, MemberRole, Outcome, SessionStatus
from jury.models import Criterion, JuryMember, Score
from jury.services import move_session, record_score
from jury.services.deliberation import RECORD_SCORE
from programme.enums import DecisionSource
from programme.models import AuditEntry
from projects.applications.services.team import start_application
from projects.enums import ApplicationStatus, MemberKind, ReintegrationOutcome
from projects.laureates.services import move_project
from projects.laureates.services.follow_up import review_measurement
from projects.models import ImpactIndicator, Measurement

DAY = datetime.timedelta(days=1)
APPLICATIONS, SHORTLISTED, INELIGIBLE, LAUREATES = 100, 20, 10, 10
VOTERS, MEASUREMENTS = 8, 12
EDITION_SPACING = 30 * DAY
# How the laureates of an ended edition leave the programme, in turn.
ENDINGS = (
    ReintegrationOutcome.HANDED_OVER,
    ReintegrationOutcome.SCALED,
    ReintegrationOutcome.HANDED_OVER,
    ReintegrationOutcome.STOPPED,
)
ENDING_REASONS = {
    ReintegrationOutcome.HANDED_OVER: "Service repris par la direction métier concernée.",
    ReintegrationOutcome.SCALED: "Impacts mesurés : le service est étendu à tout le territoire.",
    ReintegrationOutcome.STOPPED: "Expérimentation menée à son terme, sans suite à grande échelle.",
}
WORDS = [
    *("accueil", "mobilité", "quartier", "tri", "compost", "rénovation", "jardin"),
    *("numérique", "école", "bus", "vélo", "énergie", "eau", "marché", "artisanat"),
    *("culture", "sport", "santé", "seniors", "jeunesse", "emploi", "déchets", "forêt"),
    *("littoral", "port", "logement", "bibliothèque", "cantine", "covoiturage", "réemploi"),
]


class ProgrammeGenerator(StoryLoader):
    """Builds ``scale`` past editions, a session in deliberation and an open call."""

    def __init__(self, *, scale, seed=1, deliberation=(20, VOTERS, 5), scores_via_service=False):
        super().__init__()
        self.scale = scale
        self.random = random.Random(seed)
        self.deliberation = deliberation
        self.scores_via_service = scores_via_service
        self.today = timezone.localdate()
        self.counter = 0

    def run(self):
        self.programme = self._programme()
        self._organisations_and_themes()
        self._people()
        self._jury()
        voters_needed = max(VOTERS, self.deliberation[1])
        self.voters = self._voters(voters_needed)
        self.holder = self._holder(VOTERS)
        self.deliberation_session = None
        first_start = self.today - 200 * DAY - (self.scale - 1) * EDITION_SPACING
        for number in range(1, self.scale + 1):
            self._past_edition(number, first_start + (number - 1) * EDITION_SPACING)
        self._deliberation_edition(self.scale + 1)
        self._open_edition(self.scale + 2)
        return self

    # People ----------------------------------------------------------------------------

    def _voters(self, count):
        """The story's voting members, and more (fictitious) up to ``count`` voters."""
        voters = [member for member in self.members.values() if member.can_vote]
        for index in range(len(voters), count):
            key = f"voter{index}"
            user = self._user(key, f"jure{index}@exemple.test", "Juré", f"Numéro {index}")
            voters.append(
                JuryMember.objects.create(
                    programme=self.programme,
                    user=user,
                    role=MemberRole.QUALIFIED_PERSON,
                    public_title="Membre du jury (fictif)",
                )
            )
        return voters

    def _holder(self, voters, criteria=None):
        """A session holder convening ``voters`` voters (the president and the substitute
        chair among them) and the non-voting members."""
        substitute = self.members[story.SUBSTITUTE_CHAIR]
        chosen = self.voters[:voters]
        if substitute not in chosen:
            chosen = [substitute, *chosen[: voters - 1]]
        members = {key: m for key, m in self.members.items() if not m.can_vote}
        members[story.SUBSTITUTE_CHAIR] = substitute
        members |= {f"member{m.pk}": m for m in chosen if m != substitute}
        return GeneratedSessions(
            programme=self.programme,
            members=members,
            staff=self.people["staff"],
            generator=self,
            criteria=criteria,
        )

    # Editions --------------------------------------------------------------------------

    def _edition(self, number, opens, closes):
        edition = Edition.objects.create(
            programme=self.programme,
            is_published=True,
            number=number,
            name=f"Saison {number}",
            year=opens.year,
            slug=f"saison-{number}",
            summary=f"Saison {number} de l'appel à innovateur territorial (données générées).",
        )
        add_default_phases(edition, actor=self.people["staff"])
        edition.coaches.set([self.people[key] for key, *_rest in story.COACHES])
        call = Call.objects.create(
            edition=edition,
            title=f"Appel à innovateur territorial — saison {number}",
            opens_at=paris(datetime.datetime.combine(opens, datetime.time(9))),
            closes_at=paris(datetime.datetime.combine(closes, datetime.time(18))),
            is_published=True,
            **story.CALL_TEXTS,
        )
        # No mandatory document: the demo's pitch is a PDF drawn per application, too slow
        # for 10,000 of them.
        RequiredDocument.objects.create(
            call=call, position=1, name="Documents complémentaires", is_mandatory=False
        )
        return edition

    def _applications(self, edition, count, submitted_on):
        applications = []
        for index in range(count):
            self.counter += 1
            number = self.counter
            theme = self.random.choice(list(story.THEMES))
            words = self.random.sample(WORDS, 3)
            title = f"Projet {number} : {words[0]}, {words[1]} et {words[2]}"
            problem = f"Les usagers du service « {words[0]} » attendent trop ({number})."
            solution = f"Un service de {words[1]} conçu avec les usagers et les agents."
            team = [
                (
                    f"Porteur{number}",
                    f"Équipe{number}",
                    MemberKind.LOCAL_ACTOR,
                    "Association des apiculteurs de l'estuaire",
                    index % 2 == 0,
                )
            ]
            applications.append(
                self._application(
                    edition,
                    f"g{number}",
                    title,
                    theme,
                    problem,
                    solution,
                    team,
                    submitted_on + datetime.timedelta(minutes=index),
                )
            )
        return applications

    def _screened(self, edition, start, count, shortlisted):
        """``count`` applications submitted and screened: the first ``shortlisted``
        shortlisted, ``INELIGIBLE`` of the rest ineligible, the others not shortlisted;
        the screening published. Returns the shortlisted ones."""
        applications = self._applications(edition, count, paris_at(start + 5 * DAY, 10))
        screened_on = paris_at(start + 25 * DAY, 10)
        for index, application in enumerate(applications):
            if index < shortlisted:
                target, reason = ApplicationStatus.SHORTLISTED, "Dossier complet."
            elif index < shortlisted + INELIGIBLE:
                target, reason = ApplicationStatus.INELIGIBLE, "Hors du champ de l'appel."
            else:
                target, reason = ApplicationStatus.NOT_SHORTLISTED, "Projet encore peu précis."
            self._screen(application, target, screened_on, reason)
        self._publish_screening(edition, screened_on)
        return applications[:shortlisted]

    def _past_edition(self, number, start):
        edition = self._edition(number, start, start + 20 * DAY)
        shortlisted = self._screened(edition, start, APPLICATIONS, SHORTLISTED)
        items = [
            (ItemKind.SELECTION, application, outcome, 4 if outcome == Outcome.SELECTED else 2)
            for index, application in enumerate(shortlisted)
            for outcome in [Outcome.SELECTED if index < LAUREATES else Outcome.NOT_SELECTED]
        ]
        self.holder.hold(
            None, items, data=self._session_data(number, "sélection", start + 35 * DAY)
        )
        projects = [application.project for application in shortlisted[:LAUREATES]]
        for project in projects:
            self._publish_project(project)
            self._measurements(project, start + 40 * DAY)
        reviews = [(ItemKind.REVIEW, project, Outcome.CONTINUE, 4) for project in projects]
        self.holder.hold(None, reviews, data=self._session_data(number, "revue", start + 130 * DAY))
        if number < self.scale:
            self._end_experimentations(number, projects, start + 160 * DAY)

    def _end_experimentations(self, number, projects, day):
        """The laureates of an edition the next one follows end their run, as real ones
        do: one team gives up during its experimentation, the final review jury sends the
        others back to the departments (stopped, handed over or scaled up). Only the
        latest past edition's laureates are still running, whatever the scale."""
        abandoned, *reviewed = projects
        move_project(
            abandoned,
            Phase.ABANDONED,
            period=abandoned.periods.open().get(),
            actor=abandoned.application.created_by,
            decided_by=DecisionSource.TEAM,
            at=paris_at(day - 15 * DAY, 10),
            notify=False,
        )
        items = [
            (
                ItemKind.REVIEW,
                project,
                Outcome.REINTEGRATE,
                4,
                {
                    "public_reasons": ENDING_REASONS[outcome],
                    "reintegration_outcome": outcome,
                },
            )
            for index, project in enumerate(reviewed)
            for outcome in [ENDINGS[index % len(ENDINGS)]]
        ]
        data = self._session_data(number, "fin d'expérimentation", day, hour=10)
        self.holder.hold(None, items, data=data)

    def _session_data(self, number, kind, day, hour=14):
        return {
            "title": f"Jury de {kind} — saison {number}",
            "starts_at": datetime.datetime.combine(day, datetime.time(hour)),
            "place": "Cité numérique, Le Havre",
        }

    def _measurements(self, project, first_day):
        lead = project.application.created_by
        indicator = ImpactIndicator.objects.create(
            project=project,
            position=1,
            name="Usagers accompagnés",
            unit="personnes",
            baseline=Decimal(0),
            target=Decimal(100),
            method="Comptage mensuel par l'équipe.",
            is_published=True,
            created_by=lead,
        )
        for week in range(MEASUREMENTS):
            measured_on = first_day + 7 * week * DAY
            measurement = Measurement.objects.create(
                indicator=indicator,
                measured_on=measured_on,
                value=Decimal(self.random.randint(5, 15) * (week + 1)),
                source="Tableau de suivi de l'équipe",
                entered_by=lead,
            )
            review_measurement(
                measurement, actor=self.people["staff"], accept=True, at=paris_at(measured_on, 11)
            )

    def _deliberation_edition(self, number):
        """An edition whose selection jury is in deliberation, every mark given."""
        items, voters, criteria = self.deliberation
        start = self.today - 60 * DAY
        edition = self._edition(number, start, start + 20 * DAY)
        shortlisted = self._screened(edition, start, items + INELIGIBLE, items)
        holder = self._holder(voters, criteria)
        data = self._session_data(number, "sélection", self.today - DAY)
        session, grids = holder.plan(data, [(ItemKind.SELECTION, a) for a in shortlisted])
        starts_at = paris(data["starts_at"])
        move_session(session, SessionStatus.SCORING, actor=holder.staff, at=starts_at)
        session.convocations.update(attendance=Attendance.PRESENT)
        for item in session.items.order_by("position"):
            holder._scores(item, grids[item.grid], self.random.randint(1, 5))
        move_session(session, SessionStatus.DELIBERATION, actor=holder.staff, at=starts_at)
        self.deliberation_session = session

    def _open_edition(self, number):
        """The current call, open today, with a few drafts."""
        edition = self._edition(number, self.today - 10 * DAY, self.today + 20 * DAY)
        self.open_call = edition.call
        applicant = self._user("applicant", story.APPLICANT, "Candidate", "Générée")
        self.applicant = applicant
        for index in range(3):
            start_application(edition.call, title=f"Brouillon {index + 1}", actor=applicant)


class GeneratedSessions(SessionHolder):
    """The demo's session holder with ``criteria`` criteria on the selection grid (the
    story's otherwise) and its marks drawn from the generator's seeded random."""

    def __init__(self, *, generator, criteria=None, **kwargs):
        super().__init__(**kwargs)
        self.generator = generator
        self.criteria_count = criteria

    def _criteria(self, session):
        criteria = super()._criteria(session)
        if self.criteria_count:
            Criterion.objects.filter(session=session).delete()
            criteria[CriterionGrid.SELECTION] = [
                Criterion.objects.create(
                    session=session,
                    grid=CriterionGrid.SELECTION,
                    position=position,
                    name=f"Critère {position}",
                    weight=Decimal(1 + position % 2),
                    scale_max=5,
                )
                for position in range(1, self.criteria_count + 1)
            ]
            criteria.pop(CriterionGrid.REVIEW, None)
        return criteria

    def _scores(self, item, criteria, quality):
        voters = [m for m in self.members.values() if m.can_vote]
        draw = self.generator.random.randint
        marks = [
            (member, criterion, min(5, max(0, quality + draw(-1, 1))))
            for member in voters
            for criterion in criteria
        ]
        if self.generator.scores_via_service:
            for member, criterion, value in marks:
                record_score(item, member=member, criterion=criterion, value=value)
            return
        scores = Score.objects.bulk_create(
            Score(item=item, member=m, criterion=c, value=v, scale_max=c.scale_max)
            for m, c, v in marks
        )
        self._audit(scores, [m for m, _c, _v in marks], [c for _m, c, _v in marks])

    def _audit(self, scores, members, criteria):
        """The entries ``record_score`` writes, one per mark, in one insert."""
        content_type = ContentType.objects.get_for_model(Score)
        now = timezone.now()
        AuditEntry.objects.bulk_create(
            AuditEntry(
                at=now,
                actor=member.user,
                actor_label=f"{member.user.get_full_name()} <{member.user.email}>",
                action=RECORD_SCORE,
                content_type=content_type,
                object_id=str(score.pk),
                object_repr=str(score)[:300],
                changes={"value": [None, score.value]},
                reason=criterion.name,
            )
            for score, member, criterion in zip(scores, members, criteria, strict=True)
        )
