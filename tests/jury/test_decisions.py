"""The chair records each decision with its vote: tallies, the casting vote, corrections."""

import pytest
from django.utils import timezone

from jury.enums import Attendance, ItemKind, MemberRole, Outcome, SessionStatus
from jury.models import Decision
from jury.services import declare_conflict, move_session, record_decision
from programme.lifecycles import Refused
from projects.enums import ReintegrationOutcome
from tests.editions.factories import paris
from tests.jury.factories import (
    ConvocationFactory,
    ReviewItemFactory,
    SelectionItemFactory,
)
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db
RECORDED_AT = paris(2022, 3, 15, 16, 0)


def in_deliberation(item, staff, *, voters=3):
    """``item``'s session in deliberation with ``voters`` voting members present, the
    first of them its president (who holds the casting vote)."""
    for index in range(voters):
        ConvocationFactory(
            session=item.session,
            attendance=Attendance.PRESENT,
            member__role=MemberRole.PRESIDENT if index == 0 else MemberRole.ELECTED_OFFICIAL,
        )
    move_session(item.session, SessionStatus.SCORING, actor=staff)
    move_session(item.session, SessionStatus.DELIBERATION, actor=staff)
    return item


@pytest.fixture
def pitch(staff):
    return in_deliberation(SelectionItemFactory(), staff)


def refusals(item, **details):
    with pytest.raises(Refused) as refused:
        record_decision(item, actor=UserFactory(), **details)
    assert not Decision.objects.filter(item=item).exists()
    return refused.value.reasons


def test_a_vote_with_as_many_votes_as_voters_is_recorded(pitch, staff):
    decision = record_decision(
        pitch,
        outcome=Outcome.SELECTED,
        actor=staff,
        at=RECORDED_AT,
        votes_for=2,
        votes_against=0,
        votes_abstain=1,
        public_reasons="Projet utile.",
    )

    decision.refresh_from_db()
    assert (decision.outcome, decision.recorded_by, decision.recorded_at) == (
        Outcome.SELECTED,
        staff,
        RECORDED_AT,
    )
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (2, 0, 1)
    assert (decision.casting_vote_used, decision.public_reasons) == (False, "Projet utile.")


def test_more_votes_than_voters_present_is_refused(pitch):
    reasons = refusals(
        pitch, outcome=Outcome.SELECTED, votes_for=2, votes_against=1, votes_abstain=1
    )

    assert reasons == ["Il y a plus de voix (4) que de membres votants présents (3)."]


def test_a_withdrawn_member_is_not_counted_among_the_voters(pitch, staff):
    withdrawn = pitch.session.convocations.first().member
    declare_conflict(pitch, member=withdrawn, actor=staff)

    reasons = refusals(pitch, outcome=Outcome.SELECTED, votes_for=3)

    assert reasons == ["Il y a plus de voix (3) que de membres votants présents (2)."]


def test_a_tally_of_nothing_for_and_nothing_against_is_not_a_tie(pitch, staff):
    decision = record_decision(
        pitch, outcome=Outcome.NOT_SELECTED, actor=staff, votes_for=0, votes_against=0
    )

    assert (decision.votes_for, decision.votes_against, decision.casting_vote_used) == (0, 0, False)


@pytest.mark.parametrize(("votes_for", "votes_against"), [(2, 1), (0, 0)])
def test_the_casting_vote_without_a_tie_is_refused(pitch, votes_for, votes_against):
    reasons = refusals(
        pitch,
        outcome=Outcome.SELECTED,
        votes_for=votes_for,
        votes_against=votes_against,
        casting_vote_used=True,
    )

    assert reasons == ["La voix prépondérante ne sert qu'en cas d'égalité des voix."]


def test_a_tie_settled_by_the_casting_vote_is_recorded(pitch, staff):
    decision = record_decision(
        pitch,
        outcome=Outcome.SELECTED,
        actor=staff,
        votes_for=1,
        votes_against=1,
        votes_abstain=1,
        casting_vote_used=True,
    )

    assert (decision.votes_for, decision.votes_against, decision.casting_vote_used) == (1, 1, True)


def test_a_tie_without_the_casting_vote_asks_for_it(pitch):
    reasons = refusals(pitch, outcome=Outcome.SELECTED, votes_for=1, votes_against=1)

    assert reasons == [
        "Égalité des voix : indiquez que la voix prépondérante de la présidence a tranché."
    ]


@pytest.mark.parametrize("casting_vote_used", [False, True])
def test_a_tie_where_no_casting_vote_is_provided_calls_a_new_vote(staff, casting_vote_used):
    item = in_deliberation(SelectionItemFactory(session__casting_vote_enabled=False), staff)

    reasons = refusals(
        item,
        outcome=Outcome.SELECTED,
        votes_for=1,
        votes_against=1,
        casting_vote_used=casting_vote_used,
    )

    assert reasons == [
        "Égalité des voix, et la voix prépondérante n'est pas prévue : votez à nouveau."
    ]


def test_every_reason_is_given_at_once(pitch):
    reasons = refusals(pitch, outcome=Outcome.RENEW, votes_for=3, votes_against=1)

    assert reasons == [
        "Cette décision ne correspond pas à l'objet du point.",
        "Il y a plus de voix (4) que de membres votants présents (3).",
    ]


def test_a_correction_replaces_the_decision_until_the_close(pitch, staff):
    record_decision(pitch, outcome=Outcome.SELECTED, actor=UserFactory(), votes_for=3)
    before = timezone.now()

    record_decision(pitch, outcome=Outcome.NOT_SELECTED, actor=staff, votes_against=3)

    decision = Decision.objects.get(item=pitch)
    assert (decision.outcome, decision.recorded_by, decision.votes_against) == (
        Outcome.NOT_SELECTED,
        staff,
        3,
    )
    assert before <= decision.recorded_at <= timezone.now()


def test_decisions_of_a_closed_session_are_frozen(pitch, staff):
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
    move_session(pitch.session, SessionStatus.CLOSED, actor=staff)

    with pytest.raises(Refused) as refused:
        record_decision(pitch, outcome=Outcome.NOT_SELECTED, actor=staff)

    assert refused.value.reasons == ["La séance est close : ses décisions sont figées."]
    assert Decision.objects.get(item=pitch).outcome == Outcome.SELECTED


def test_a_shortlist_item_takes_a_shortlisting_decision(staff):
    item = in_deliberation(
        SelectionItemFactory(
            kind=ItemKind.SHORTLIST, application__shortlisted=False, application__submitted=True
        ),
        staff,
    )

    decision = record_decision(item, outcome=Outcome.SHORTLISTED, actor=staff)

    assert decision.outcome == Outcome.SHORTLISTED


@pytest.mark.parametrize("reintegration_outcome", ["", "unknown"])
def test_a_reintegration_needs_a_known_outcome(staff, reintegration_outcome):
    review = in_deliberation(ReviewItemFactory(), staff)

    reasons = refusals(
        review, outcome=Outcome.REINTEGRATE, reintegration_outcome=reintegration_outcome
    )

    assert reasons == ["Précisez l'issue de la réintégration."]


@pytest.mark.parametrize(
    ("outcome", "reintegration_outcome", "kept"),
    [
        pytest.param(
            Outcome.REINTEGRATE,
            ReintegrationOutcome.HANDED_OVER,
            "handed_over",
            id="a reintegration keeps its outcome",
        ),
        pytest.param(
            Outcome.CONTINUE,
            ReintegrationOutcome.SCALED,
            "",
            id="another outcome drops any reintegration outcome",
        ),
    ],
)
def test_only_a_reintegration_keeps_a_reintegration_outcome(
    staff, outcome, reintegration_outcome, kept
):
    review = in_deliberation(ReviewItemFactory(), staff)

    decision = record_decision(
        review, outcome=outcome, actor=staff, reintegration_outcome=reintegration_outcome
    )

    assert Decision.objects.get(pk=decision.pk).reintegration_outcome == kept


def test_a_continuation_of_a_project_already_in_experimentation_is_refused(staff):
    review = in_deliberation(ReviewItemFactory(project__experimentation=True), staff)

    reasons = refusals(review, outcome=Outcome.CONTINUE)

    assert reasons == [
        "Le projet est en « Expérimentation » : « Poursuite en expérimentation » ne s'applique pas."
    ]
