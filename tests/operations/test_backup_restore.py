"""`manage.py backup` and `manage.py restore`: every issued PDF comes back with its original
SHA-256, into an empty database (SQLite under `make test`, PostgreSQL in CI)."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from agencies.models import Agency
from documents.models import Status
from objectives.models import ObjectiveSet
from tests.pki import issued_set

pytestmark = pytest.mark.django_db(transaction=True)


def _files_root() -> Path:
    return Path(django_settings.STORAGES["default"]["OPTIONS"]["location"])


def _backup(folder: Path) -> Path:
    call_command("backup", "-o", str(folder))
    (archive,) = folder.glob("qms-backup-*.tar.gz")
    return archive


def _issued(agency, people, department, settings) -> dict[int, tuple[str, str, bytes]]:
    """The agency's set (signed when `signing_on` is used) and a department set, both
    issued; the department set unsigned."""
    signed = issued_set(agency, people, year=2024, publish=False)
    department_set = ObjectiveSet.objects.create(
        agency=agency,
        department=department,
        year=2024,
        status=Status.APPROVED,
        signer=people["head"],
        signer_name="Nguyễn Kim Long",
    )
    from documents.workflow import document_issue

    settings.SIGNING_CONFIG_FILE = ""
    unsigned = document_issue(
        document=department_set,
        actor=people["records_officer"],
        number=7,
        symbol="QĐ-HCTC",
        issued_on=signed.issued_on,
    )
    documents = {}
    for document in (signed, unsigned):
        document.refresh_from_db()
        documents[document.pk] = (
            document.issued_file.name,
            document.issued_sha256,
            document.issued_file.read(),
        )
    return documents


def test_it_restores_every_issued_pdf_with_its_original_sha256(
    tmp_path,
    settings,
    agency,
    people,
    department,
    signing_on,
):
    documents = _issued(agency, people, department, settings)
    assert ObjectiveSet.objects.get(pk=next(iter(documents))).is_digitally_signed
    archive = _backup(tmp_path / "backups")

    call_command("flush", interactive=False)  # an empty database …
    shutil.rmtree(_files_root())  # … and an empty file store
    assert not ObjectiveSet.objects.exists()

    call_command("restore", str(archive))

    assert Agency.objects.filter(pk=agency.pk).exists()
    for pk, (name, sha256, data) in documents.items():
        document = ObjectiveSet.objects.get(pk=pk)
        assert document.issued_file.name == name
        assert document.issued_sha256 == sha256
        restored = document.issued_file.read()
        assert hashlib.sha256(restored).hexdigest() == sha256
        assert restored == data


def test_it_writes_a_dated_archive_with_a_manifest(tmp_path, settings, agency, people, department):
    documents = _issued(agency, people, department, settings)
    archive = _backup(tmp_path)
    assert archive.stat().st_mode & 0o077 == 0  # the operator's eyes only
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["engine"] == connection.vendor
    assert manifest["database"] in names
    assert manifest["migrations"]["objectives"]
    for name, sha256, _data in documents.values():
        assert manifest["files"][name] == sha256
        assert f"files/{name}" in names


def test_it_refuses_a_database_in_use_unless_forced(tmp_path, settings, agency, people, department):
    _issued(agency, people, department, settings)
    archive = _backup(tmp_path)
    Agency.objects.filter(pk=agency.pk).update(name="Tên đổi sau khi sao lưu")

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    assert Agency.objects.get(pk=agency.pk).name == "Tên đổi sau khi sao lưu"

    call_command("restore", str(archive), "--force")
    assert Agency.objects.get(pk=agency.pk).name == "Văn phòng UBND tỉnh Đồng Nai"


def test_it_refuses_an_archive_whose_file_was_damaged(
    tmp_path, settings, agency, people, department
):
    documents = _issued(agency, people, department, settings)
    archive = _backup(tmp_path)
    name = next(iter(documents.values()))[0]
    with tarfile.open(archive) as tar:
        members = {m.name: (m, tar.extractfile(m).read() if m.isfile() else None) for m in tar}
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as tar:
        for member_name, (member, data) in members.items():
            if member_name == f"files/{name}":
                data = data.replace(b"%%EOF", b"%%EOX")
            tar.addfile(member, io.BytesIO(data) if data is not None else None)

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), "--force")


def test_it_refuses_an_archive_of_another_database_engine(
    tmp_path, settings, agency, people, department
):
    archive = _backup(tmp_path)
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar if m.isfile()]
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        for member, data in members:
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["engine"] = "oracle"
                data = json.dumps(manifest).encode()
                member.size = len(data)
            tar.addfile(member, io.BytesIO(data))

    with pytest.raises(CommandError, match="oracle"):
        call_command("restore", str(other), "--force")
