"""Backup and restore of one installation: the database and the private files, in one dated
tar.gz (`manage.py backup`, `manage.py restore`).

The archive holds manifest.json (engine, date, applied migrations, every file with its SHA-256),
the database — a pg_dump custom-format dump for PostgreSQL; for SQLite a copy of the database
file made with SQLite's online backup API, which is consistent while the app runs and keeps
every row exactly (dumpdata would lose nothing either, but is slower and re-creates rows
through the ORM) — and files/<name> for every private file. Files are read and written through
Django's default storage, so the same commands work with object storage.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
# Rows in any of these tables mean the database is in use: restore refuses without --force.
IN_USE_TABLES = ("agencies_agency", "auth_user", "objectives_objectiveset")


class BackupError(Exception):
    """Said to the operator as it is (management commands turn it into CommandError)."""


# --- helpers --------------------------------------------------------------------------------


def _sha256_of(stream) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def stored_names(storage=None, folder: str = "") -> list[str]:
    """Every file in the storage, recursively (an absent root is an empty storage)."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [str(PurePosixPath(folder, f)) if folder else f for f in files]
    for sub in folders:
        names += stored_names(storage, str(PurePosixPath(folder, sub)) if folder else sub)
    return sorted(names)


def postgres_tool(name: str) -> str:
    """pg_dump / pg_restore: PG_BIN if set, else the newest /usr/lib/postgresql/*/bin, else PATH."""
    candidates = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"], name))
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
        reverse=True,
    )
    candidates += versions
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: install the PostgreSQL client or set PG_BIN.")
    return found


def pg_arguments() -> tuple[list[str], dict]:
    settings = connection.settings_dict
    arguments = ["--dbname", settings["NAME"], "--no-password"]
    if settings.get("HOST"):
        arguments += ["--host", settings["HOST"]]
    if settings.get("PORT"):
        arguments += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        arguments += ["--username", settings["USER"]]
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return arguments, environment


def tool_run(command: list[str], environment: dict) -> None:
    finished = subprocess.run(command, env=environment, capture_output=True, text=True)
    if finished.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {finished.stderr.strip()}")


def database_engine() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    return connection.vendor


# --- backup ---------------------------------------------------------------------------------


def _database_dump(target: Path) -> None:
    if database_engine() == "postgresql":
        arguments, environment = pg_arguments()
        tool_run(
            [postgres_tool("pg_dump"), "--format=custom", "--file", str(target), *arguments],
            environment,
        )
        return
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def backup_create(*, folder: Path) -> Path:
    """Write <folder>/qms-backup-<date>-<time>.tar.gz and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    engine = database_engine()
    stamp = timezone.localtime()
    archive = folder / f"qms-backup-{stamp:%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work, DUMP_NAMES[engine])
        _database_dump(dump)
        files = {}
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(dump, arcname=dump.name)
            for name in stored_names():
                with default_storage.open(name, "rb") as stream:
                    files[name] = _sha256_of(stream)
                    info = tarfile.TarInfo(f"files/{name}")
                    info.size = default_storage.size(name)
                    stream.seek(0)
                    tar.addfile(info, stream)
            manifest = {
                "format": FORMAT,
                "created": stamp.isoformat(),
                "engine": engine,
                "database": dump.name,
                "migrations": _migrations(),
                "files": files,
            }
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        os.chmod(partial, 0o600)  # the whole database: readable by the operator only
        partial.rename(archive)
    return archive
