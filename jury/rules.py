"""Who may do what in the jury area, as ``rules`` predicates.

Matching QuerySets: ``Session.objects.visible_to(user)`` and
``AgendaItem.objects.visible_to(user)`` (an item a member withdrew from is not there).
"""

import rules

from jury.enums import MemberRole
from programme.rules import is_innovation_staff

CHAIR_ROLES = (MemberRole.PRESIDENT, MemberRole.SECRETARY)


def _session(obj):
    return getattr(obj, "session", obj)


@rules.predicate
def is_convened(user, obj):
    if obj is None or not user.is_authenticated:
        return False
    return _session(obj).convocations.filter(member__user=user).exists()


@rules.predicate
def is_chair(user, obj):
    if obj is None or not user.is_authenticated:
        return False
    return (
        _session(obj).convocations.filter(member__user=user, member__role__in=CHAIR_ROLES).exists()
    )


@rules.predicate
def is_voting_member(user, obj):
    if obj is None or not user.is_authenticated:
        return False
    return (
        _session(obj)
        .convocations.filter(member__user=user)
        .exclude(member__role=MemberRole.SECRETARY)
        .exists()
    )


@rules.predicate
def has_withdrawn(user, item):
    return item is not None and item.conflicts.filter(member__user=user).exists()


rules.add_perm("jury.see_session", is_convened | is_innovation_staff)
rules.add_perm("jury.deliberate", is_chair | is_innovation_staff)
rules.add_perm("jury.see_item", is_innovation_staff | (is_convened & ~has_withdrawn))
rules.add_perm("jury.score_item", is_voting_member & ~has_withdrawn)
rules.add_perm("jury.declare_conflict", is_convened & ~has_withdrawn)
