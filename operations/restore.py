"""Restore an archive written by operations.backup into this installation's database and file
storage, then check every issued file against the SHA-256 recorded when it was issued."""

import hashlib
import json
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from documents.models import document_models
from operations.backup import (
    FORMAT,
    IN_USE_TABLES,
    BackupError,
    database_engine,
    pg_arguments,
    postgres_tool,
    tool_run,
)


@dataclass
class RestoreReport:
    files: int = 0
    documents_checked: int = 0
    problems: list[str] = field(default_factory=list)


def database_in_use() -> bool:
    """True when the database holds agencies, users or sets (restoring would overwrite them)."""
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in IN_USE_TABLES:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 - fixed names
                if cursor.fetchone():
                    return True
    return False


def _manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError("Not a QMS backup: manifest.json is missing or unreadable.")
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name in manifest["files"]:
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts:
            raise BackupError(f"Refusing a file name outside the storage: {name!r}.")
    return manifest


def _database_load(dump: Path) -> None:
    if database_engine() == "postgresql":
        connection.close()  # pg_restore must not wait for a lock this process holds
        arguments, environment = pg_arguments()
        options = ["--clean", "--if-exists", "--no-owner", "--no-privileges"]
        command = [postgres_tool("pg_restore"), *options, "--single-transaction", "--exit-on-error"]
        tool_run([*command, *arguments, str(dump)], environment)
        return
    if connection.in_atomic_block:
        raise BackupError("Restore cannot run inside a transaction.")
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _files_restore(tar: tarfile.TarFile, files: dict[str, str]) -> int:
    for name, expected in files.items():
        data = tar.extractfile(f"files/{name}").read()
        if hashlib.sha256(data).hexdigest() != expected:
            raise BackupError(f"The archive is damaged: {name} does not match its SHA-256.")
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:
            raise BackupError(f"The storage renamed {name} to {saved}.")
    return len(files)


def _file_hash(name: str, known: dict[str, str | None]) -> str | None:
    if name not in known:
        try:
            with default_storage.open(name, "rb") as stream:
                known[name] = hashlib.sha256(stream.read()).hexdigest()
        except FileNotFoundError:
            known[name] = None
    return known[name]


def issued_files_check() -> tuple[int, list[str]]:
    """Every issued (and prepared) file of every issuable document, hashed and compared with the
    hash stored when it was written. Returns (documents checked, problems)."""
    checked, problems, known = 0, [], {}
    # A backup made before a document kind existed has no table for it yet (migrate adds it
    # after the restore), and so no file of that kind to check.
    tables = set(connection.introspection.table_names())
    for model in document_models():
        if model._meta.db_table not in tables:
            continue
        for kind in ("issued", "prepared"):
            rows = model._default_manager.exclude(**{f"{kind}_file": ""}).values_list(
                "pk", f"{kind}_file", f"{kind}_sha256"
            )
            for pk, name, expected in rows.iterator():
                checked += 1
                actual = _file_hash(name, known)
                if actual != expected:
                    state = "missing" if actual is None else "SHA-256 differs"
                    problems.append(f"{model._meta.label} {pk}: {kind} file {name} {state}")
    return checked, problems


def backup_restore(*, archive: Path, force: bool = False) -> RestoreReport:
    """Bring back the database and the files of `archive`. Refuses a database in use unless
    `force`; refuses an archive of another database engine."""
    if not archive.is_file():
        raise BackupError(f"No such archive: {archive}.")
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as work:
        manifest = _manifest(tar)
        if manifest["engine"] != database_engine():
            raise BackupError(
                f"This archive holds a {manifest['engine']} database; this installation uses "
                f"{database_engine()}. Restore it into a {manifest['engine']} database."
            )
        if not force and database_in_use():
            raise BackupError(
                "The database is not empty. Restore into a new, empty database (after migrate "
                "or none at all), or pass --force to replace what it holds."
            )
        tar.extract(manifest["database"], work, filter="data")
        _database_load(Path(work, manifest["database"]))
        ContentType.objects.clear_cache()
        cache.clear()  # pages cached from the database that was replaced (a shared cache)
        report = RestoreReport(files=_files_restore(tar, manifest["files"]))
    report.documents_checked, report.problems = issued_files_check()
    return report
