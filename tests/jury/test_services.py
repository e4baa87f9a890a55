import pytest

from editions.enums import Phase
from jury.enums import Attendance, Outcome, SessionStatus
from jury.models import Decision
from jury.services import (
    declare_conflict,
    move_session,
    record_decision,
    record_score,
)
from programme.enums import DecisionSource
from programme.lifecycles import Refused
from projects.enums import ApplicationStatus
from projects.laureates.services import move_project
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    ReviewItemFactory,
    SelectionItemFactory,
    SessionFactory,
    deliberating,
)

pytestmark = pytest.mark.django_db


def session_in_deliberation(staff, *items, voters=4):
    """Move the items' session to deliberation with ``voters`` members present."""
    return deliberating(items[0].session, staff, present=voters)


def test_closing_applies_every_decision_and_links_the_history_rows(staff):
    session = SessionFactory()
    pitch = SelectionItemFactory(session=session)
    review = ReviewItemFactory(session=session, project__experimentation=True)
    session_in_deliberation(staff, pitch, review)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff, votes_for=4)
    record_decision(review, outcome=Outcome.RENEW, actor=staff, votes_for=4)

    move_session(session, SessionStatus.CLOSED, actor=staff)

    pitch.application.refresh_from_db()
    review.project.refresh_from_db()
    pitch_decision, review_decision = Decision.objects.order_by("item__position")
    assert pitch.application.status == ApplicationStatus.SELECTED
    assert pitch_decision.application_transition.to_status == ApplicationStatus.SELECTED
    assert review.project.phase == Phase.EXPERIMENTATION
    assert review.project.periods.count() == 3
    assert review_decision.project_transition.to_phase == Phase.EXPERIMENTATION
    assert review_decision.applied_at is not None
    assert session.status == SessionStatus.CLOSED


def test_closing_twice_changes_nothing_the_second_time(staff):
    session = SessionFactory()
    pitch = SelectionItemFactory(session=session)
    session_in_deliberation(staff, pitch)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
    move_session(session, SessionStatus.CLOSED, actor=staff)

    assert move_session(session, SessionStatus.CLOSED, actor=staff) is None
    assert pitch.application.transitions.count() == 3
    assert pitch.application.project.periods.count() == 1


def test_closing_is_all_or_nothing_when_one_decision_cannot_apply(staff):
    session = SessionFactory()
    pitch = SelectionItemFactory(session=session)
    review = ReviewItemFactory(session=session)
    session_in_deliberation(staff, pitch, review)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
    record_decision(review, outcome=Outcome.CONTINUE, actor=staff)
    # Meanwhile the team abandons: the jury's decision can no longer apply.
    move_project(
        review.project,
        Phase.ABANDONED,
        period=review.project.periods.open().get(),
        actor=staff,
        decided_by=DecisionSource.STAFF,
        reason="L'équipe arrête.",
    )

    with pytest.raises(Refused) as refused:
        move_session(session, SessionStatus.CLOSED, actor=staff)

    pitch.application.refresh_from_db()
    session.refresh_from_db()
    assert refused.value.reasons == [
        "Point 2 : Le projet est en « Abandon » : « Poursuite en expérimentation » ne "
        "s'applique pas."
    ]
    assert pitch.application.status == ApplicationStatus.SHORTLISTED
    assert session.status == SessionStatus.DELIBERATION
    assert session.minutes is None


def test_closing_with_an_undecided_item_is_refused_with_its_position(staff):
    session = SessionFactory()
    pitch = SelectionItemFactory(session=session, position=1)
    SelectionItemFactory(session=session, position=2)
    session_in_deliberation(staff, pitch)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)

    with pytest.raises(Refused) as refused:
        move_session(session, SessionStatus.CLOSED, actor=staff)

    assert refused.value.reasons == ["Points sans décision : 2."]


def test_minutes_record_presence_withdrawal_outcome_and_vote(staff):
    session = SessionFactory()
    pitch = SelectionItemFactory(session=session, application__title="Ruches")
    present = ConvocationFactory(session=session, attendance=Attendance.PRESENT)
    absent = ConvocationFactory(session=session)
    session_in_deliberation(staff, pitch, voters=3)
    declare_conflict(pitch, member=present.member, actor=staff, reason="Lien familial.")
    record_decision(
        pitch,
        outcome=Outcome.SELECTED,
        actor=staff,
        votes_for=2,
        votes_against=1,
        public_reasons="Projet utile.",
    )

    move_session(session, SessionStatus.CLOSED, actor=staff)

    session.refresh_from_db()
    minutes = session.minutes
    assert len(minutes["present"]) == 4
    assert str(present.member.user) in [person["name"] for person in minutes["present"]]
    assert [person["name"] for person in minutes["absent"]] == [str(absent.member.user)]
    assert minutes["items"][0]["subject"] == "Ruches"
    assert minutes["items"][0]["withdrawn"] == [str(present.member.user)]
    assert minutes["items"][0]["outcome_label"] == "Lauréate"
    assert minutes["items"][0]["votes"] == {
        "for": 2,
        "against": 1,
        "abstain": 0,
        "casting_vote_used": False,
    }


def test_renewal_of_a_project_still_in_pre_incubation_is_refused(staff):
    review = ReviewItemFactory()
    session_in_deliberation(staff, review)

    with pytest.raises(Refused) as refused:
        record_decision(review, outcome=Outcome.RENEW, actor=staff)

    assert refused.value.reasons == [
        "Le projet est en « Pré-incubation » : « Renouvellement de l'expérimentation » ne "
        "s'applique pas."
    ]


def test_decision_that_does_not_fit_the_item_is_refused(staff):
    pitch = SelectionItemFactory()
    session_in_deliberation(staff, pitch)

    with pytest.raises(Refused) as refused:
        record_decision(pitch, outcome=Outcome.RENEW, actor=staff)

    assert refused.value.reasons == ["Cette décision ne correspond pas à l'objet du point."]


@pytest.fixture
def scoring(staff):
    """A pitch in scoring, one member convened and present, a criterion marked out of 5."""
    session = SessionFactory(pitches=1, convened=1, scoring=True, moved_by=staff)
    criterion = CriterionFactory(session=session, scale_max=5)
    return session.items.get(), session.convocations.get().member, criterion


def test_conflicted_member_cannot_score_the_item(staff, scoring):
    pitch, member, criterion = scoring
    declare_conflict(pitch, member=member, actor=staff)

    with pytest.raises(Refused) as refused:
        record_score(pitch, member=member, criterion=criterion, value=3)

    assert refused.value.reasons == ["Ce membre s'est déporté sur ce point."]


def test_score_outside_the_scale_is_refused_with_the_scale(scoring):
    pitch, member, criterion = scoring

    with pytest.raises(Refused) as refused:
        record_score(pitch, member=member, criterion=criterion, value=7)

    assert refused.value.reasons == ["La note doit être comprise entre 0 et 5."]


def test_score_cannot_change_after_the_session_closed(staff, scoring):
    pitch, member, criterion = scoring
    record_score(pitch, member=member, criterion=criterion, value=3)
    move_session(pitch.session, SessionStatus.DELIBERATION, actor=staff)
    record_decision(pitch, outcome=Outcome.NOT_SELECTED, actor=staff)
    move_session(pitch.session, SessionStatus.CLOSED, actor=staff)

    with pytest.raises(Refused) as refused:
        record_score(pitch, member=member, criterion=criterion, value=5)

    assert refused.value.reasons == ["La notation n'est pas ouverte pour cette séance."]
    assert pitch.scores.get().value == 3
