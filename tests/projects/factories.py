"""Applications and projects at each lifecycle stage, moved there by the real services."""

import factory

from projects.enums import (
    ApplicationStatus,
    DecisionSource,
    ManagerResponse,
    MemberKind,
    MemberRole,
    Phase,
)
from projects.models import Application, Project, TeamMember
from projects.services import move_application, move_project
from projects.services.team import record_manager_response
from tests.editions.factories import CallFactory, paris
from tests.programme.factories import OrganisationFactory, ThemeFactory, UserFactory

SUBMITTED_AT = paris(2022, 1, 15, 18, 0)
SCREENED_AT = paris(2022, 2, 15, 10, 0)
SELECTED_AT = paris(2022, 3, 15, 17, 0)
REVIEWED_AT = paris(2022, 9, 15, 17, 0)


def _move(application, target, at, decided_by=DecisionSource.STAFF):
    move_application(
        application,
        target,
        actor=application.created_by,
        decided_by=decided_by,
        reason="Décision de test.",
        at=at,
    )


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
            record_manager_response(member, ManagerResponse.AGREED, at=SUBMITTED_AT)
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
    proposed_solution = "Une idée pour le résoudre."
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


class ProjectFactory(factory.Factory):
    """A laureate in pre-incubation; ``experimentation=True`` moves it on by the service."""

    class Meta:
        model = Project

    application = factory.SubFactory(ApplicationFactory, selected=True)
    is_published = True
    experimentation = False

    @classmethod
    def _create(cls, model_class, application, experimentation, **fields):
        project = application.project
        for name, value in fields.items():
            setattr(project, name, value)
        project.save()
        if experimentation:
            move_project(
                project,
                Phase.EXPERIMENTATION,
                period=project.periods.open().get(),
                actor=application.created_by,
                decided_by=DecisionSource.STAFF,
                reason="Décision de test.",
                at=REVIEWED_AT,
            )
        return project
