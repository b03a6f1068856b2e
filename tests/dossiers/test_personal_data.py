"""Nghị định 13/2023/NĐ-CP: an export's names, identity numbers and addresses are stored
nowhere — not in a dossier, not in an import's problems or headers-derived mapping, not in the
log — and the uploaded file is kept only for the agency's period, readable by its ISO officers
and head, then deleted leaving its SHA-256 and counts."""

import logging
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier, DossierImport, DossierSettings
from dossiers.services import dossier_files_expire
from tests.dossiers.import_support import (
    PERSONAL,
    csv_bytes,
    dossier_row,
    run_import,
    save_suggested_mapping,
)

pytestmark = pytest.mark.django_db


def _every_stored_text() -> str:
    """Every value of every row of the dossier tables, as text."""
    texts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith("dossiers_"):
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
                texts += [str(value) for row in cursor.fetchall() for value in row]
    return "\n".join(texts)


@pytest.mark.parametrize("bad", [False, True], ids=["accepted", "rejected"])
def test_no_personal_value_is_stored_anywhere_nor_logged(people, agency, caplog, bad):
    officer = people["iso_officer"]
    save_suggested_mapping(agency, officer)
    rows = [dossier_row("D1", "02/01/2025 08:00", "10/01/2025 17:00")]
    if bad:
        rows.append(dossier_row("D2", PERSONAL[0]))  # a name where a date should be
        rows[-1][8] = "không phải ngày"
    with caplog.at_level(logging.DEBUG):
        job = run_import(agency, officer, csv_bytes(rows))
    assert job.status == (DossierImport.Status.REJECTED if bad else DossierImport.Status.DONE)
    stored = _every_stored_text()
    logged = caplog.text
    for value in PERSONAL:
        assert value not in stored
        assert value not in logged
    assert "D1" in stored or bad


def test_the_kept_file_is_readable_only_by_iso_officers_and_the_head(client, people, agency):
    officer = people["iso_officer"]
    save_suggested_mapping(agency, officer)
    job = run_import(agency, officer, csv_bytes([dossier_row("D1", "02/01/2025 08:00")]))
    url = reverse("private_file", args=[job.file.name])
    answers = {}
    for role in ("iso_officer", "head", "staff", "department_head", "administrator", "outsider"):
        client.force_login(people[role])
        answers[role] = client.get(url).status_code
    assert answers == {
        "iso_officer": 200,
        "head": 200,
        "staff": 404,
        "department_head": 404,
        "administrator": 404,
        "outsider": 404,
    }


def test_files_past_the_agencys_retention_are_deleted_leaving_hash_and_counts(people, agency):
    officer = people["iso_officer"]
    save_suggested_mapping(agency, officer)
    old = run_import(agency, officer, csv_bytes([dossier_row("D1", "02/01/2025 08:00")]))
    recent = run_import(agency, officer, csv_bytes([dossier_row("D2", "02/01/2025 08:00")]))
    DossierImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=366))
    DossierImport.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - timedelta(days=300)
    )
    old_name, sha256 = old.file.name, old.sha256

    assert dossier_files_expire() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.file and old.file_deleted_at is not None
    assert not default_storage.exists(old_name)
    assert (old.sha256, old.rows_total, old.rows_created, old.status) == (sha256, 1, 1, "done")
    assert recent.file and default_storage.exists(recent.file.name)
    assert Dossier.objects.filter(code="D1").exists()  # the records stay, only the file goes

    # A shorter period chosen by the agency deletes the other one the next day.
    DossierSettings.objects.create(agency=agency, file_retention_days=180)
    assert dossier_files_expire() == 1
    recent.refresh_from_db()
    assert not recent.file


def test_the_deleted_file_page_shows_the_hash_and_when_it_was_deleted(client, people, agency):
    officer = people["iso_officer"]
    save_suggested_mapping(agency, officer)
    job = run_import(agency, officer, csv_bytes([dossier_row("D1", "02/01/2025 08:00")]))
    DossierImport.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=400))
    dossier_files_expire()
    client.force_login(officer)
    page = client.get(job.get_absolute_url()).content.decode()
    assert job.sha256 in page
    assert "Đã xoá ngày" in page
