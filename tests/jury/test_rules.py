"""Every permission of ``jury/rules.py`` for every role, on the sessions of the world
(one in scoring, one in deliberation, one closed) and their items. Only ``see_marks``
reads the session's status: the views and services refuse what its status forbids
(scoring a closed session, withdrawing from it), so the others hold the same in each."""

import pytest

from jury.enums import MemberRole
from jury.rules import chairs_a_jury
from tests.jury.factories import ConvocationFactory, JuryMemberFactory, SessionFactory
from tests.programme.factories import UserFactory
from tests.roles import ROLES
from tests.rules_table import cases, person, registered_permissions

STAFF = {"staff"}
CONVENED = {"jury_member", "president", "secretary", "withdrawn_member"}
CHAIR = {"president", "secretary"}
VOTING = CONVENED - {"secretary"}
WITHDRAWN = {"withdrawn_member"}

OBJECTS = {
    "session in scoring": lambda w: w.scoring_session,
    "session in deliberation": lambda w: w.session,
    "closed session": lambda w: w.closed_session,
    # The withdrawn member withdrew from this item only.
    "item in deliberation": lambda w: w.review,
    "item of the closed session": lambda w: w.closed_session.items.get(),
    # The ordinary member's convocation: their scoring sheet.
    "member's convocation": lambda w: w.session.convocations.get(
        member__user=w.users["jury_member"]
    ),
}
TABLE = {
    ("jury.see_session", "session in deliberation"): CONVENED | STAFF,
    ("jury.see_session", "closed session"): CONVENED | STAFF,
    ("jury.deliberate", "session in deliberation"): CHAIR | STAFF,
    ("jury.deliberate", "closed session"): CHAIR | STAFF,
    # Before the deliberation, only the scorer sees a mark (on their own item page).
    ("jury.see_marks", "session in scoring"): STAFF,
    ("jury.see_marks", "session in deliberation"): CONVENED | STAFF,
    ("jury.see_marks", "closed session"): CONVENED | STAFF,
    ("jury.see_item", "item in deliberation"): (CONVENED - WITHDRAWN) | STAFF,
    ("jury.see_item", "item of the closed session"): CONVENED | STAFF,
    ("jury.score_item", "item in deliberation"): VOTING - WITHDRAWN,
    ("jury.score_item", "item of the closed session"): VOTING,
    ("jury.declare_conflict", "item in deliberation"): CONVENED - WITHDRAWN,
    ("jury.declare_conflict", "item of the closed session"): CONVENED,
    ("jury.see_scoring_sheet", "member's convocation"): {"jury_member"} | CHAIR | STAFF,
    ("jury.see_sign_in_sheet", "session in deliberation"): CHAIR | STAFF,
    ("jury.see_sign_in_sheet", "closed session"): CHAIR | STAFF,
}


def test_every_permission_of_the_app_has_rows_in_the_table():
    assert {permission for permission, _state in TABLE} == registered_permissions("jury")


def test_the_table_names_only_roles_and_objects_of_the_world():
    assert set().union(*TABLE.values()) <= set(ROLES)
    assert {state for _permission, state in TABLE} == set(OBJECTS)


@pytest.mark.parametrize(("permission", "state", "role"), cases(TABLE))
def test_each_role_holds_exactly_the_jury_permissions_the_table_gives_it(
    shared_world, db, permission, state, role
):
    obj = OBJECTS[state](shared_world)

    allowed = person(shared_world, role).has_perm(permission, obj)

    assert allowed == (role in TABLE[permission, state])


# Who chairs a jury, and so needs a second factor (``chairs_a_jury``).


@pytest.mark.django_db
def test_a_jury_is_chaired_by_its_active_president_or_secretary_or_a_substitute_chair():
    president = JuryMemberFactory(role=MemberRole.PRESIDENT)
    secretary = JuryMemberFactory(role=MemberRole.SECRETARY)
    substitute = JuryMemberFactory(role=MemberRole.ELECTED_OFFICIAL)
    SessionFactory(substitute_chair=substitute)
    member = JuryMemberFactory(role=MemberRole.ELECTED_OFFICIAL)
    former = JuryMemberFactory(role=MemberRole.PRESIDENT, is_active=False)

    chairs = {
        name: chairs_a_jury(seat.user)
        for name, seat in {
            "president": president,
            "secretary": secretary,
            "substitute chair": substitute,
            "member": member,
            "former president": former,
        }.items()
    }

    assert chairs == {
        "president": True,
        "secretary": True,
        "substitute chair": True,
        "member": False,
        "former president": False,
    }
    assert chairs_a_jury(UserFactory()) is False


@pytest.mark.django_db
def test_a_substitute_chair_chairs_their_session_and_no_other():
    session = SessionFactory()
    substitute = ConvocationFactory(
        session=session, member=JuryMemberFactory(role=MemberRole.ELECTED_OFFICIAL)
    ).member
    member = ConvocationFactory(
        session=session, member=JuryMemberFactory(role=MemberRole.ELECTED_OFFICIAL)
    ).member
    session.substitute_chair = substitute
    session.save(update_fields=["substitute_chair"])
    other = SessionFactory()
    ConvocationFactory(session=other, member=substitute)

    rights = {
        (name, which): seat.user.has_perm("jury.deliberate", target)
        for name, seat in {"substitute": substitute, "member": member}.items()
        for which, target in {"own": session, "other": other}.items()
    }

    assert rights == {
        ("substitute", "own"): True,
        ("substitute", "other"): False,
        ("member", "own"): False,
        ("member", "other"): False,
    }
