"""Permission predicates about people, shared by the apps above."""

import rules

from programme.roles import is_innovation_staff as _is_innovation_staff


@rules.predicate
def is_innovation_staff(user):
    return _is_innovation_staff(user)
