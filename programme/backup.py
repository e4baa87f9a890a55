"""Backup and restore: the database and the uploaded files together, in one archive.

The archive (``.tar.gz``) holds ``manifest.json`` (when, which database engine, the rows
of every table, the SHA-256 of every file), the database (``pg_dump``'s custom format on
PostgreSQL, an SQLite copy made with SQLite's backup API) and the files under
``media/``, read and written through the storage API (local disk or object storage). A
restore goes into an empty instance only: a database without tables and an empty file
storage; it checks every file's hash and every table's row count against
the manifest before it says it is done.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection

FORMAT = 1
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """What stops a backup or a restore, said in one sentence."""


def _sha256(stream):
    digest = hashlib.sha256()
    while chunk := stream.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


def _stored_files(folder=""):
    """The names of every uploaded file, through the storage API (local disk or S3)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for name in folders:
        names += _stored_files(f"{folder}{name}/")
    return sorted(names)


def _stored_hash(name):
    with default_storage.open(name, "rb") as stream:
        return _sha256(stream)


def table_rows(using_connection=connection):
    """Every table's number of rows, by name."""
    with using_connection.cursor() as cursor:
        rows = {}
        for table in sorted(using_connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {using_connection.ops.quote_name(table)}")
            rows[table] = cursor.fetchone()[0]
    return rows


def _pg_environment():
    params = connection.settings_dict
    environment = os.environ.copy()
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if params.get(key):
            environment[variable] = str(params[key])
    return environment


def _run(command):
    result = subprocess.run(
        command, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_database(target):
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        raise BackupError(f"No backup for the {connection.vendor} engine.")


def backup(path):
    """Write the archive to ``path``; return its manifest."""
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "vendor": connection.vendor,
        "tables": table_rows(),
        "files": {name: _stored_hash(name) for name in _stored_files()},
    }
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMPS.get(connection.vendor, "database")
        _dump_database(dump)
        with tarfile.open(path, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for name in manifest["files"]:
                info = tarfile.TarInfo(f"media/{name}")
                info.size = default_storage.size(name)
                with default_storage.open(name, "rb") as stream:
                    archive.addfile(info, stream)
    return manifest


def _check_empty_instance():
    if connection.introspection.table_names():
        raise BackupError(
            "The database already has tables: restore into an empty database (before any migrate)."
        )
    if _stored_files():
        raise BackupError("The file storage is not empty: restore into an empty one.")


def _restore_database(dump, vendor):
    if vendor != connection.vendor:
        raise BackupError(f"This backup is of a {vendor} database, not {connection.vendor}.")
    if vendor == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              f"--dbname={connection.settings_dict['NAME']}", str(dump)])  # fmt: skip
        return
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError("Restore into an SQLite file, not an in-memory database.")
    connection.close()
    shutil.copyfile(dump, name)


def restore(path):
    """Restore the archive at ``path`` into this empty instance; return its manifest."""
    _check_empty_instance()
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "r:gz") as archive:
        archive.extractall(work, filter="data")
        manifest = json.loads((Path(work) / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format: {manifest.get('format')}.")
        media = Path(work) / "media"
        for name, digest in manifest["files"].items():
            with open(media / name, "rb") as stream:
                if _sha256(stream) != digest:
                    raise BackupError(f"The file {name} does not match its hash in the backup.")
        _restore_database(Path(work) / DUMPS[manifest["vendor"]], manifest["vendor"])
        for name in manifest["files"]:
            with open(media / name, "rb") as stream:
                if default_storage.save(name, File(stream)) != name:
                    raise BackupError(f"The storage renamed {name}: it was not empty.")
    restored = table_rows()
    different = sorted(
        table for table, rows in manifest["tables"].items() if restored.get(table) != rows
    )
    if different:
        raise BackupError(f"Row counts differ after the restore: {', '.join(different)}.")
    return manifest
