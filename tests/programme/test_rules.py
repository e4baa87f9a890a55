"""The predicate of ``programme/rules.py`` the other apps build on, for every role; the
helpers they build their own predicates and views' checks with; and the permissions the
app registers (none today: a new one without a row fails)."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from programme.rules import is_innovation_staff, require_perm, signed_in_on_object
from tests.programme.factories import UserFactory
from tests.roles import ROLES
from tests.rules_table import person, registered_permissions

# programme.<permission> → the roles holding it.
TABLE = {}


def test_every_permission_of_the_app_has_a_row_in_the_table():
    assert set(TABLE) == registered_permissions("programme")


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_in_the_staff_group_are_innovation_staff(shared_world, db, role):
    assert is_innovation_staff(person(shared_world, role)) == (role == "staff")


def test_a_superuser_without_the_group_is_innovation_staff(db):
    superuser = UserFactory(is_staff=True, is_superuser=True)

    assert is_innovation_staff(superuser) is True


def test_an_inactive_staff_member_is_not_innovation_staff(db):
    former = UserFactory(innovation_staff=True, is_active=False)

    assert is_innovation_staff(former) is False


def _asking(answer):
    """A test for ``signed_in_on_object`` answering ``answer``, and the calls it got."""
    calls = []

    def is_the_account_of(user, obj):
        calls.append((user, obj))
        return answer

    return is_the_account_of, calls


@pytest.mark.parametrize("visitor", ["anonymous", "no object"])
def test_a_predicate_on_an_object_says_no_without_a_person_or_an_object_nor_asks_its_test(
    db, visitor
):
    test, calls = _asking(True)
    person = UserFactory()
    user, obj = (AnonymousUser(), person) if visitor == "anonymous" else (person, None)

    assert signed_in_on_object(test)(user, obj) is False
    assert calls == []


@pytest.mark.parametrize("answer", [True, False])
def test_a_predicate_on_an_object_says_what_its_test_says_of_the_person_and_the_object(db, answer):
    test, calls = _asking(answer)
    person, account = UserFactory(), UserFactory()

    predicate = signed_in_on_object(test)

    assert predicate(person, account) is answer
    assert calls == [(person, account)]
    assert predicate.name == "is_the_account_of"


@pytest.fixture
def own_account_permission():
    """``tests.edit_account``: a person may edit their own account and no other one."""
    rules.add_perm("tests.edit_account", signed_in_on_object(lambda user, obj: obj == user))
    rules.add_perm("tests.see_accounts", rules.is_active)
    yield
    rules.remove_perm("tests.edit_account")
    rules.remove_perm("tests.see_accounts")


def test_require_perm_gives_back_the_object_the_person_holds_the_permission_on(
    db, own_account_permission
):
    person = UserFactory()

    assert require_perm(person, "tests.edit_account", person) is person


def test_require_perm_refuses_an_object_the_person_lacks_the_permission_on(
    db, own_account_permission
):
    person = UserFactory()

    with pytest.raises(PermissionDenied):
        require_perm(person, "tests.edit_account", UserFactory())


def test_require_perm_without_an_object_checks_the_permission_alone(db, own_account_permission):
    assert require_perm(UserFactory(), "tests.see_accounts") is None
    with pytest.raises(PermissionDenied):
        require_perm(UserFactory(is_active=False), "tests.see_accounts")
