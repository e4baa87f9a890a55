"""Who may do what in the jury area, as ``rules`` predicates.

Matching QuerySets: ``Session.objects.visible_to(user)`` and
``AgendaItem.objects.visible_to(user)`` (an item a member withdrew from is not there).

Who sees what, when — one rule for every screen, export, total and the minutes: before
the deliberation opens nobody but the scorer sees a mark (``jury.see_marks``: president
and secretary included); a member who withdrew from an item sees nothing of it (it is
not in ``AgendaItem.objects.visible_to``); staff see everything.
"""

import rules
from django.db.models import Q

from jury.enums import MemberRole
from jury.models import JuryMember, Session
from programme.rules import is_innovation_staff, signed_in_on_object

CHAIR_ROLES = (MemberRole.PRESIDENT, MemberRole.SECRETARY)


def _session(obj):
    return getattr(obj, "session", obj)


def _seats(user, obj):
    """``(member id, role)`` of ``user``'s convocations to the session of ``obj``: read in
    one query per session object and person, since a page checks several of these rules
    on the session it loaded (the object lives for one request)."""
    session = _session(obj)
    seats = session.__dict__.setdefault("_jury_seats", {})
    if user.pk not in seats:
        seats[user.pk] = list(
            session.convocations.filter(member__user=user).values_list("member_id", "member__role")
        )
    return seats[user.pk]


@signed_in_on_object
def is_convened(user, obj):
    return bool(_seats(user, obj))


@signed_in_on_object
def is_chair(user, obj):
    """The president, the secretary, or the session's substitute chair."""
    substitute = _session(obj).substitute_chair_id
    return any(role in CHAIR_ROLES or pk == substitute for pk, role in _seats(user, obj))


def chairs_a_jury(user):
    """A president or secretary of a jury, or a session's substitute chair: the jury's
    accounts that need a second factor (``programme.second_factor``)."""
    return (
        JuryMember.objects.filter(user=user, is_active=True)
        .filter(Q(role__in=CHAIR_ROLES) | Q(pk__in=Session.objects.values("substitute_chair_id")))
        .exists()
    )


@rules.predicate
def marks_are_open(user, obj):
    return obj is not None and _session(obj).marks_are_open


@signed_in_on_object
def is_voting_member(user, obj):
    return any(role != MemberRole.SECRETARY for _pk, role in _seats(user, obj))


@rules.predicate
def is_convocation_of(user, convocation):
    """Whether ``convocation`` is ``user``'s own (their scoring sheet)."""
    return convocation is not None and convocation.member.user_id == user.pk


@rules.predicate
def has_withdrawn(user, item):
    return item is not None and item.conflicts.filter(member__user=user).exists()


rules.add_perm("jury.see_session", is_convened | is_innovation_staff)
rules.add_perm("jury.deliberate", is_chair | is_innovation_staff)
rules.add_perm("jury.see_item", is_innovation_staff | (is_convened & ~has_withdrawn))
rules.add_perm("jury.see_marks", is_innovation_staff | (is_convened & marks_are_open))
rules.add_perm("jury.score_item", is_voting_member & ~has_withdrawn)
rules.add_perm("jury.declare_conflict", is_convened & ~has_withdrawn)
# On a convocation: the member's own scoring sheet, for them, the chair and staff.
rules.add_perm("jury.see_scoring_sheet", is_innovation_staff | is_chair | is_convocation_of)
# On a session: the sign-in sheet, for the chair and staff.
rules.add_perm("jury.see_sign_in_sheet", is_innovation_staff | is_chair)
