"""Each refusal of the jury's services is a French sentence naming its rule; and the
audit log of a corrected decision or mark shows what changed, field by field."""

import pytest

from jury.enums import Outcome
from jury.services import (
    declare_conflict,
    record_decision,
    record_score,
    remove_item,
)
from jury.services.deliberation import (
    casting_vote_refusals,
    decision_state_refusals,
    score_refusals,
    vote_refusals,
)
from programme.models import AuditEntry
from projects.enums import ReintegrationOutcome
from tests.jury.factories import CriterionFactory, SessionFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_no_decision_is_recorded_before_the_deliberation_opens():
    session = SessionFactory(pitches=1, scoring=True)

    assert decision_state_refusals(session.items.get()) == [
        "Les décisions s'enregistrent pendant la délibération."
    ]


def test_an_item_withdrawn_from_the_agenda_takes_no_mark(sitting, staff):
    session, people, (pitch, _other) = sitting
    remove_item(pitch, reason="Candidature retirée.", actor=people["president"].user)
    pitch.refresh_from_db()
    criterion = CriterionFactory(session=session, grid=pitch.grid)

    reasons = score_refusals(pitch, member=people["member"], criterion=criterion, value=3)

    assert reasons[0] == "Ce point a été retiré de l'ordre du jour."


def test_a_casting_vote_by_someone_else_than_the_chair_names_the_chair(sitting):
    _session, people, (pitch, _other) = sitting

    assert casting_vote_refusals(pitch, people["president"], people["member"]) == [
        f"La voix prépondérante sur ce point revient à {people['president'].user}."
    ]
    assert casting_vote_refusals(pitch, None, people["member"]) == [
        "La voix prépondérante sur ce point revient à la présidence."
    ]


def test_with_no_chair_sitting_a_tie_cannot_be_broken(sitting):
    _session, _people, (pitch, _other) = sitting

    assert casting_vote_refusals(pitch, None) == [
        "Personne ne peut trancher l'égalité : la présidence ne siège pas sur ce point, "
        "et aucune présidence suppléante ne siège. Votez à nouveau."
    ]


def test_a_withdrawn_president_is_named_as_the_reason_no_one_breaks_the_tie(sitting):
    _session, people, (pitch, _other) = sitting
    declare_conflict(pitch, member=people["president"], actor=people["president"].user)

    assert casting_vote_refusals(pitch, None) == [
        "Personne ne peut trancher l'égalité : la présidence s'est déportée sur ce point, "
        "et aucune présidence suppléante ne siège. Votez à nouveau."
    ]


def test_a_tally_over_the_voters_and_a_wrong_casting_vote_are_both_refused(sitting):
    _session, people, (pitch, _other) = sitting

    reasons = vote_refusals(
        pitch,
        votes_for=4,
        votes_against=4,
        casting_vote_used=True,
        chair=people["president"],
        casting_vote_by=people["member"],
    )

    assert reasons == [
        "Il y a plus de voix (8) que de membres votants présents (4).",
        f"La voix prépondérante sur ce point revient à {people['president'].user}.",
    ]


def test_a_corrected_decision_logs_every_field_it_changed(sitting, staff):
    _session, _people, (pitch, _other) = sitting
    # Each field as first recorded, then as corrected.
    fields = {
        "outcome": ["not_selected", "selected"],
        "public_reasons": ["Trop tôt.", "Un vrai besoin."],
        "private_reasons": ["Budget.", "Soutien de la direction."],
        "votes_for": [1, 2],
        "votes_against": [3, 1],
        "votes_abstain": [0, 1],
    }
    record_decision(pitch, actor=staff, **{name: first for name, (first, _) in fields.items()})

    record_decision(pitch, actor=staff, **{name: then for name, (_, then) in fields.items()})

    correction = AuditEntry.objects.filter(action="jury.record_decision").order_by("pk").last()
    assert correction.changes == fields


def test_a_tie_logs_its_casting_vote_and_who_chaired(sitting, staff):
    _session, people, (pitch, _other) = sitting

    record_decision(
        pitch,
        outcome=Outcome.SELECTED,
        actor=staff,
        votes_for=2,
        votes_against=2,
        casting_vote_used=True,
    )

    (entry,) = AuditEntry.objects.filter(action="jury.record_decision")
    assert entry.changes["casting_vote_used"] == [None, True]
    assert entry.changes["chaired_by"] == [None, people["president"].pk]


def test_marks_of_one_member_on_two_items_are_logged_each_from_nothing():
    session = SessionFactory(pitches=2, convened=2, scoring=True)
    pitch, other = session.items.order_by("position")
    member, colleague = session.members.order_by("pk")
    criterion = CriterionFactory(session=session, grid=pitch.grid)
    second = CriterionFactory(session=session, grid=pitch.grid)

    record_score(pitch, member=member, criterion=criterion, value=3)
    record_score(other, member=member, criterion=criterion, value=4)
    record_score(pitch, member=colleague, criterion=criterion, value=5)
    record_score(pitch, member=member, criterion=second, value=2)

    logged = [
        entry.changes["value"]
        for entry in AuditEntry.objects.filter(action="jury.record_score").order_by("pk")
    ]
    assert logged == [[None, 3], [None, 4], [None, 5], [None, 2]]


def test_a_corrected_reintegration_logs_its_outcome(staff):
    project = ProjectFactory(experimentation=True)
    session = SessionFactory(
        reviews=[{"project": project}], convened=1, deliberation=True, moved_by=staff
    )
    review = session.items.get()
    record_decision(
        review,
        outcome=Outcome.REINTEGRATE,
        actor=staff,
        reintegration_outcome=ReintegrationOutcome.SCALED,
    )

    record_decision(
        review,
        outcome=Outcome.REINTEGRATE,
        actor=staff,
        reintegration_outcome=ReintegrationOutcome.HANDED_OVER,
    )

    correction = AuditEntry.objects.filter(action="jury.record_decision").order_by("pk").last()
    assert correction.changes == {
        "reintegration_outcome": [ReintegrationOutcome.SCALED, ReintegrationOutcome.HANDED_OVER]
    }
