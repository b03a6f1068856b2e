"""A database built and used on commit 5a79011 (before DocumentNumber and DocumentEvent moved to
the `documents` app, and EvaluationReport, EvaluationComment and their history to `evaluation`)
upgrades with every row, file and SHA-256 intact: migrated in place by the real `manage.py
migrate`, and restored from its backup by this code's `restore` then migrated.

The fixture (tests/fixtures/legacy_5a79011, written by scripts/build_legacy_fixture.py) holds
the database file, its private files, a backup archive and manifest.json: per table row counts,
content types, permissions, generic links and every issued or prepared file with its SHA-256,
all read with plain SQL on the legacy database.

Tables keep their names; only the content types of the moved models change app label, in place
(same ids), so that permissions, groups, admin log entries and the generic links of the number
register and the workflow history keep pointing at them.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from django.conf import settings as django_settings

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "legacy_5a79011"
ROOT = Path(__file__).resolve().parents[2]

# Legacy label → label after the restructure; every other model keeps its label.
MOVED = {
    "objectives.documentnumber": "documents.documentnumber",
    "objectives.documentevent": "documents.documentevent",
    "monitoring.evaluationreport": "evaluation.evaluationreport",
    "monitoring.evaluationcomment": "evaluation.evaluationcomment",
    "monitoring.historicalevaluationreport": "evaluation.historicalevaluationreport",
    "monitoring.historicalevaluationcomment": "evaluation.historicalevaluationcomment",
}
HISTORY_TABLES = ("monitoring_historicalevaluationreport", "monitoring_historicalevaluationcomment")
LINK_TABLES = ("objectives_documentnumber", "objectives_documentevent")
# Tables that grow with the new code: applied migrations, and the content types and permissions
# of models it adds (django-celery-results' task results); their old rows are checked one by one
# (_assert_content_types_relabelled, _assert_permissions_kept).
GROWING_TABLES = ("django_migrations", "django_content_type", "auth_permission")
# A table whose rows a migration moves into another app's table. The outbox gave way to
# django-post-office's queue (notifications 0004): its unsent mail moves (all of the fixture's
# was waiting), its content type and permissions go (holders get post_office's; none here).
REPLACED = {"notifications_outboundemail": "post_office_email"}
REMOVED_MODELS = {"notifications.outboundemail"}


def _new(label: str) -> str:
    return MOVED.get(label, label)


def _manifest() -> dict:
    return json.loads((FIXTURE / "manifest.json").read_text(encoding="utf-8"))


# --- what the upgraded installation holds (run by the new code, in-process or in a subprocess) --


def _stored_files(storage, folder: str = "") -> list[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [str(PurePosixPath(folder, f)) if folder else f for f in files]
    for sub in folders:
        names += _stored_files(storage, str(PurePosixPath(folder, sub)) if folder else sub)
    return sorted(names)


def _sha256_stored(storage, name: str) -> str | None:
    try:
        with storage.open(name, "rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest()
    except FileNotFoundError:
        return None


def _signatures(storage, name: str) -> list[list[bool]]:
    """[intact, valid] of every embedded signature, checked against the fixture's test CA."""
    from io import BytesIO

    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _type, _headers, der = pem.unarmor((FIXTURE / "ca.pem").read_bytes())
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)], allow_fetching=False)
    with storage.open(name, "rb") as stream:
        reader = PdfFileReader(BytesIO(stream.read()))
    statuses = (validate_pdf_signature(s, context) for s in reader.embedded_signatures)
    return [[s.intact, s.valid] for s in statuses]


def _resolved(getter) -> list | None:
    """[label, pk] of the object a generic link points at, or None when it does not resolve."""
    try:
        target = getter()
    except Exception:  # noqa: BLE001 - a stale content type fails in many ways
        return None
    return None if target is None else [target._meta.label_lower, target.pk]


def observe() -> dict:
    """Everything the assertions compare with the manifest, as plain JSON-able data, read
    through this code's models (the default database and file storage)."""
    from django.apps import apps
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Group, Permission, User
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.storage import default_storage
    from django.db import connection
    from django.db.models import FileField

    ContentType.objects.clear_cache()
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - table names
            counts[table] = cursor.fetchone()[0]
    models = apps.get_models(include_auto_created=True)
    by_table = {m._meta.db_table: m for m in models}
    orm_counts = {m._meta.label_lower: m._base_manager.count() for m in models}
    links = {
        table: [
            [row.pk, *(_resolved(lambda row=row: row.document) or [None, None])]
            for row in by_table[table]._base_manager.order_by("pk")
        ]
        for table in LINK_TABLES
    }
    links["django_admin_log"] = [
        [entry.pk, *(_resolved(entry.get_edited_object) or [None, None])]
        for entry in LogEntry.objects.order_by("pk")
    ]
    documents = []
    for model in models:
        fields = {f.name: f for f in model._meta.get_fields()}
        # Issuable documents (their history models keep the file names as text).
        if not all(isinstance(fields.get(n), FileField) for n in ("issued_file", "prepared_file")):
            continue
        rows = model._base_manager.exclude(issued_file="", prepared_file="").order_by("pk")
        for document in rows:
            files = {}
            for kind in ("issued", "prepared"):
                name = getattr(document, f"{kind}_file").name
                if name:
                    files[kind] = {
                        "name": name,
                        "sha256": getattr(document, f"{kind}_sha256"),
                        "stored_sha256": _sha256_stored(default_storage, name),
                    }
            signed = document.is_digitally_signed and files.get("issued")
            documents.append(
                {
                    "model": model._meta.label_lower,
                    "pk": document.pk,
                    "status": document.status,
                    "number": document.number,
                    "symbol": document.symbol,
                    "is_digitally_signed": document.is_digitally_signed,
                    "issue_method": document.issue_method,
                    "files": files,
                    "signatures": (
                        _signatures(default_storage, files["issued"]["name"]) if signed else []
                    ),
                }
            )
    backend = ModelBackend()
    people = User.objects.filter(pk__in=User.user_permissions.through.objects.values("user_id"))
    people = people | User.objects.filter(groups__isnull=False)
    return {
        "tables": counts,
        "models_by_table": {table: m._meta.label_lower for table, m in by_table.items()},
        "orm_counts": orm_counts,
        "content_types": {
            str(ct.pk): [f"{ct.app_label}.{ct.model}", ct.model_class() is not None]
            for ct in ContentType.objects.order_by("pk")
        },
        "permissions": {
            str(p.pk): [f"{p.content_type.app_label}.{p.content_type.model}", p.codename]
            for p in Permission.objects.select_related("content_type").order_by("pk")
        },
        "group_permissions": {
            g.name: sorted(g.permissions.values_list("pk", flat=True))
            for g in Group.objects.order_by("name")
        },
        "user_permissions": {
            u.username: sorted(u.user_permissions.values_list("pk", flat=True))
            for u in User.objects.filter(user_permissions__isnull=False).distinct()
        },
        "effective_permissions": {
            u.username: sorted(backend.get_all_permissions(u)) for u in people.distinct()
        },
        "generic_links": links,
        "documents": documents,
        "files": {
            name: _sha256_stored(default_storage, name) for name in _stored_files(default_storage)
        },
    }


# --- the assertions -----------------------------------------------------------------------------


def _assert_rows_kept(state: dict, manifest: dict) -> None:
    differences = {}
    for table, count in manifest["tables"].items():
        now = state["tables"].get(table)
        grew_ok = table in GROWING_TABLES and now is not None and now >= count
        if table in REPLACED:
            table = REPLACED[table]
            now = state["tables"].get(table)
        if now != count and not grew_ok:
            differences[table] = (count, now)
    assert not differences, f"row counts (before, after) changed: {differences}"
    for legacy, label in MOVED.items():
        table = legacy.replace(".", "_")
        assert state["models_by_table"].get(table) == label, table
        assert state["orm_counts"][label] == manifest["tables"][table], label
    for table in HISTORY_TABLES:
        label = _new(table.replace("_", ".", 1))
        assert manifest["tables"][table] > 0
        assert state["orm_counts"][label] == manifest["tables"][table], label


def _assert_content_types_relabelled(state: dict, manifest: dict) -> None:
    expected = {
        pk: _new(label)
        for pk, label in manifest["content_types"].items()
        if label not in REMOVED_MODELS
    }
    actual = {pk: label for pk, (label, _has_model) in state["content_types"].items()}
    assert {pk: actual.get(pk) for pk in expected} == expected
    stale = sorted(label for label, has_model in state["content_types"].values() if not has_model)
    assert not stale, f"content types without a model: {stale}"
    labels = set(actual.values())
    assert not labels & (set(MOVED) - set(MOVED.values()))


def _assert_permissions_kept(state: dict, manifest: dict) -> None:
    expected = {
        pk: [_new(label), codename]
        for pk, (label, codename) in manifest["permissions"].items()
        if label not in REMOVED_MODELS
    }
    assert {pk: state["permissions"].get(pk) for pk in expected} == expected
    assert state["group_permissions"] == manifest["group_permissions"]
    assert state["user_permissions"] == manifest["user_permissions"]
    # What ModelBackend grants: "<new app label>.<codename>" for every permission held.
    permissions = manifest["permissions"]
    holders = {*manifest["user_permissions"], *manifest["user_groups"]}
    for username in holders:
        held = list(manifest["user_permissions"].get(username, []))
        for group in manifest["user_groups"].get(username, []):
            held += manifest["group_permissions"][group]
        granted = {
            f"{_new(permissions[str(pk)][0]).split('.')[0]}.{permissions[str(pk)][1]}"
            for pk in held
        }
        assert state["effective_permissions"][username] == sorted(granted), username


def _assert_links_resolve(state: dict, manifest: dict) -> None:
    for table, rows in manifest["generic_links"].items():
        expected = [[pk, _new(label), object_id] for pk, label, object_id in rows]
        assert rows, table
        assert state["generic_links"][table] == expected, table


def _assert_documents_intact(state: dict, manifest: dict) -> None:
    found = {(d["model"], d["pk"]): d for d in state["documents"]}
    assert len(found) == len(manifest["documents"])
    for legacy in manifest["documents"]:
        document = found.get((_new(legacy["model"]), legacy["pk"]))
        assert document is not None, legacy
        for field in ("status", "number", "symbol", "is_digitally_signed", "issue_method"):
            assert document[field] == legacy[field], (legacy["model"], legacy["pk"], field)
        assert document["files"].keys() == legacy["files"].keys()
        for kind, file in legacy["files"].items():
            now = document["files"][kind]
            assert now["name"] == file["name"]
            assert now["sha256"] == now["stored_sha256"] == file["sha256"], file["name"]
        if legacy["is_digitally_signed"]:
            assert document["signatures"], legacy
            assert all(intact and valid for intact, valid in document["signatures"])
    assert state["files"] == manifest["files"]


def assert_upgraded(state: dict, manifest: dict) -> None:
    _assert_rows_kept(state, manifest)
    _assert_content_types_relabelled(state, manifest)
    _assert_permissions_kept(state, manifest)
    _assert_links_resolve(state, manifest)
    _assert_documents_intact(state, manifest)


# --- the tests ----------------------------------------------------------------------------------


def test_it_has_a_fixture_of_every_kind_of_document():
    """The fixture is what the other tests claim it is (a guard against a rebuilt fixture that
    lost what makes them meaningful)."""
    manifest = _manifest()
    documents = manifest["documents"]
    models = {d["model"] for d in documents}
    assert models == {"objectives.objectiveset", "monitoring.evaluationreport"}
    assert any(d["is_digitally_signed"] and d["issue_method"] == "app" for d in documents)
    assert any(
        d["issue_method"] == "external_signing" and "prepared" in d["files"] for d in documents
    )
    assert any(not d["is_digitally_signed"] and d["number"] for d in documents)
    tables = manifest["tables"]
    for table in (
        "objectives_acknowledgement",
        "monitoring_result",
        "monitoring_periodconfirmation",
        "monitoring_correction",
        "monitoring_evidence",
        "risks_risk",
        *LINK_TABLES,
        *HISTORY_TABLES,
    ):
        assert tables[table] > 0, table
    total = sum(p.stat().st_size for p in FIXTURE.rglob("*") if p.is_file())
    assert total < 5 * 1024 * 1024


def _subprocess_environment(database: Path, files: Path, var: Path) -> dict:
    """The app's settings from the environment, as an operator would have them, on the copy."""
    cleared = (
        "DATABASE_POOLER",
        "CACHE_URL",
        "SIGNING_CONFIG_FILE",
        "DEBUG",
        "DJANGO_SETTINGS_MODULE",
    )
    environment = {k: v for k, v in os.environ.items() if k not in cleared}
    environment.update(
        DATABASE_URL=f"sqlite:///{database}",
        FILE_STORAGE_ROOT=str(files),
        VAR_DIR=str(var),
        SECRET_KEY="legacy-upgrade-test-not-a-secret",
        QMS_TESTING="false",
        DJANGO_SETTINGS_MODULE="qms_objectives.settings",
    )
    return environment


def _run(command: list[str], environment: dict) -> None:
    finished = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=180
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr


def test_it_migrates_a_legacy_database_in_place_with_every_row_and_file(tmp_path):
    manifest = _manifest()
    database = tmp_path / "db.sqlite3"
    files = tmp_path / "files"
    shutil.copyfile(FIXTURE / manifest["database"], database)
    shutil.copytree(FIXTURE / manifest["files_folder"], files)
    environment = _subprocess_environment(database, files, tmp_path / "var")

    _run([sys.executable, "manage.py", "migrate", "--noinput"], environment)
    state_file = tmp_path / "state.json"
    probe = (
        "import django, json, pathlib, sys; django.setup(); "
        f"from {__name__} import observe; "
        "pathlib.Path(sys.argv[1]).write_text(json.dumps(observe()))"
    )
    _run([sys.executable, "-c", probe, str(state_file)], environment)

    assert_upgraded(json.loads(state_file.read_text()), manifest)


@pytest.mark.skipif(
    not django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="the legacy backup holds a SQLite database file; restore refuses an archive of "
    "another engine, so it cannot be restored into PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_it_restores_a_legacy_backup_and_migrates_it_with_every_row_and_file():
    from django.core.management import call_command

    manifest = _manifest()
    call_command("restore", str(FIXTURE / manifest["backup"]))
    call_command("migrate", interactive=False, verbosity=0)

    assert_upgraded(observe(), manifest)
