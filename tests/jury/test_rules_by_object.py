"""Every jury permission for every role, on the session and on one of its items."""

import pytest
from django.contrib.auth.models import AnonymousUser

from jury.enums import MemberRole
from tests.jury.factories import ConvocationFactory, SelectionItemFactory
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ("president", "secretary", "member", "withdrawn", "outsider", "staff", "anonymous")
# role: see_session, deliberate, see_item, score_item, declare_conflict
EXPECTED = {
    "president": (True, True, True, True, True),
    "secretary": (True, True, True, False, True),
    "member": (True, False, True, True, True),
    "withdrawn": (True, False, False, False, False),
    "outsider": (False, False, False, False, False),
    "staff": (True, True, True, False, False),
    "anonymous": (False, False, False, False, False),
}


@pytest.fixture
def item():
    return SelectionItemFactory()


def user_of(role, item):
    roles = {
        "president": MemberRole.PRESIDENT,
        "secretary": MemberRole.SECRETARY,
        "member": MemberRole.QUALIFIED_PERSON,
        "withdrawn": MemberRole.ELECTED_OFFICIAL,
    }
    if role in roles:
        member = ConvocationFactory(session=item.session, member__role=roles[role]).member
        if role == "withdrawn":
            item.conflicts.create(member=member, declared_by=member.user)
        return member.user
    if role == "outsider":
        return ConvocationFactory(member__role=MemberRole.PRESIDENT).member.user
    if role == "staff":
        return UserFactory(innovation_staff=True)
    return AnonymousUser()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_has_exactly_its_jury_permissions(item, role):
    user = user_of(role, item)

    granted = (
        user.has_perm("jury.see_session", item.session),
        user.has_perm("jury.deliberate", item.session),
        user.has_perm("jury.see_item", item),
        user.has_perm("jury.score_item", item),
        user.has_perm("jury.declare_conflict", item),
    )

    assert granted == EXPECTED[role]


@pytest.mark.parametrize("role", ROLES)
def test_a_session_permission_asked_on_an_item_reads_its_session(item, role):
    user = user_of(role, item)

    granted = (user.has_perm("jury.see_session", item), user.has_perm("jury.deliberate", item))

    assert granted == EXPECTED[role][:2]


@pytest.mark.parametrize(
    "perm", ["jury.see_session", "jury.deliberate", "jury.see_item", "jury.score_item"]
)
def test_no_permission_without_an_object(item, perm):
    president = user_of("president", item)

    assert president.has_perm(perm, None) is False
