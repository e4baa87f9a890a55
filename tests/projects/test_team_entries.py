"""What the log says of a team member, field by field: their arrival with every detail
they came with (profile, department, school or organisation, manager and their answer),
a change of manager that sends the answer back to pending, and their removal."""

import pytest

from programme.models import AuditEntry
from projects.applications.services.team import (
    add_member,
    record_manager_response,
    remove_member,
    update_member,
)
from projects.enums import ManagerResponse, MemberKind
from tests.programme.factories import OrganisationFactory
from tests.projects.factories import ApplicationFactory, added_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(open_call):
    return ApplicationFactory(call=open_call)


def entry(action):
    (found,) = AuditEntry.objects.filter(action=action)
    return found.changes


def test_an_agent_arrives_with_their_profile_department_and_manager(draft):
    department = OrganisationFactory(department=True)

    added_member(draft, "Lea.Roux@Exemple.test", department=department)

    assert entry("team.add_member") == {
        "first_name": [None, "Léa"],
        "last_name": [None, "Roux"],
        "email": [None, "lea.roux@exemple.test"],
        "kind": [None, MemberKind.AGENT],
        "department": [None, department.pk],
        "manager_email": [None, "cheffe@exemple.test"],
        "manager_response": [None, ManagerResponse.PENDING],
    }


@pytest.mark.parametrize(
    ("kind", "field", "trait"),
    [
        (MemberKind.STUDENT, "school", "school"),
        (MemberKind.LOCAL_ACTOR, "organisation", "local_actor"),
    ],
)
def test_a_student_or_a_local_actor_arrives_with_their_school_or_organisation(
    draft, kind, field, trait
):
    organisation = OrganisationFactory(**{trait: True})

    add_member(
        draft,
        actor=draft.created_by,
        email="paul@exemple.test",
        first_name="Paul",
        last_name="Henry",
        kind=kind,
        **{field: organisation},
    )

    changes = entry("team.add_member")
    assert (changes["kind"], changes[field]) == ([None, kind], [None, organisation.pk])


def test_a_new_manager_is_logged_with_their_answer_back_to_pending(draft):
    member = added_member(draft)
    record_manager_response(member, ManagerResponse.AGREED)

    update_member(member, actor=draft.created_by, manager_email="nouveau@exemple.test")

    assert entry("team.update_member") == {
        "manager_email": ["cheffe@exemple.test", "nouveau@exemple.test"],
        "manager_response": [ManagerResponse.AGREED, ManagerResponse.PENDING],
    }


def test_a_removal_logs_every_detail_the_member_had(draft):
    school = OrganisationFactory(school=True)
    member = added_member(
        draft,
        "paul@exemple.test",
        first_name="Paul",
        last_name="Henry",
        kind=MemberKind.STUDENT,
        school=school,
        manager_email="tuteur@exemple.test",
    )

    remove_member(member, actor=draft.created_by)

    assert entry("team.remove_member") == {
        "first_name": ["Paul", None],
        "last_name": ["Henry", None],
        "email": ["paul@exemple.test", None],
        "kind": [MemberKind.STUDENT, None],
        "school": [school.pk, None],
        "manager_email": ["tuteur@exemple.test", None],
        "manager_response": [ManagerResponse.PENDING, None],
    }
