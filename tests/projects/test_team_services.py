"""What a team does to its draft: its members, their managers, when it may still change."""

import pytest

from programme.models import AuditEntry
from projects.applications.services.team import (
    add_attachment,
    claim_memberships,
    edit_refusals,
    record_manager_response,
    remove_attachment,
    remove_member,
    start_application,
    update_member,
)
from projects.enums import ManagerResponse, MemberKind, MemberRole
from tests.editions.factories import CLOSES_AT, ONE_SECOND, OPENS_AT, CallFactory
from tests.programme.factories import UserFactory
from tests.projects import uploads
from tests.projects.factories import ApplicationFactory, TeamMemberFactory, added_member
from tests.projects.helpers import refusals

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(open_call):
    return ApplicationFactory(call=open_call)


@pytest.mark.parametrize("at", [OPENS_AT, CLOSES_AT])
def test_a_draft_may_change_from_the_opening_to_the_closing_instant(at):
    assert edit_refusals(ApplicationFactory(), at=at) == []


def test_a_draft_may_not_change_before_the_call_opens():
    reasons = edit_refusals(ApplicationFactory(), at=OPENS_AT - ONE_SECOND)

    assert reasons == ["L'appel à candidatures ouvre le 1er décembre 2021 09:00."]


def test_a_draft_may_not_change_after_the_call_closes():
    reasons = edit_refusals(ApplicationFactory(), at=CLOSES_AT + ONE_SECOND)

    assert reasons == ["L'appel à candidatures est clos depuis le 31 janvier 2022 23:59."]


def test_a_submitted_application_may_not_change():
    reasons = edit_refusals(ApplicationFactory(submitted=True), at=CLOSES_AT)

    assert reasons == ["La candidature est déposée : elle n'est plus modifiable."]


def test_starting_an_application_makes_its_author_the_lead(open_call):
    author = UserFactory(first_name="Inès", last_name="Bal")

    application = start_application(open_call, title="Ruches", actor=author)

    lead = application.team_members.get()
    assert (application.title, application.created_by) == ("Ruches", author)
    assert (lead.user, lead.email, lead.full_name, lead.role) == (
        author,
        author.email,
        "Inès Bal",
        MemberRole.LEAD,
    )


def test_an_application_does_not_start_on_a_closed_call():
    reasons = refusals(lambda: start_application(CallFactory(), title="Tard", actor=UserFactory()))

    assert reasons[0].startswith("L'appel à candidatures est clos depuis le")


def test_a_new_member_is_invited_and_their_manager_asked(
    draft, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member = added_member(draft, "  Lea.Roux@Exemple.TEST ")

    assert (member.email, member.role, member.user) == ("lea.roux@exemple.test", "member", None)
    assert sorted(message.to[0] for message in mailoutbox) == [
        "cheffe@exemple.test",
        "lea.roux@exemple.test",
    ]


def test_a_member_with_an_account_is_linked_to_it_and_not_invited(
    draft, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="lea@exemple.test")

    with django_capture_on_commit_callbacks(execute=True):
        member = added_member(draft, user.email, kind=MemberKind.STUDENT)

    assert (member.user, mailoutbox) == (user, [])


def test_a_full_team_takes_no_one_more(open_call):
    application = ApplicationFactory(
        call=CallFactory(
            max_team_size=2, opens_at=open_call.opens_at, closes_at=open_call.closes_at
        )
    )
    added_member(application, "b@exemple.test")

    reasons = refusals(lambda: added_member(application, "c@exemple.test"))

    assert reasons == ["L'équipe est complète : l'appel autorise 2 membres au plus."]
    assert application.team_members.count() == 2


def test_the_same_person_is_not_added_twice(draft):
    added_member(draft, "b@exemple.test")

    reasons = refusals(lambda: added_member(draft, "B@exemple.test "))

    assert reasons == ["Cette personne fait déjà partie de l'équipe."]


def test_a_new_manager_is_asked_again(draft, mailoutbox, django_capture_on_commit_callbacks):
    member = TeamMemberFactory(application=draft)

    with django_capture_on_commit_callbacks(execute=True):
        updated = update_member(member, actor=draft.created_by, manager_email="neuf@exemple.test")

    assert (updated.manager_response, updated.manager_responded_at) == ("pending", None)
    assert [message.to for message in mailoutbox] == [["neuf@exemple.test"]]


def test_other_details_keep_the_managers_answer(
    draft, mailoutbox, django_capture_on_commit_callbacks
):
    member = TeamMemberFactory(application=draft)

    with django_capture_on_commit_callbacks(execute=True):
        updated = update_member(member, actor=draft.created_by, first_name="Zoé")

    updated.refresh_from_db()
    assert (updated.first_name, updated.manager_response, mailoutbox) == ("Zoé", "agreed", [])


def test_the_lead_is_not_removed_but_a_member_is(draft):
    member = TeamMemberFactory(application=draft)
    lead = draft.team_members.get(role=MemberRole.LEAD)

    reasons = refusals(lambda: remove_member(lead, actor=draft.created_by))
    remove_member(member, actor=draft.created_by)

    assert reasons == ["Le porteur ou la porteuse du projet ne peut pas être retiré de l'équipe."]
    assert list(draft.team_members.all()) == [lead]


def test_the_same_manager_answer_twice_changes_nothing():
    member = TeamMemberFactory(manager_agreed=False)
    first = record_manager_response(member, ManagerResponse.DECLINED, at=OPENS_AT)

    again = record_manager_response(member, ManagerResponse.DECLINED)

    assert (first.manager_responded_at, again) == (OPENS_AT, None)
    assert (member.manager_response, member.manager_responded_at) == ("declined", OPENS_AT)


def test_an_account_claims_the_memberships_invited_under_its_email():
    member = TeamMemberFactory(email="lea@exemple.test")
    TeamMemberFactory(email="autre@exemple.test")
    first_account = UserFactory(email="lea.bis@exemple.test")
    claimed = TeamMemberFactory(email="lea@exemple.test", user=first_account)
    user = UserFactory(email="Lea@Exemple.test")

    assert claim_memberships(user) == 1
    member.refresh_from_db()
    claimed.refresh_from_db()
    assert (member.user, claimed.user) == (user, first_account)


def test_a_file_is_kept_for_its_document_with_its_name_cut_to_255_characters(draft, media_root):
    document = draft.call.required_documents.create(name="Pitch", position=1)
    long_name = "p" * 300 + ".pdf"

    attachment = add_attachment(
        draft, uploads.pdf(name=long_name), actor=draft.created_by, required_document=document
    )

    attachment.refresh_from_db()
    # Django's upload keeps the extension when it shortens the name.
    assert (attachment.required_document, attachment.original_name) == (
        document,
        "p" * 251 + ".pdf",
    )
    assert (attachment.content_type, attachment.size) == ("application/pdf", len(uploads.PDF))


def test_a_removed_file_leaves_neither_its_row_nor_its_content(draft, media_root):
    attachment = add_attachment(draft, uploads.pdf(), actor=draft.created_by)
    stored = media_root / attachment.file.name

    remove_attachment(attachment, actor=draft.created_by)

    assert (draft.attachments.count(), stored.exists()) == (0, False)


def test_a_file_is_not_removed_from_a_submitted_application(media_root):
    application = ApplicationFactory(submitted=True)
    attachment = application.attachments.create(
        file=uploads.pdf(),
        original_name="pitch.pdf",
        content_type="application/pdf",
        size=len(uploads.PDF),
        uploaded_by=application.created_by,
    )

    assert refusals(lambda: remove_attachment(attachment, actor=application.created_by)) == [
        "La candidature est déposée : elle n'est plus modifiable."
    ]
    assert application.attachments.count() == 1


def test_each_team_action_logs_what_it_changed(draft, media_root):
    lead = draft.created_by
    started = start_application(draft.call, title="Ruches partagées", actor=lead)
    attachment = add_attachment(draft, uploads.pdf(name="pitch.pdf"), actor=lead)
    remove_attachment(attachment, actor=lead)
    member = TeamMemberFactory(
        application=draft, first_name="Léa", last_name="Roux", email="lea@exemple.test"
    )
    record_manager_response(member, ManagerResponse.DECLINED, at=OPENS_AT)
    remove_member(member, actor=lead)

    logged = {
        entry.action: (entry.object_id, entry.changes, entry.at)
        for entry in AuditEntry.objects.filter(
            action__in=[
                "application.start",
                "application.add_attachment",
                "application.remove_attachment",
                "team.manager_answer",
                "team.remove_member",
            ]
        ).exclude(action="team.manager_answer", changes__manager_response__1="agreed")
    }

    assert logged["application.start"][:2] == (
        str(started.pk),
        {"title": [None, "Ruches partagées"]},
    )
    assert logged["application.add_attachment"][1] == {"original_name": [None, "pitch.pdf"]}
    assert logged["application.remove_attachment"][1] == {"original_name": ["pitch.pdf", None]}
    assert logged["team.manager_answer"][1:] == (
        {"manager_response": ["agreed", "declined"]},
        OPENS_AT,
    )
    removed = logged["team.remove_member"][1]
    assert (removed["first_name"], removed["email"], removed["manager_response"]) == (
        ["Léa", None],
        ["lea@exemple.test", None],
        ["declined", None],
    )
