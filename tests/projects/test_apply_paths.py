"""A newcomer finds the open call from the home page and the edition's page, and a team
member's form asks only the chosen profile's details."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.enums import MemberKind
from tests.editions.factories import CallFactory
from tests.programme.factories import OrganisationFactory
from tests.projects.factories import ApplicationFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def start_url(call):
    return reverse("projects:application_start", args=[call.edition.slug])


@pytest.fixture
def published_open_call():
    return CallFactory(open_now=True, is_published=True, edition__is_published=True)


def test_the_home_page_leads_to_the_open_call_with_a_candidater_button(client, published_open_call):
    content = client.get("/").content.decode()

    assert f'href="{start_url(published_open_call)}"' in content
    assert "Candidater" in content
    assert f"L'appel « {published_open_call.title} » est ouvert jusqu'au" in content


@pytest.mark.parametrize("state", ["closed", "upcoming", "unpublished"])
def test_the_home_page_offers_no_candidater_button_without_an_open_published_call(client, state):
    now = timezone.now()
    days = datetime.timedelta(days=5)
    dates = {
        "closed": {"opens_at": now - 2 * days, "closes_at": now - days},
        "upcoming": {"opens_at": now + days, "closes_at": now + 2 * days},
        "unpublished": {"opens_at": now - days, "closes_at": now + days},
    }[state]
    call = CallFactory(is_published=state != "unpublished", edition__is_published=True, **dates)

    content = client.get("/").content.decode()

    assert start_url(call) not in content


def test_the_edition_page_shows_candidater_while_its_call_is_open(client, published_open_call):
    slug = published_open_call.edition.slug
    content = client.get(reverse("public:edition", args=[slug])).content.decode()

    assert f'href="{start_url(published_open_call)}"' in content


@pytest.fixture
def draft():
    return ApplicationFactory(call=CallFactory(open_now=True))


def member_url(draft, member=None):
    if member is None:
        return reverse("projects:member_add", args=[draft.pk])
    return reverse("projects:member_edit", args=[draft.pk, member.pk])


def test_a_new_members_form_ticks_no_profile(client, draft):
    client.force_login(draft.created_by)

    content = client.get(member_url(draft)).content.decode()

    radios = content.split('id="div_id_kind"', 1)[1].split("</fieldset>", 1)[0]
    assert radios.count('type="radio"') == 3
    assert "checked" not in radios
    assert 'data-member-kind-fields="agent"' in content
    assert "js/member-kind.js" in content


def test_changing_a_members_profile_clears_the_details_of_the_old_one(client, draft):
    department = OrganisationFactory(department=True)
    school = OrganisationFactory(school=True)
    member = TeamMemberFactory(
        application=draft,
        kind=MemberKind.AGENT,
        department=department,
        manager_name="Claire Petit",
        manager_email="claire.petit@exemple.test",
    )
    client.force_login(draft.created_by)

    client.post(
        member_url(draft, member),
        {
            "first_name": member.first_name,
            "last_name": member.last_name,
            "kind": MemberKind.STUDENT,
            "job_title": "Master 2",
            "department": department.pk,
            "manager_name": "Claire Petit",
            "manager_email": "claire.petit@exemple.test",
            "school": school.pk,
        },
    )

    member.refresh_from_db()
    assert (member.kind, member.school, member.department) == (MemberKind.STUDENT, school, None)
    assert (member.manager_name, member.manager_email) == ("", "")
