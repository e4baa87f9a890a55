"""Permission predicates about people, shared by the apps above."""

from functools import wraps

import rules
from django.core.exceptions import PermissionDenied

from programme.roles import is_innovation_staff as _is_innovation_staff


@rules.predicate
def is_innovation_staff(user):
    return _is_innovation_staff(user)


def signed_in_on_object(test):
    """A predicate on a person and an object: « no » for an anonymous visitor or without
    an object (a view that found nothing), else what ``test(user, obj)`` says."""

    @wraps(test)
    def predicate(user, obj):
        if obj is None or not user.is_authenticated:
            return False
        return test(user, obj)

    return rules.predicate(predicate)


def require_perm(user, permission, obj=None):
    """``obj`` if ``user`` holds ``permission`` (on it, when there is one); else
    ``PermissionDenied``, a 403: the check a view makes on what it has loaded."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied
    return obj
