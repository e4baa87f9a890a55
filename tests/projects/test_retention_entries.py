"""What the retention schedule of applications and laureates writes, read by exact
value: each audit entry's changes, reason, date and actor, the anonymised member's row,
the entries and history that named them, a deleted draft's title and a file's name."""

import datetime

import pytest
from django.utils import timezone

from editions.enums import Phase
from programme import audit
from programme.models import AuditEntry
from programme.retention import apply_retention
from projects.applications.services.team import add_attachment, update_member
from projects.enums import MemberKind, ReintegrationOutcome
from projects.models import Application
from projects.retention import (
    anonymise_application,
    anonymise_member,
    delete_draft,
    register_kinds,
)
from tests.editions.factories import CallFactory
from tests.programme.factories import OrganisationFactory, UserFactory
from tests.projects import uploads
from tests.projects.factories import (
    REVIEWED_AT,
    ApplicationFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.projects.helpers import decide_project
from tests.projects.test_retention import turned_down as turned_down_application

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
# Long after every kind's default duration for the factories' dates (2022).
AT = datetime.datetime(2028, 1, 1, 3, 0, tzinfo=datetime.UTC)
DRAFT_REASON = "Brouillon jamais déposé : durée de conservation écoulée."
UNSUCCESSFUL_REASON = "Candidature non retenue : durée de conservation écoulée."
LAUREATE_REASON = "Projet terminé : durée de conservation écoulée."
# Every field of a member that names them, as the anonymisation must know them.
MEMBER_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "job_title",
    "manager_name",
    "manager_email",
    "department",
    "school",
    "organisation",
    "user",
    "public_name_consent",
    "public_name_consent_at",
)


@pytest.fixture(autouse=True)
def registered_kinds():
    """The kinds as ``register_kinds`` registers them. The app registered them when it
    started; registering them again changes nothing, and reads them from the code as it
    is when the test runs (a mutation run starts the app once, before it changes the
    code)."""
    register_kinds()


def entries_since(mark):
    return [
        (entry.action, entry.content_type.model, entry.object_id, entry.changes, entry.reason)
        for entry in AuditEntry.objects.filter(pk__gt=mark).order_by("pk")
    ]


def last_pk():
    last = AuditEntry.objects.order_by("pk").last()
    return last.pk if last else 0


def test_each_anonymised_object_has_its_entry_with_its_changes_reason_and_date(media_root, staff):
    now = timezone.now().replace(microsecond=0)
    turned_down, member, _attachment = turned_down_application(
        now,
        staff,
        first_name="Zéphyrine",
        last_name="Quintal",
        email="zephyrine@planted.test",
        manager=("Léon Gardé", "leon@planted.test"),
        file_name="cv.pdf",
        decided_at=now + 11 * DAY,
    )
    lead = turned_down.team_members.get(role="lead")
    draft = ApplicationFactory()
    draft_lead = draft.team_members.get()
    ended = ProjectFactory(reintegrated=True).application
    ended_lead = ended.team_members.get()
    at = now + 742 * DAY
    at_in_log = at.isoformat().replace("+00:00", "Z")
    mark = last_pk()

    apply_retention(at=at)

    def anonymised(application, attachments, reason):
        changes = {"anonymised_at": [None, at_in_log], "attachments": [attachments, 0]}
        return ("application.anonymise", "application", str(application.pk), changes, reason)

    def member_anonymised(member, reason):
        changes = {"anonymised_at": [None, at_in_log]}
        return ("team.anonymise_member", "teammember", str(member.pk), changes, reason)

    assert [e for e in entries_since(mark) if e[0] != "account.erase"] == [
        member_anonymised(draft_lead, DRAFT_REASON),
        anonymised(draft, 0, DRAFT_REASON),
        ("application.delete_draft", "application", str(draft.pk), {}, DRAFT_REASON),
        member_anonymised(lead, UNSUCCESSFUL_REASON),
        member_anonymised(member, UNSUCCESSFUL_REASON),
        anonymised(turned_down, 1, UNSUCCESSFUL_REASON),
        member_anonymised(ended_lead, LAUREATE_REASON),
        anonymised(ended, 0, LAUREATE_REASON),
    ]
    assert set(AuditEntry.objects.filter(pk__gt=mark).values_list("at", flat=True)) == {at}
    assert list(
        Application.objects.filter(pk__in=[turned_down.pk, ended.pk]).values_list(
            "anonymised_at", flat=True
        )
    ) == [at, at]


def test_an_anonymised_member_keeps_their_role_and_kind_and_nothing_else(media_root):
    member = TeamMemberFactory(
        kind=MemberKind.AGENT,
        job_title="Jardinière",
        manager_name="Léon Gardé",
        manager_email="leon@kept.test",
        department=OrganisationFactory(department=True),
        public_name_consent=True,
        public_name_consent_at=AT - 400 * DAY,
        user=UserFactory(),
    )
    Application.objects.filter(pk=member.application_id).update(updated_at=AT - 400 * DAY)

    assert anonymise_member(member, actor=None, at=AT, reason="Demande.") is True

    member.refresh_from_db()
    assert {name: getattr(member, name) for name in ANONYMISED} == {
        "email": f"membre-{member.pk}@anonyme.invalid",
        "first_name": "",
        "last_name": "",
        "job_title": "",
        "manager_name": "",
        "manager_email": "",
        "department": None,
        "school": None,
        "organisation": None,
        "user": None,
        "public_name_consent": False,
        "public_name_consent_at": None,
        "anonymised_at": AT,
        "role": "member",
        "kind": MemberKind.AGENT,
    }
    touched = Application.objects.get(pk=member.application_id).updated_at
    assert touched > timezone.now() - datetime.timedelta(minutes=5)


ANONYMISED = (*MEMBER_FIELDS, "anonymised_at", "role", "kind")


def test_a_member_anonymised_without_a_date_is_stamped_now():
    member = TeamMemberFactory()

    anonymise_member(member, actor=None)

    member.refresh_from_db()
    assert member.anonymised_at > timezone.now() - datetime.timedelta(minutes=5)
    (entry,) = AuditEntry.objects.filter(action="team.anonymise_member")
    assert (entry.at, entry.reason) == (member.anonymised_at, "")


def test_the_members_earlier_entries_lose_every_field_of_theirs(media_root):
    application = ApplicationFactory(call=CallFactory(open_now=True))
    member = TeamMemberFactory(application=application, kind=MemberKind.AGENT)
    update_member(
        member,
        actor=application.created_by,
        first_name="Zéphyrine",
        last_name="Quintal",
        email="zephyrine@planted.test",
        department=OrganisationFactory(department=True),
        manager_email="chef@planted.test",
    )
    (entry,) = AuditEntry.objects.filter(action="team.update_member")
    assert set(entry.changes) == {
        "first_name",
        "last_name",
        "email",
        "department",
        "manager_email",
        "manager_response",
    }

    anonymise_member(member, actor=None, at=AT)

    entry.refresh_from_db()
    assert {name: pair for name, pair in entry.changes.items() if name != "manager_response"} == {
        name: ["***", "***"]
        for name in ("first_name", "last_name", "email", "department", "manager_email")
    }
    assert entry.object_repr == f"Membre n° {member.pk}"


def test_any_entry_on_the_member_loses_the_values_of_every_field_that_named_them():
    """Whatever a service logged of the member's own fields (an account claimed, a
    consent, a job), the anonymisation erases the values, empty or not."""
    member = TeamMemberFactory()
    named = {name: ["avant", "après"] for name in MEMBER_FIELDS}
    entry = audit.record(member, "test.planted", actor=None, changes={**named, "role": ["a", "b"]})

    anonymise_member(member, actor=None, at=AT)

    entry.refresh_from_db()
    assert entry.changes == {
        **{name: ["***", "***"] for name in MEMBER_FIELDS},
        "role": ["a", "b"],
    }


def test_the_members_name_leaves_the_reasons_of_the_projects_history(media_root):
    project = ProjectFactory()
    member = TeamMemberFactory(
        application=project.application, first_name="Zéphyrine", last_name="Quintal"
    )
    decide_project(
        project,
        Phase.REINTEGRATION,
        outcome=ReintegrationOutcome.STOPPED,
        reason="Zéphyrine Quintal rejoint son service.",
        at=REVIEWED_AT,
    )
    kept = project.application.transitions.values_list("reason", flat=True)
    before = list(kept)

    anonymise_member(member, actor=None, at=AT)

    assert list(project.transitions.order_by("pk").values_list("reason", flat=True)) == [
        "Décision de test.",
        "*** rejoint son service.",
    ]
    assert list(kept) == before


def test_the_files_entries_are_labelled_by_their_number_once_anonymised(media_root):
    application = ApplicationFactory(call=CallFactory(open_now=True))
    attachment = add_attachment(
        application, uploads.pdf(name="cv-quintal.pdf"), actor=application.created_by
    )

    anonymise_application(application, actor=None, at=AT)

    (entry,) = AuditEntry.objects.filter(action="application.add_attachment")
    assert entry.object_repr == f"Pièce jointe n° {attachment.pk}"
    assert anonymise_application(application, actor=None, at=AT) is False
    (anonymised,) = AuditEntry.objects.filter(action="application.anonymise")
    assert anonymised.reason == ""


def test_every_free_text_of_an_anonymised_application_is_emptied_and_leaves_its_entries():
    texts = {
        "problem": "Zoé a vu les ruches disparaître.",
        "target_users": "Les apiculteurs du quartier de Zoé.",
        "proposed_solution": "Un rucher partagé chez Zoé.",
        "expected_impact": "Des abeilles chez Zoé.",
    }
    application = ApplicationFactory(**texts)
    entry = audit.record(
        application,
        "test.planted",
        actor=None,
        changes={name: ["", text] for name, text in texts.items()},
    )

    anonymise_application(application, actor=None, at=AT)

    application.refresh_from_db()
    entry.refresh_from_db()
    assert {name: getattr(application, name) for name in texts} == dict.fromkeys(texts, "")
    assert entry.changes == {name: ["", "***"] for name in texts}


def test_an_earlier_name_of_a_file_or_a_drafts_earlier_title_leaves_their_entries(media_root):
    """Erased by field, not only by value: a name the file or the draft no longer has."""
    draft = ApplicationFactory(call=CallFactory(open_now=True), title="Ruches")
    attachment = add_attachment(draft, uploads.pdf(name="cv.pdf"), actor=draft.created_by)
    renamed = audit.record(
        attachment, "test.planted", actor=None, changes={"original_name": ["vieux.pdf", "cv.pdf"]}
    )
    retitled = audit.record(
        draft, "test.planted", actor=None, changes={"title": ["Abeilles de Zoé", "Ruches"]}
    )

    delete_draft(draft, actor=None, at=AT)

    renamed.refresh_from_db()
    retitled.refresh_from_db()
    assert (renamed.changes, retitled.changes) == (
        {"original_name": ["***", "***"]},
        {"title": ["***", "***"]},
    )


def test_the_runs_actor_is_the_actor_of_every_entry(media_root, staff):
    ApplicationFactory()
    ApplicationFactory(not_selected=True)
    ProjectFactory(reintegrated=True)
    mark = last_pk()

    apply_retention(actor=staff, at=AT)

    actions = AuditEntry.objects.filter(pk__gt=mark).values_list("action", "actor")
    assert {action for action, _actor in actions} == {
        "team.anonymise_member",
        "application.anonymise",
        "application.delete_draft",
        "account.erase",
    }
    assert {actor for _action, actor in actions} == {staff.pk}


def test_a_deleted_drafts_title_leaves_its_entries():
    draft = ApplicationFactory(title="Ruches de Zéphyrine")
    audit.record(draft, "test.planted", actor=None, reason="Ruches de Zéphyrine")

    assert delete_draft(draft, actor=None, at=AT) is True

    assert not Application.objects.filter(pk=draft.pk).exists()
    assert list(
        AuditEntry.objects.filter(object_id=str(draft.pk), content_type__model="application")
        .order_by("pk")
        .values_list("action", "object_repr", "reason")
    ) == [
        ("test.planted", f"Candidature n° {draft.pk}", "***"),
        ("application.anonymise", f"Candidature n° {draft.pk}", ""),
        ("application.delete_draft", f"Candidature n° {draft.pk}", ""),
    ]


def test_a_submitted_application_is_never_deleted_as_a_draft():
    application = ApplicationFactory(submitted=True)

    assert delete_draft(application, actor=None, at=AT) is False

    application.refresh_from_db()
    assert (application.anonymised_at, application.team_members.get().first_name != "") == (
        None,
        True,
    )
    assert not AuditEntry.objects.filter(
        action__in=["application.anonymise", "application.delete_draft"]
    ).exists()
