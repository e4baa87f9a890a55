"""A person's rights: the export of everything held about them, found by walking the
model graph, and their erasure, after which nothing names them."""

import datetime
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice

from jury.models import JuryMember, MinutesRecord, TeamInvitation
from programme import audit
from programme.mail_templates import save_mail_template
from programme.models import AuditEntry, ProConnectIdentity, User
from projects.applications.services.team import add_attachment
from projects.mailings.services import queue_mailing
from projects.models import TeamMember, TimeCommitment
from projects.rights import erase_person, export_person, person_data
from tests.editions.factories import CallFactory
from tests.jury.factories import JuryMemberFactory, SelectionItemFactory
from tests.programme.factories import ProgrammeFactory, SignInRecordFactory, UserFactory
from tests.projects import uploads
from tests.projects.factories import (
    ApplicationFactory,
    ProjectFactory,
    TeamMemberFactory,
    TimeDeclarationFactory,
)
from tests.projects.test_retention import everything
from tests.second_factor import authenticator

pytestmark = pytest.mark.django_db

FIRST, LAST = "Philomène", "Exportable-Vrai"
EMAIL = "philomene.exportable@planted.test"
FILE_NAME = "lettre-philomene.pdf"


# What stands for a person, written separately from the export's registry.
PERSON_MODELS = (User, TeamMember, JuryMember)


def relations_to_a_person():
    """``(model, field)`` for every field of every installed model that points to an
    account, a team member or a jury member: the walk the export must match."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created
        and field.related_model in PERSON_MODELS
        and (field.many_to_one or field.one_to_one or field.many_to_many)
    ]


def rows_the_world_lacks(world):
    """A row of each model that relates to a person and that the world of the roles has
    none of: an admin history entry, a time commitment and declaration, stored minutes,
    second-factor devices, a sign-in record, a ProConnect link, a mail text written by
    staff, a mailing to the laureates and a team's pitch invitation."""
    period = world.project.periods.get()
    ProConnectIdentity.objects.create(
        user=world.users["staff"], issuer="https://proconnect.example", subject="sub-staff"
    )
    authenticator(world.users["staff"])
    StaticDevice.objects.create(user=world.users["staff"], name="Codes de secours")
    SignInRecordFactory(user=world.users["staff"])
    LogEntry.objects.create(
        user=world.users["staff"],
        content_type=ContentType.objects.get_for_model(User),
        object_id="1",
        object_repr="Compte",
        action_flag=CHANGE,
    )
    TimeCommitment.objects.create(
        period=period,
        member=period.project.application.team_members.first(),
        planned_days_per_week=Decimal("1.0"),
    )
    TimeDeclarationFactory(period=period)
    save_mail_template(
        "projects/email/application_submitted", subject="A", body="B", actor=world.users["staff"]
    )
    queue_mailing(
        world.project.application.call.edition,
        audience="laureates",
        subject="A",
        body="B",
        actor=world.users["staff"],
    )
    TeamInvitation.objects.create(
        item=SelectionItemFactory(session=world.session),
        starts_at=world.session.starts_at,
        ends_at=world.session.starts_at + datetime.timedelta(minutes=20),
        sequence=0,
        sent_at=timezone.now(),
        sent_by=world.users["staff"],
    )
    MinutesRecord.objects.create(
        session=world.session,
        file=default_storage.save("minutes/test.pdf", ContentFile(b"%PDF-1.4")),
        sha256="0" * 64,
        created_at=timezone.now(),
    )


def read(archive):
    zipped = zipfile.ZipFile(io.BytesIO(archive.read()))
    return zipped, json.loads(zipped.read("donnees.json"))


@pytest.fixture
def person(media_root, django_capture_on_commit_callbacks):
    """An applicant who leads a draft, with a file, and who was invited to another team
    at their address before they had an account."""
    user = UserFactory(first_name=FIRST, last_name=LAST, email=EMAIL)
    application = ApplicationFactory(created_by=user, call=CallFactory(open_now=True))
    application.team_members.filter(role="lead").update(
        user=user, email=EMAIL, first_name=FIRST, last_name=LAST
    )
    with django_capture_on_commit_callbacks(execute=True):
        add_attachment(application, uploads.pdf(name=FILE_NAME), actor=user)
    TeamMemberFactory(email=EMAIL.upper(), first_name=FIRST, last_name=LAST, user=None)
    return user


def test_every_model_related_to_a_person_has_its_rows_in_the_export(world, person):
    """Each relation to an account or a team member gets a planted row pointing to the
    person; the export holds every one. A new model with such a relation fails here
    until the export finds its rows (it does by itself when it walks the graph)."""
    rows_the_world_lacks(world)
    member = TeamMember.objects.filter(user=person).first()
    juror = JuryMemberFactory(user=person)
    targets = {User: person, TeamMember: member, JuryMember: juror}
    planted, missing = [], []
    for model, field in relations_to_a_person():
        if model is JuryMember and field.related_model is User:
            # The person's own jury membership points to them already (one per programme).
            planted.append(("jury.jurymember", field.name, juror.pk))
            continue
        through = field.remote_field.through if field.many_to_many else None
        if through is not None and not through._meta.auto_created:
            # Planted through its own model's foreign key (the convocation of a session's
            # member); the row it links must be in the export too.
            link = through._default_manager.order_by("pk").first()
            side = next(f for f in through._meta.concrete_fields if f.related_model is model)
            planted.append((model._meta.label_lower, field.name, getattr(link, side.attname)))
            continue
        row = model._default_manager.order_by("pk").first()
        if row is None:
            missing.append(model._meta.label_lower)
            continue
        target = targets[field.related_model]
        if field.many_to_many:
            getattr(row, field.name).add(target)
        else:
            model._default_manager.filter(pk=row.pk).update(**{field.name: target})
        planted.append((model._meta.label_lower, field.name, row.pk))
    audit.record(member, "test.planted", actor=None)

    data = person_data(person)

    assert sorted(missing) == []
    absent = [
        (label, name, pk)
        for label, name, pk in planted
        if pk not in {exported["id"] for exported in data.get(label, [])}
    ]
    assert absent == []
    assert "test.planted" in {row["action"] for row in data["programme.auditentry"]}


def test_the_export_holds_the_persons_rows_and_files(person, staff):
    zipped, document = read(export_person(person, actor=staff))

    (account,) = document["tables"]["programme.user"]
    assert (account["email"], account["last_name"], "password" in account) == (EMAIL, LAST, False)
    members = document["tables"]["projects.teammember"]
    assert sorted(member["email"].lower() for member in members) == [EMAIL, EMAIL]
    (attachment,) = document["tables"]["projects.attachment"]
    assert attachment["original_name"] == FILE_NAME
    files = [name for name in zipped.namelist() if name.startswith("fichiers/")]
    assert len(files) == 1
    assert zipped.read(files[0]) == default_storage.open(attachment["file"]).read()


def test_the_export_of_a_person_holds_nobody_elses_team(person):
    other = UserFactory(first_name="Hilaire", last_name="Voisin")
    ApplicationFactory(created_by=other)

    _zipped, document = read(export_person(other, actor=other))

    assert EMAIL not in json.dumps(document).lower()
    assert FILE_NAME not in json.dumps(document)


def test_an_export_is_logged_on_the_person_by_the_actor(person, staff):
    export_person(person, actor=staff)

    (entry,) = AuditEntry.objects.filter(action="person.export")
    assert (entry.actor, entry.object_id, entry.content_type.model) == (
        staff,
        str(person.pk),
        "user",
    )


def test_after_the_erasure_nothing_names_the_person_not_even_their_export(
    person, staff, django_capture_on_commit_callbacks
):
    export_person(person, actor=staff)
    assert EMAIL in everything()

    with django_capture_on_commit_callbacks(execute=True):
        assert erase_person(person, actor=staff, reason="Demande du 2 mars.") is True

    dump = everything()
    assert [value for value in (EMAIL, LAST.lower(), FIRST.lower()) if value in dump] == []
    erased = User.objects.get(pk=person.pk)  # the draft it created points to it
    _zipped, document = read(export_person(erased, actor=staff))
    text = json.dumps(document, ensure_ascii=False).lower()
    assert [value for value in (EMAIL, LAST.lower(), FIRST.lower()) if value in text] == []
    assert erase_person(erased, actor=staff, reason="Encore.") is False


def test_an_erasure_is_logged_with_its_reason_on_each_object(person, staff):
    mark = AuditEntry.objects.order_by("pk").last().pk

    erase_person(person, actor=staff, reason="Demande du 2 mars.")

    logged = AuditEntry.objects.filter(pk__gt=mark).order_by("pk")
    assert [(e.action, e.actor, e.reason) for e in logged] == [
        ("team.anonymise_member", staff, "Demande du 2 mars."),
        ("team.anonymise_member", staff, "Demande du 2 mars."),
        ("person.erase", staff, "Demande du 2 mars."),
        ("account.erase", staff, "Demande du 2 mars."),
    ]


def test_an_erased_laureate_is_no_longer_named_on_the_public_page(client, media_root, staff):
    ProgrammeFactory()
    project = ProjectFactory(is_published=True)
    user = UserFactory(first_name="Chantal", last_name="Publique")
    TeamMemberFactory(
        application=project.application,
        user=user,
        first_name="Chantal",
        last_name="Publique",
        public_name_consent=True,
        public_name_consent_at=timezone.now(),
    )
    page = f"/laureats/{project.slug}/"
    assert "Chantal Publique" in client.get(page).content.decode()

    erase_person(user, actor=staff, reason="Demande de la personne.")

    content = client.get(page).content.decode()
    assert (project.title in content, "Chantal Publique" in content) == (True, False)


def _export_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/mon-espace/mes-donnees/")
        b"".join(response.streaming_content)
    return len(queries)


def test_the_export_view_makes_as_many_queries_for_one_row_as_for_three(client, media_root):
    one, three = UserFactory(), UserFactory()
    _export_queries(client, UserFactory())  # the content types are cached from then on
    ApplicationFactory(created_by=one)
    for _index in range(3):
        ApplicationFactory(created_by=three)

    assert _export_queries(client, one) == _export_queries(client, three)
