"""The predicate of ``programme/rules.py`` the other apps build on, for every role; and
the permissions the app registers (none today: a new one without a row fails)."""

import pytest

from programme.rules import is_innovation_staff
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
