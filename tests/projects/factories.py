"""Applications and projects at each lifecycle stage, moved there by the real services;
the follow-up of a laureate (coaching, milestones, time, resources, indicators, reports)."""

import datetime
from decimal import Decimal

import factory

from editions.enums import Phase
from programme.enums import DecisionSource
from projects.applications.services.team import add_member, record_manager_response
from projects.enums import (
    ApplicationStatus,
    ManagerResponse,
    MemberKind,
    MemberRole,
    MilestoneStatus,
    ReintegrationOutcome,
)
from projects.laureates.services.follow_up import (
    review_measurement,
    set_milestone_status,
    submit_phase_report,
)
from projects.models import (
    Application,
    CoachingEntry,
    ImpactIndicator,
    Measurement,
    Milestone,
    PhaseReport,
    Project,
    Resource,
    TeamMember,
    TimeDeclaration,
)
from projects.publication import publish_history
from tests.editions.factories import CallFactory, paris
from tests.programme.factories import OrganisationFactory, ThemeFactory, UserFactory
from tests.projects.helpers import decide_application, decide_project

SUBMITTED_AT = paris(2022, 1, 15, 18, 0)
SCREENED_AT = paris(2022, 2, 15, 10, 0)
SELECTED_AT = paris(2022, 3, 15, 17, 0)
REVIEWED_AT = paris(2022, 9, 15, 17, 0)
# The first whole month of the pre-incubation a ProjectFactory opens (15 March to 15 June).
APRIL = datetime.date(2022, 4, 1)


def _move(application, target, at, decided_by=DecisionSource.STAFF):
    """Move by the service; a staff screening decision is published to the team at once,
    as staff do before the jury meets (a test of the wait decides by itself)."""
    history = decide_application(
        application, target, decided_by=decided_by, actor=application.created_by, at=at
    )
    if history.published_at is None and decided_by == DecisionSource.STAFF:
        publish_history(history, actor=application.created_by, at=at, notify=False)


def added_member(application, email="lea@exemple.test", **fields):
    """A member the application's author adds through the team service: Léa Roux, an
    agent whose line manager is cheffe@exemple.test, unless ``fields`` say otherwise."""
    fields = {
        "first_name": "Léa",
        "last_name": "Roux",
        "kind": MemberKind.AGENT,
        "manager_email": "cheffe@exemple.test",
    } | fields
    return add_member(application, actor=application.created_by, email=email, **fields)


class TeamMemberFactory(factory.django.DjangoModelFactory):
    """An agent with a department and a line manager who agreed: ready for screening."""

    class Meta:
        model = TeamMember
        skip_postgeneration_save = True

    application = factory.SubFactory("tests.projects.factories.ApplicationFactory")
    email = factory.Sequence(lambda n: f"membre{n}@exemple.test")
    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = factory.Sequence(lambda n: f"Membre{n}")
    role = MemberRole.MEMBER
    kind = MemberKind.AGENT
    department = factory.SubFactory(OrganisationFactory, department=True)
    manager_email = factory.Sequence(lambda n: f"responsable{n}@exemple.test")

    manager_agreed = factory.PostGeneration(
        lambda member, create, extracted, **kwargs: (
            record_manager_response(member, ManagerResponse.AGREED, at=SUBMITTED_AT, notify=False)
            if create and extracted is not False and member.kind == MemberKind.AGENT
            else None
        )
    )

    class Params:
        lead = factory.Trait(role=MemberRole.LEAD)
        student = factory.Trait(
            kind=MemberKind.STUDENT,
            department=None,
            manager_email="",
            school=factory.SubFactory(OrganisationFactory, school=True),
        )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft with a complete lead; Traits move it along through the services."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    title = factory.Sequence(lambda n: f"Projet {n}")
    theme = factory.SubFactory(ThemeFactory)
    problem = "Un problème rencontré par les usagers."
    target_users = "Les usagers du service."
    proposed_solution = "Une idée pour le résoudre."
    expected_impact = "Moins d'attente au guichet."
    created_by = factory.SubFactory(UserFactory)
    lead = factory.RelatedFactory(
        TeamMemberFactory,
        factory_related_name="application",
        lead=True,
        user=factory.SelfAttribute("..created_by"),
        email=factory.SelfAttribute("..created_by.email"),
    )

    class Params:
        submitted = factory.Trait(
            to_submitted=factory.PostGeneration(
                lambda app, create, extracted, **kw: _move(
                    app, ApplicationStatus.SUBMITTED, SUBMITTED_AT, DecisionSource.TEAM
                )
            )
        )
        shortlisted = factory.Trait(
            submitted=True,
            to_shortlisted=factory.PostGeneration(
                lambda app, create, extracted, **kw: _move(
                    app, ApplicationStatus.SHORTLISTED, SCREENED_AT
                )
            ),
        )
        selected = factory.Trait(
            shortlisted=True,
            to_selected=factory.PostGeneration(
                lambda app, create, extracted, **kw: _move(
                    app, ApplicationStatus.SELECTED, SELECTED_AT
                )
            ),
        )
        # Turned down by staff on the day of the jury (the retention counts from there).
        not_selected = factory.Trait(
            shortlisted=True,
            to_not_selected=factory.PostGeneration(
                lambda app, create, extracted, **kw: _move(
                    app, ApplicationStatus.NOT_SELECTED, SELECTED_AT
                )
            ),
        )


class ProjectFactory(factory.Factory):
    """A laureate in pre-incubation; ``experimentation=True`` moves it on by the service."""

    class Meta:
        model = Project

    application = factory.SubFactory(ApplicationFactory, selected=True)
    is_published = True
    experimentation = False
    # ``reintegrated=True``: its run ended at the review, the project stopped.
    reintegrated = False

    @classmethod
    def _create(cls, model_class, application, experimentation, reintegrated, **fields):
        project = application.project
        for name, value in fields.items():
            setattr(project, name, value)
        project.save()
        if experimentation:
            decide_project(
                project, Phase.EXPERIMENTATION, actor=application.created_by, at=REVIEWED_AT
            )
        if reintegrated:
            decide_project(
                project,
                Phase.REINTEGRATION,
                actor=application.created_by,
                outcome=ReintegrationOutcome.STOPPED,
                at=REVIEWED_AT,
            )
        return project


def _open_period(factory_object):
    return ProjectFactory().periods.get()


class CoachingEntryFactory(factory.django.DjangoModelFactory):
    """A two-hour session, a week after the period began, by one of its coaches."""

    class Meta:
        model = CoachingEntry
        skip_postgeneration_save = True

    period = factory.LazyAttribute(_open_period)
    coach = factory.SubFactory(UserFactory)
    held_on = factory.LazyAttribute(lambda o: o.period.planned_start + datetime.timedelta(days=7))
    duration_hours = Decimal("2.0")
    topics = factory.Sequence(lambda n: f"Entretiens usagers, série {n}")
    next_steps = "Préparer le prototype."

    @factory.post_generation
    def assigned(entry, create, extracted, **kwargs):
        if create and extracted is not False:
            entry.period.coaches.add(entry.coach)


def _milestone_to(target):
    """A post-generation step moving the milestone by the service, as its author."""
    return factory.PostGeneration(
        lambda milestone, create, extracted, **kwargs: set_milestone_status(
            milestone, target, actor=milestone.created_by, note="Note de test."
        )
    )


class MilestoneFactory(factory.django.DjangoModelFactory):
    """A milestone due a month into its period; ``status=`` (or the Traits
    ``in_progress``, ``reached``, ``dropped``) moves it by the service."""

    class Meta:
        model = Milestone
        skip_postgeneration_save = True

    period = factory.LazyAttribute(_open_period)
    title = factory.Sequence(lambda n: f"Jalon {n}")
    due_on = factory.LazyAttribute(lambda o: o.period.planned_start + datetime.timedelta(days=30))
    created_by = factory.LazyAttribute(lambda o: o.period.project.application.created_by)

    @factory.post_generation
    def status(milestone, create, extracted, **kwargs):
        if create and extracted:
            set_milestone_status(
                milestone, extracted, actor=milestone.created_by, note="Note de test."
            )

    class Params:
        in_progress = factory.Trait(to_in_progress=_milestone_to(MilestoneStatus.IN_PROGRESS))
        reached = factory.Trait(to_reached=_milestone_to(MilestoneStatus.REACHED))
        dropped = factory.Trait(to_dropped=_milestone_to(MilestoneStatus.DROPPED))


class TimeDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimeDeclaration

    period = factory.LazyAttribute(_open_period)
    member = factory.LazyAttribute(lambda o: o.period.project.application.team_members.first())
    month = factory.LazyAttribute(lambda o: o.period.planned_start.replace(day=1))
    days_given = Decimal("3.0")
    declared_by = factory.LazyAttribute(lambda o: o.period.project.application.created_by)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    period = factory.LazyAttribute(_open_period)
    kind = "budget"
    label = "Budget d'expérimentation"
    amount_granted = Decimal("5000.00")


class ImpactIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactIndicator

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = "ménages"
    baseline = Decimal("0")
    target = Decimal("100")
    method = "Comptage dans le registre de suivi."
    is_published = True
    created_by = factory.LazyAttribute(lambda o: o.project.application.created_by)


class MeasurementFactory(factory.django.DjangoModelFactory):
    """A proposed measurement; ``validated=True`` or ``rejected=True`` has staff review it
    through the service."""

    class Meta:
        model = Measurement
        skip_postgeneration_save = True

    indicator = factory.SubFactory(ImpactIndicatorFactory)
    measured_on = datetime.date(2022, 6, 1)
    value = Decimal("42")
    source = "Registre de suivi de l'équipe."
    entered_by = factory.LazyAttribute(lambda o: o.indicator.project.application.created_by)

    @factory.post_generation
    def validated(measurement, create, extracted, **kwargs):
        if create and extracted:
            reviewer = UserFactory(innovation_staff=True)
            review_measurement(measurement, actor=reviewer, accept=True)

    @factory.post_generation
    def rejected(measurement, create, extracted, **kwargs):
        if create and extracted:
            reviewer = UserFactory(innovation_staff=True)
            review_measurement(measurement, actor=reviewer, accept=False, note="Source absente.")


def validated_measurements(indicator, *readings):
    """A measurement of ``indicator`` per ``(measured_on, value, source)``, in that order,
    each validated by staff through the service."""
    return [
        MeasurementFactory(
            indicator=indicator, measured_on=measured_on, value=value, source=source, validated=True
        )
        for measured_on, value, source in readings
    ]


class PhaseReportFactory(factory.django.DjangoModelFactory):
    """A complete draft; ``submitted=True`` submits it through the service."""

    class Meta:
        model = PhaseReport
        skip_postgeneration_save = True

    period = factory.LazyAttribute(_open_period)
    problem = "Les ménages en précarité énergétique sont repérés trop tard."
    tested = "Un questionnaire de repérage partagé entre trois services."
    results = "Quarante ménages repérés en trois mois."
    indicators_comment = "La cible est atteinte à moitié."
    recommendation = "continue"
    recommendation_reasons = "Le repérage fonctionne ; il faut l'étendre."

    @factory.post_generation
    def submitted(report, create, extracted, **kwargs):
        if create and extracted:
            submit_phase_report(report, actor=report.period.project.application.created_by)
