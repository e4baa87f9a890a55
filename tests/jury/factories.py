from decimal import Decimal

import factory

from jury.enums import CriterionGrid, ItemKind, MemberRole
from jury.models import AgendaItem, Convocation, Criterion, JuryMember, Score, Session
from tests.editions.factories import paris
from tests.programme.factories import ProgrammeFactory, UserFactory
from tests.projects.factories import ApplicationFactory, ProjectFactory


class JuryMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JuryMember

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.ELECTED_OFFICIAL

    class Params:
        president = factory.Trait(role=MemberRole.PRESIDENT)
        secretary = factory.Trait(role=MemberRole.SECRETARY)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Séance {n}")
    starts_at = paris(2022, 3, 15, 14, 0)
    quorum = 1


class ConvocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convocation

    session = factory.SubFactory(SessionFactory)
    member = factory.SubFactory(JuryMemberFactory)


class SelectionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    position = factory.LazyAttribute(lambda item: item.session.items.count() + 1)
    kind = ItemKind.SELECTION
    application = factory.SubFactory(ApplicationFactory, shortlisted=True)


class ReviewItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    position = factory.LazyAttribute(lambda item: item.session.items.count() + 1)
    kind = ItemKind.REVIEW
    project = factory.SubFactory(ProjectFactory)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    session = factory.SubFactory(SessionFactory)
    grid = CriterionGrid.SELECTION
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Critère {n}")
    weight = Decimal("1.00")
    scale_max = 5


class ScoreFactory(factory.django.DjangoModelFactory):
    """A member's mark on a criterion, on the criterion's scale (written as the service does)."""

    class Meta:
        model = Score

    item = factory.SubFactory(SelectionItemFactory)
    member = factory.SubFactory(JuryMemberFactory)
    criterion = factory.SubFactory(
        CriterionFactory, session=factory.SelfAttribute("..item.session")
    )
    value = 3
    scale_max = factory.SelfAttribute("criterion.scale_max")
