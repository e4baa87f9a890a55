from decimal import Decimal

import factory
from django.utils import timezone

from jury.enums import Attendance, CriterionGrid, ItemKind, MemberRole, SessionStatus
from jury.models import AgendaItem, Convocation, Criterion, JuryMember, Score, Session
from jury.services import move_session, record_decision
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


def _items(item_factory):
    """``pitches=`` / ``reviews=``: a number of agenda items, or the keyword arguments of
    each, added in this order."""

    def add(session, create, extracted, **kwargs):
        if create and extracted:
            each = [{}] * extracted if isinstance(extracted, int) else extracted
            for arguments in each:
                item_factory(session=session, **kwargs, **arguments)

    return factory.PostGeneration(add)


def _convene(session, create, extracted, **kwargs):
    """``convened=``: a number of new members, or the members; all marked present."""
    if create and extracted:
        members = (
            [JuryMemberFactory(programme=session.programme) for _ in range(extracted)]
            if isinstance(extracted, int)
            else extracted
        )
        for member in members:
            ConvocationFactory(session=session, member=member, attendance=Attendance.PRESENT)


def _decide(session, create, extracted, **kwargs):
    """``decisions=[outcome, …]``: recorded on the items in running order once the
    deliberation opens (the ``deliberation`` and ``closed`` Traits)."""
    session.pending_decisions = (extracted, kwargs) if create and extracted else None


def _record_pending_decisions(session):
    pending = getattr(session, "pending_decisions", None)
    if pending:
        outcomes, kwargs = pending
        for item, outcome in zip(session.items.order_by("position"), outcomes, strict=True):
            record_decision(item, outcome=outcome, actor=_mover(session), **kwargs)


def _mover(session):
    """Who moves the session: ``moved_by=``, else staff made for it, on first need."""
    if session.moved_by is None:
        session.moved_by = UserFactory(innovation_staff=True)
    return session.moved_by


def _moved_to(target):
    """A post-generation step moving the session by the service, by ``moved_by``."""

    def move(session, create, extracted, **kwargs):
        if create:
            move_session(session, target, actor=_mover(session))
            if target == SessionStatus.DELIBERATION:
                _record_pending_decisions(session)

    return factory.PostGeneration(move)


class SessionFactory(factory.django.DjangoModelFactory):
    """A planned session; ``pitches=``, ``reviews=`` and ``convened=`` fill it, and the
    Traits ``scoring``, ``deliberation`` and ``closed`` move it there by the service
    (``decisions=`` records what closing needs), as ``moved_by=`` (by default, a new
    innovation staff member)."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Séance {n}")
    starts_at = paris(2022, 3, 15, 14, 0)
    quorum = 1

    moved_by = factory.PostGeneration(
        lambda session, create, extracted, **kwargs: setattr(session, "moved_by", extracted)
    )
    convened = factory.PostGeneration(_convene)
    pitches = _items(lambda **kwargs: SelectionItemFactory(**kwargs))
    reviews = _items(lambda **kwargs: ReviewItemFactory(**kwargs))
    decisions = factory.PostGeneration(_decide)

    class Params:
        scoring = factory.Trait(to_scoring=_moved_to(SessionStatus.SCORING))
        deliberation = factory.Trait(
            scoring=True, to_deliberation=_moved_to(SessionStatus.DELIBERATION)
        )
        closed = factory.Trait(deliberation=True, to_closed=_moved_to(SessionStatus.CLOSED))


class ConvocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convocation

    session = factory.SubFactory(SessionFactory)
    member = factory.SubFactory(JuryMemberFactory)


def convene_present(session, roles):
    """``roles`` maps a name to a member role: a new member of the session's programme
    per name, convened and present; returns the members by name."""
    return {
        name: ConvocationFactory(
            session=session,
            member=JuryMemberFactory(programme=session.programme, role=member_role),
            attendance=Attendance.PRESENT,
        ).member
        for name, member_role in roles.items()
    }


def deliberating(session, staff, *, present=1):
    """``present`` new members convened and present, then the session moved through
    scoring to deliberation by the service, as ``staff``."""
    for _index in range(present):
        ConvocationFactory(session=session, attendance=Attendance.PRESENT)
    move_session(session, SessionStatus.SCORING, actor=staff)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    return session


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """An item added last to its session's agenda; its kind says what it decides."""

    class Meta:
        model = AgendaItem
        abstract = True

    session = factory.SubFactory(SessionFactory)
    position = factory.LazyAttribute(lambda item: item.session.items.count() + 1)


class SelectionItemFactory(AgendaItemFactory):
    kind = ItemKind.SELECTION
    application = factory.SubFactory(ApplicationFactory, shortlisted=True)


class ReviewItemFactory(AgendaItemFactory):
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


def session_change_data(session):
    """The session's admin change form as staff post it, every item as it stands (no
    convocation or criterion rows); returns the data and the items in their order."""
    items = list(session.items.order_by("position"))
    starts_at = timezone.localtime(session.starts_at)
    data = {
        "programme": session.programme_id,
        "title": session.title,
        "starts_at_0": f"{starts_at:%d/%m/%Y}",
        "starts_at_1": f"{starts_at:%H:%M}",
        "place": session.place,
        "quorum": session.quorum,
        "casting_vote_enabled": "on" if session.casting_vote_enabled else "",
        "substitute_chair": "",
        "convocations-TOTAL_FORMS": 0,
        "convocations-INITIAL_FORMS": 0,
        "items-TOTAL_FORMS": len(items),
        "items-INITIAL_FORMS": len(items),
        "criteria-TOTAL_FORMS": 0,
        "criteria-INITIAL_FORMS": 0,
    }
    for index, item in enumerate(items):
        prefix = f"items-{index}-"
        data |= {
            prefix + "id": item.pk,
            prefix + "session": session.pk,
            prefix + "position": item.position,
            prefix + "scheduled_time": f"{item.scheduled_time:%H:%M}"
            if item.scheduled_time
            else "",
            prefix + "kind": item.kind,
            prefix + "application": item.application_id or "",
            prefix + "project": item.project_id or "",
        }
    return data, items
