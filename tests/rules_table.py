"""Helpers for the ``test_rules.py`` of each app: who each person of the world is, and
which permissions an app registers with ``rules``."""

import rules
from django.contrib.auth.models import AnonymousUser

from tests.roles import ROLES


def person(world, role):
    return world.users[role] or AnonymousUser()


def registered_permissions(app_label):
    return {name for name in rules.permissions.permissions if name.startswith(f"{app_label}.")}


def cases(table):
    """One case per (permission, state) row of ``table`` and role."""
    return [(permission, state, role) for permission, state in sorted(table) for role in ROLES]
