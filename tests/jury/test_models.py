import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import BaseConstraint
from django.db.models.deletion import ProtectedError

from jury.enums import ItemKind, Outcome
from jury.models import AgendaItem, Decision, Score
from tests.constraints import refused_by_the_database
from tests.jury.factories import (
    CriterionFactory,
    JuryMemberFactory,
    ReviewItemFactory,
    SelectionItemFactory,
)
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db


def _score(item, member, criterion, value, scale_max=5):
    return Score.objects.create(
        item=item, member=member, criterion=criterion, value=value, scale_max=scale_max
    )


@pytest.fixture
def marking():
    """An item, a member of its programme and a criterion marked out of 5."""
    item = SelectionItemFactory()
    criterion = CriterionFactory(session=item.session, scale_max=5)
    return item, JuryMemberFactory(programme=item.session.programme), criterion


def test_duplicate_score_for_member_item_and_criterion_is_refused_by_the_database(marking):
    _score(*marking, 3)

    with refused_by_the_database(Score, "score_one_per_member_criterion"):
        _score(*marking, 4)


def test_score_above_its_scale_is_refused_by_the_database(marking):
    with refused_by_the_database(Score, "score_within_scale"):
        _score(*marking, 6)


def test_score_at_the_top_of_its_scale_is_accepted(marking):
    assert _score(*marking, 5).value == 5


def test_agenda_item_with_both_an_application_and_a_project_is_refused_by_the_database():
    review = ReviewItemFactory()

    with refused_by_the_database(AgendaItem, "agenda_item_exactly_one_subject"):
        AgendaItem.objects.create(
            session=review.session,
            position=99,
            kind=ItemKind.REVIEW,
            project=review.project,
            application=review.project.application,
        )


def test_selection_item_without_application_is_refused_by_the_database():
    review = ReviewItemFactory()

    with refused_by_the_database(AgendaItem, "agenda_item_exactly_one_subject"):
        AgendaItem.objects.create(session=review.session, position=99, kind=ItemKind.SELECTION)


def test_two_items_at_the_same_position_are_refused_by_the_database():
    item = SelectionItemFactory()

    with refused_by_the_database(AgendaItem, "agenda_item_position"):
        SelectionItemFactory(session=item.session, position=item.position)


def test_second_decision_on_an_item_is_refused_by_the_database():
    item = SelectionItemFactory()
    author = UserFactory()
    fields = {
        "outcome": Outcome.SELECTED,
        "recorded_by": author,
        "recorded_at": item.session.starts_at,
    }
    Decision.objects.create(item=item, **fields)

    # The item is a one-to-one field: its unique index is Django's, named after the column.
    with pytest.raises(IntegrityError, match=r"\bitem_id\b"), transaction.atomic():
        Decision.objects.create(item=item, **fields)


def test_casting_vote_without_a_tie_is_refused_by_the_database():
    item = SelectionItemFactory()

    with refused_by_the_database(Decision, "decision_casting_vote_only_on_tie"):
        Decision.objects.create(
            item=item,
            outcome=Outcome.SELECTED,
            votes_for=3,
            votes_against=1,
            casting_vote_used=True,
            recorded_by=UserFactory(),
            recorded_at=item.session.starts_at,
        )


def test_deleting_a_session_with_a_decision_is_refused():
    item = SelectionItemFactory()
    Decision.objects.create(
        item=item,
        outcome=Outcome.SELECTED,
        recorded_by=UserFactory(),
        recorded_at=item.session.starts_at,
    )

    with pytest.raises(ProtectedError):
        item.session.delete()

    assert Decision.objects.filter(item=item).exists()


@pytest.mark.parametrize(
    "constraint",
    [
        pytest.param(constraint, id=constraint.name)
        for model in apps.get_app_config("jury").get_models()
        for constraint in model._meta.constraints
    ],
)
def test_every_constraint_refuses_with_a_french_sentence_not_its_name(constraint):
    message = str(constraint.violation_error_message)

    assert constraint.name not in message
    assert message != str(BaseConstraint.default_violation_error_message)
    assert message.endswith(".")
