"""A person's rights: the export of everything held about them, and their erasure.

What is held about a person is found by walking the model graph, not from a list: every
row of every installed model with a relation to their account (a foreign key, a
many-to-many, or the audit log's generic relation) or to one of their records: their team
memberships (the rows of ``TeamMember`` that point to the account or carry its address),
and the records other apps register (``register_person_record``: the jury's members). A model
added later with such a relation is in the export without a line here.

The erasure reuses retention's units (``projects.retention.anonymise_member``,
``programme.retention.erase_account``), so that it reads the same in the log as the
schedule's run, with staff as the actor.
"""

import json
import shutil
import tempfile
import zipfile
from pathlib import PurePosixPath

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme import audit
from programme.actions import verb
from programme.models import User
from programme.retention import erase_account, is_anonymous_email
from projects.models import TeamMember
from projects.retention import anonymise_member

EXPORT_PERSON = verb("person.export", _("Données d'une personne exportées"))
ERASE_PERSON = verb("person.erase", _("Personne effacée"))
# The export is written to memory up to this size, then to a temporary file.
IN_MEMORY_BYTES = 8 * 1024 * 1024
# What the export leaves out, by model: a password's hash, an authenticator's secret key,
# are no data about the person, and would let the export's reader sign in as them.
SECRET_FIELDS = {"programme.user": {"password"}, "otp_totp.totpdevice": {"key"}}


def memberships(user):
    """The person's team memberships: linked to the account, or invited at its address."""
    return TeamMember.objects.filter(Q(user=user) | Q(email__iexact=user.email))


# The models whose rows stand for the person in a role, each with how to find the
# person's rows: team memberships here; an app above this one registers its own (the
# jury its members, whose marks, withdrawals and attendance point to them).
_PERSON_RECORDS = {TeamMember: memberships}


def register_person_record(model, rows_of):
    """``rows_of(user)``: the QuerySet of ``model``'s rows that stand for ``user``."""
    _PERSON_RECORDS[model] = rows_of


def person_relations():
    """``{model: [field, ...]}``: every field of an installed model that points to an
    account or to a person's record (foreign keys, one-to-one, many-to-many, generic)."""
    targets = (User, *_PERSON_RECORDS)
    found = {}
    for model in apps.get_models():
        fields = [
            field
            for field in model._meta.get_fields()
            if not field.auto_created
            and (field.many_to_one or field.one_to_one or field.many_to_many)
            and field.related_model in targets
        ]
        fields += [
            field for field in model._meta.private_fields if isinstance(field, GenericForeignKey)
        ]
        if fields:
            found[model] = fields
    return found


def _condition(field, user, record_pks):
    if isinstance(field, GenericForeignKey):
        people = {User: [user.pk], **record_pks}
        people = {model: [str(pk) for pk in pks] for model, pks in people.items()}
        condition = Q(pk__in=[])
        for model, pks in people.items():
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            condition |= Q(**{field.ct_field: content_type, f"{field.fk_field}__in": pks})
        return condition
    if field.related_model is User:
        return Q(**{field.name: user})
    return Q(**{f"{field.name}__in": record_pks[field.related_model]})


def _section(model, condition):
    names = [
        field.attname
        for field in model._meta.concrete_fields
        if field.name not in SECRET_FIELDS.get(model._meta.label_lower, ())
    ]
    return list(model._default_manager.filter(condition).distinct().order_by("pk").values(*names))


def person_data(user):
    """Everything held about ``user``: ``{"app_label.model": [row, ...]}``, one entry for
    each model of ``person_relations`` and the account's own, rows as column values."""
    record_pks = {
        model: list(rows_of(user).values_list("pk", flat=True))
        for model, rows_of in _PERSON_RECORDS.items()
    }
    data = {"programme.user": _section(User, Q(pk=user.pk))}
    for model, pks in record_pks.items():
        data[model._meta.label_lower] = _section(model, Q(pk__in=pks))
    data["programme.user"][0]["groups"] = list(user.groups.values_list("name", flat=True))
    for model, fields in person_relations().items():
        condition = Q(pk__in=[])
        for field in fields:
            condition |= _condition(field, user, record_pks)
        if model in record_pks:
            condition |= Q(pk__in=record_pks[model])
        label = model._meta.label_lower
        rows = _section(model, condition)
        known = {row["id"] for row in data.get(label, [])}
        data[label] = [*data.get(label, []), *(row for row in rows if row["id"] not in known)]
    return data


def _files(data):
    """``(name in the archive, FieldFile)`` of every file the exported rows hold."""
    for label, rows in data.items():
        model = apps.get_model(label)
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for field in file_fields:
            for row in rows:
                name = row[field.attname]
                if not name:
                    continue
                try:
                    stored = field.storage.open(name, "rb")
                except FileNotFoundError:
                    continue  # the storage lost it: the row says what it was
                yield f"fichiers/{label}/{row['id']}-{PurePosixPath(name).name}", stored


def export_person(user, *, actor, at=None):
    """A ZIP of everything held about ``user``: ``donnees.json`` and their files.

    Side effects, in order: reads every row that references the person (``person_data``)
    and writes them as JSON, then copies each of their files from storage, chunk by
    chunk, into a temporary file (in memory up to ``IN_MEMORY_BYTES``); writes the audit
    entry on the account (``actor`` exported whom, when). Returns the file, at its start.
    """
    at = at or timezone.now()
    archive = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_BYTES)  # noqa: SIM115 - returned open
    with transaction.atomic():
        data = person_data(user)
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            document = {"exported_at": at, "person": user.email, "tables": data}
            zipped.writestr("donnees.json", json.dumps(document, cls=DjangoJSONEncoder, indent=2))
            for name, stored in _files(data):
                with stored, zipped.open(name, "w") as target:
                    shutil.copyfileobj(stored, target)
        audit.record(user, EXPORT_PERSON, actor=actor, at=at)
    archive.seek(0)
    return archive


def export_response(user, *, actor):
    """The ZIP of ``export_person`` as a download, never cached."""
    archive = export_person(user, actor=actor)
    filename = f"donnees-personnelles-{user.pk}-{timezone.localdate().isoformat()}.zip"
    response = FileResponse(
        archive, as_attachment=True, filename=filename, content_type="application/zip"
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


def erase_person(user, *, actor, reason, at=None):
    """Erase a person at their request: their memberships and account are anonymised.

    Side effects, in order: anonymises each of their team memberships
    (``anonymise_member``: the public pages stop naming them, and their names leave the
    log, the history and the queue); writes the audit entry of the erasure on the
    account, with ``reason``; erases the account (``erase_account``: deleted, or
    anonymised and deactivated when the record points to it). Returns ``False`` for an
    account already erased.
    """
    at = at or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if is_anonymous_email(user.email):
            return False
        for member in memberships(user).order_by("pk"):
            anonymise_member(member, actor=actor, at=at, reason=reason)
        audit.record(user, ERASE_PERSON, actor=actor, reason=reason, at=at)
        erase_account(user, actor=actor, at=at, reason=reason)
    return True
