"""A backup of the demo restores, table by table and file by file, into an empty
instance; and never over an instance that has data."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from jury.enums import SessionStatus
from jury.models import Session
from jury.services import store_minutes_pdf
from programme.backup import BackupError, backup, restore, table_rows

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def contents(cursor, tables, quote):
    """Every row of every table, in an order that does not depend on the engine's."""
    found = {}
    for table in tables:
        cursor.execute(f"SELECT * FROM {quote(table)}")
        found[table] = sorted(repr(row) for row in cursor.fetchall())
    return found


def hashes(folder):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


class EmptyInstance:
    """A new, empty database of the engine under test, and a way to read it."""

    def __init__(self, tmp_path):
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            self.params = connection.get_connection_params()
            self.name = f"tremplin_restore_{uuid.uuid4().hex[:8]}"
            self._maintenance(f"CREATE DATABASE {self.name}")
            user = self.params.get("user") or "postgres"
            host, port = self.params.get("host", "127.0.0.1"), self.params.get("port", 5432)
            self.url = f"postgres://{user}@{host}:{port}/{self.name}"
        else:
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _maintenance(self, sql):
        maintenance = psycopg2.connect(**(self.params | {"dbname": "postgres"}))
        try:
            maintenance.autocommit = True
            with maintenance.cursor() as cursor:
                cursor.execute(sql)
        finally:
            maintenance.close()

    def read(self, tables, *, source=False):
        """The tables' rows of this instance (or of the ``source``), read the same way on
        both sides: by psycopg2 on PostgreSQL; on SQLite through Django's converters
        (registered on the sqlite3 module, applied with the same ``detect_types``)."""
        if source and self.vendor == "sqlite":
            with connection.cursor() as cursor:
                return contents(cursor, tables, connection.ops.quote_name)
        if self.vendor == "postgresql":
            name = connection.settings_dict["NAME"] if source else self.name
            target = psycopg2.connect(**(self.params | {"dbname": name}))
        else:
            target = sqlite3.connect(
                self.path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
            )
        try:
            return contents(target.cursor(), tables, connection.ops.quote_name)
        finally:
            target.close()

    def drop(self):
        if self.vendor == "postgresql":
            self._maintenance(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


@pytest.fixture
def demo(settings, media_root, staff):
    """The demo of the seed story, with a file: the stored minutes of its closed session."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    store_minutes_pdf(Session.objects.filter(status=SessionStatus.CLOSED).first(), actor=staff)


def test_a_backup_of_the_demo_restores_every_table_and_file_into_an_empty_instance(
    demo, settings, tmp_path_factory
):
    # Outside MEDIA_ROOT (the test's tmp_path), which the backup reads.
    tmp_path = tmp_path_factory.mktemp("backup")
    archive = tmp_path / "sauvegarde.tar.gz"
    manifest = backup(archive)
    tables = sorted(manifest["tables"])
    media = tmp_path / "restored-media"
    instance = EmptyInstance(tmp_path)
    try:
        before = instance.read(tables, source=True)
        result = subprocess.run(
            [sys.executable, "manage.py", "restore", str(archive)],
            cwd=ROOT,
            env=os.environ
            | {
                "DATABASE_URL": instance.url,
                "DJANGO_MEDIA_ROOT": str(media),
                "DJANGO_ENV_FILE": "",
            },
            capture_output=True,
            text=True,
            check=False,
        )
        after = instance.read(tables)
    finally:
        instance.drop()

    assert result.returncode == 0, result.stderr
    assert "every count and hash checked" in result.stdout
    assert sum(manifest["tables"].values()) > 100
    assert after == before
    assert hashes(media) == hashes(Path(settings.MEDIA_ROOT)) != {}


def test_a_restore_over_an_instance_with_data_is_refused_and_changes_nothing(world, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz"
    manifest = backup(archive)

    with pytest.raises(BackupError) as refused:
        restore(archive)

    assert str(refused.value).startswith("The database already has tables")
    assert table_rows() == manifest["tables"]
