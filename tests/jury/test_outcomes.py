"""Each jury outcome names the move it makes in its subject's lifecycle, from which state
it applies, and what the close says when the subject is no longer in that state."""

import pytest

from editions.enums import Phase
from jury.enums import Outcome
from jury.transitions import OUTCOME_MOVES, outcome_move, outcome_refusals, outcome_target
from projects.applications.transitions import APPLICATION_LIFECYCLE
from projects.enums import ApplicationStatus
from projects.laureates.transitions import PROJECT_LIFECYCLE
from tests.jury.factories import ReviewItemFactory, SelectionItemFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("outcome", "lifecycle", "move", "target"),
    [
        (Outcome.SHORTLISTED, APPLICATION_LIFECYCLE, "shortlist", ApplicationStatus.SHORTLISTED),
        (
            Outcome.NOT_SHORTLISTED,
            APPLICATION_LIFECYCLE,
            "not_shortlist",
            ApplicationStatus.NOT_SHORTLISTED,
        ),
        (Outcome.SELECTED, APPLICATION_LIFECYCLE, "select", ApplicationStatus.SELECTED),
        (Outcome.NOT_SELECTED, APPLICATION_LIFECYCLE, "not_select", ApplicationStatus.NOT_SELECTED),
        (Outcome.CONTINUE, PROJECT_LIFECYCLE, "continue", Phase.EXPERIMENTATION),
        (Outcome.RENEW, PROJECT_LIFECYCLE, "renew", Phase.EXPERIMENTATION),
        (Outcome.REINTEGRATE, PROJECT_LIFECYCLE, "reintegrate", Phase.REINTEGRATION),
    ],
)
def test_each_outcome_names_its_move_and_where_it_leads(outcome, lifecycle, move, target):
    named_lifecycle, name = OUTCOME_MOVES[outcome]

    assert (named_lifecycle, name) == (lifecycle, move)
    assert outcome_target(outcome) == target


def test_an_outcome_applies_from_its_moves_source_only():
    pitch = SelectionItemFactory()
    pitch.application.status = ApplicationStatus.SHORTLISTED

    assert outcome_move(Outcome.SELECTED, pitch.application).name == "select"
    assert outcome_move(Outcome.SHORTLISTED, pitch.application) is None


def test_a_project_outcome_that_no_longer_applies_names_the_phase_and_the_outcome():
    review = ReviewItemFactory()

    assert outcome_refusals(review, Outcome.RENEW) == [
        "Le projet est en « Pré-incubation » : « Renouvellement de l'expérimentation » ne "
        "s'applique pas."
    ]
    assert outcome_refusals(review, Outcome.CONTINUE) == []
