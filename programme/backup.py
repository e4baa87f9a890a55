"""Backup and restore: the database and the uploaded files together, in one archive.

The archive (``.tar.gz``) holds ``manifest.json`` (when, which database engine, the rows
of every table, the SHA-256 of every file), the database (``pg_dump``'s custom format on
PostgreSQL, an SQLite copy made with SQLite's backup API) and the files under
``media/``. A restore goes into an empty instance only: a database without tables and an
empty ``MEDIA_ROOT``; it checks every file's hash and every table's row count against
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

from django.conf import settings
from django.db import connection

FORMAT = 1
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """What stops a backup or a restore, said in one sentence."""


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


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
    files = _media_files()
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "vendor": connection.vendor,
        "tables": table_rows(),
        "files": {name: _sha256(file) for name, file in files.items()},
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
            for name, file in files.items():
                archive.add(file, arcname=f"media/{name}")
    return manifest


def _check_empty_instance():
    if connection.introspection.table_names():
        raise BackupError(
            "The database already has tables: restore into an empty database (before any migrate)."
        )
    if _media_files():
        raise BackupError(f"MEDIA_ROOT ({settings.MEDIA_ROOT}) is not empty.")


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
            if _sha256(media / name) != digest:
                raise BackupError(f"The file {name} does not match its hash in the backup.")
        _restore_database(Path(work) / DUMPS[manifest["vendor"]], manifest["vendor"])
        for name in manifest["files"]:
            target = Path(settings.MEDIA_ROOT) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(media / name, target)
    restored = table_rows()
    different = sorted(
        table for table, rows in manifest["tables"].items() if restored.get(table) != rows
    )
    if different:
        raise BackupError(f"Row counts differ after the restore: {', '.join(different)}.")
    return manifest
