"""Every object predicate of every app answers « no », without failing, when it is asked
about no object (``user.has_perm("…")`` without one, or a view that found nothing)."""

import importlib

import pytest
import rules

from tests.programme.factories import UserFactory

RULE_MODULES = ("projects.rules", "jury.rules")


def object_predicates():
    for module_name in RULE_MODULES:
        module = importlib.import_module(module_name)
        for name, value in sorted(vars(module).items()):
            if isinstance(value, rules.Predicate) and value.num_args == 2:
                yield pytest.param(value, id=f"{module_name}.{name}")


@pytest.mark.django_db
@pytest.mark.parametrize("predicate", list(object_predicates()))
@pytest.mark.parametrize("staff", [False, True], ids=["person", "staff"])
def test_an_object_predicate_asked_about_no_object_says_no(predicate, staff):
    user = UserFactory(innovation_staff=staff)

    assert predicate.test(user, None) is False
