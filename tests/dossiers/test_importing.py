"""The dossier import (dossiers.importing through services.dossier_import_process): dates in the
exports' formats, every bad row located, all or nothing, re-import updates by code."""

import unicodedata
from datetime import datetime

import pytest

from dossiers.models import Dossier, DossierImport, SupplementRequest
from dossiers.values import VIETNAM
from tests.dossiers.import_support import (
    NATIONAL,
    csv_bytes,
    dossier_row,
    run_import,
    save_suggested_mapping,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(people, agency):
    save_suggested_mapping(agency, people["iso_officer"])
    return people["iso_officer"]


def at(*parts):
    return datetime(*parts, tzinfo=VIETNAM)


def test_it_imports_a_csv_with_the_national_field_names(agency, officer):
    rows = [
        dossier_row("D01", "02/01/2025 08:00", "10/01/2025 17:00", "09/01/2025 10:00"),
        dossier_row(
            "D04",
            "10/01/2025 09:00:00",
            "20/01/2025 17:00:00",
            "24/01/2025 15:00:00",
            asked="12/01/2025 10:00",
            answered="17/01/2025 10:00",
        ),
        dossier_row("D06", "2025-03-25 09:00:00", "2025-04-05 17:00:00", "", status="4"),
    ]
    job = run_import(agency, officer, csv_bytes(rows))
    assert job.status == DossierImport.Status.DONE, job.problems
    assert (job.rows_total, job.rows_created, job.rows_updated) == (3, 3, 0)
    d01 = Dossier.objects.get(agency=agency, code="D01")
    assert d01.received_at == at(2025, 1, 2, 8, 0)
    assert d01.due_at == at(2025, 1, 10, 17, 0)
    assert d01.finished_at == at(2025, 1, 9, 10, 0)
    assert (d01.channel, d01.status, d01.procedure_code) == (2, 10, "1.001612")
    assert d01.processing_unit == "Phòng Tư pháp"
    assert d01.source_import == job
    d04 = Dossier.objects.get(code="D04")
    assert d04.supplement_count == 1
    supplement = d04.supplements.get()
    assert (supplement.asked_at, supplement.answered_at) == (
        at(2025, 1, 12, 10, 0),
        at(2025, 1, 17, 10, 0),
    )
    d06 = Dossier.objects.get(code="D06")
    assert d06.finished_at is None
    assert d06.due_at == at(2025, 4, 5, 17, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/01/2025 08:30", at(2025, 1, 2, 8, 30)),
        ("02/01/2025 08:30:15", at(2025, 1, 2, 8, 30, 15)),
        ("2/1/2025 8:30", at(2025, 1, 2, 8, 30)),
        ("2025-01-02 08:30:00", at(2025, 1, 2, 8, 30)),
        ("2025-01-02T08:30:00+07:00", at(2025, 1, 2, 8, 30)),
        ("2025-01-02T01:30:00Z", at(2025, 1, 2, 8, 30)),
        ("45659.3541666667", at(2025, 1, 2, 8, 30)),
        ("02-01-2025 08:30", at(2025, 1, 2, 8, 30)),
        ("02/01/2025", at(2025, 1, 2, 0, 0)),
    ],
)
def test_it_reads_the_date_formats_of_the_exports(agency, officer, text, expected):
    job = run_import(agency, officer, csv_bytes([dossier_row("X1", text)]))
    assert job.status == DossierImport.Status.DONE, job.problems
    assert Dossier.objects.get(code="X1").received_at == expected


def test_a_due_date_without_a_time_is_due_by_the_end_of_that_day(agency, officer):
    run_import(agency, officer, csv_bytes([dossier_row("X1", "02/01/2025 08:00", "10/01/2025")]))
    assert Dossier.objects.get(code="X1").due_at == at(2025, 1, 10, 23, 59, 59)


def test_it_reads_real_excel_dates_and_a_title_row_above_the_headers(agency, officer):
    row = dossier_row("X1", at(2025, 1, 2, 8, 30).replace(tzinfo=None), "", "", status=10)
    row[7] = 2  # channel as a number cell
    data = xlsx_bytes([row], title="DANH SÁCH HỒ SƠ")
    job = run_import(agency, officer, data, name="a.xlsx")
    assert job.status == DossierImport.Status.DONE, job.problems
    dossier = Dossier.objects.get(code="X1")
    assert (dossier.received_at, dossier.channel, dossier.status) == (at(2025, 1, 2, 8, 30), 2, 10)


def test_every_bad_row_is_located_and_nothing_is_written(agency, officer):
    rows = [
        dossier_row("OK1", "02/01/2025 08:00", "10/01/2025 17:00"),
        dossier_row("BAD1", "32/01/2025 08:00"),
        dossier_row("", "02/01/2025 08:00"),
        dossier_row("BAD3", "02/01/2025 08:00", "01/01/2025 17:00"),
        dossier_row("OK1", "03/01/2025 08:00"),
        dossier_row("BAD5", "02/01/2025 08:00", status="hỏng"),
    ]
    job = run_import(agency, officer, csv_bytes(rows))
    assert job.status == DossierImport.Status.REJECTED
    located = {(p["row"], p["column"]) for p in job.problems}
    assert located == {
        (3, "NgayTiepNhan"),
        (4, "MaHoSo"),
        (5, "NgayHenTra"),
        (6, "MaHoSo"),
        (7, "TrangThaiHoSo"),
    }
    assert job.problems_total == 5
    assert "trùng với dòng 2" in next(p["message"] for p in job.problems if p["row"] == 6)
    assert not Dossier.objects.exists()


def test_a_bad_row_after_many_good_batches_still_writes_nothing(agency, officer, monkeypatch):
    from dossiers import importing

    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    rows = [dossier_row(f"G{n}", "02/01/2025 08:00") for n in range(7)]
    rows.append(dossier_row("B", "hôm qua"))
    job = run_import(agency, officer, csv_bytes(rows))
    assert job.status == DossierImport.Status.REJECTED
    assert job.problems == [
        {"row": 9, "column": "NgayTiepNhan", "message": job.problems[0]["message"]}
    ]
    assert not Dossier.objects.exists()
    assert not SupplementRequest.objects.exists()


def test_reimporting_updates_dossiers_by_code_and_never_duplicates(agency, officer):
    first = [
        dossier_row("D1", "02/01/2025 08:00", "10/01/2025 17:00", status="4"),
        dossier_row(
            "D2", "02/01/2025 08:00", asked="03/01/2025 08:00", answered="04/01/2025 08:00"
        ),
        dossier_row(
            "D4", "02/01/2025 08:00", asked="03/01/2025 08:00", answered="04/01/2025 08:00"
        ),
    ]
    run_import(agency, officer, csv_bytes(first))
    second = [
        dossier_row("D1", "02/01/2025 08:00", "10/01/2025 17:00", "09/01/2025 10:00"),
        dossier_row("D2", "02/01/2025 08:00"),
        dossier_row("D3", "05/01/2025 08:00"),
        dossier_row(
            "D4", "02/01/2025 08:00", asked="06/01/2025 08:00", answered="07/01/2025 08:00"
        ),
    ]
    job = run_import(agency, officer, csv_bytes(second))
    assert (job.rows_created, job.rows_updated) == (1, 3)
    assert Dossier.objects.filter(agency=agency).count() == 4
    d4 = Dossier.objects.get(code="D4").supplements.get()
    assert d4.asked_at == at(2025, 1, 6, 8, 0)
    d1 = Dossier.objects.get(code="D1")
    assert (d1.finished_at, d1.status, d1.source_import) == (at(2025, 1, 9, 10, 0), 10, job)
    assert not SupplementRequest.objects.filter(dossier__code="D2").exists()
    assert Dossier.objects.get(code="D2").supplement_count == 0


def test_the_same_code_in_another_agency_is_another_dossier(agency, outsider_agency, people):
    outsider = people["outsider"]
    save_suggested_mapping(agency, people["iso_officer"])
    save_suggested_mapping(outsider_agency, outsider)
    data = csv_bytes([dossier_row("D1", "02/01/2025 08:00")])
    run_import(agency, people["iso_officer"], data)
    run_import(outsider_agency, outsider, data)
    assert Dossier.objects.filter(code="D1").count() == 2


def test_two_supplement_requests_and_a_count_column(agency, officer):
    headers = [*NATIONAL, "NgayYeuCauBoSung2", "NgayBoSung2", "SoLanBoSung"]
    row = dossier_row(
        "D05",
        "03/02/2025 09:00",
        "20/02/2025 17:00",
        "15/02/2025 10:00",
        asked="05/02/2025 09:00",
        answered="06/02/2025 09:00",
    )
    save_suggested_mapping(agency, officer, headers)
    job = run_import(
        agency, officer, csv_bytes([[*row, "10/02/2025 09:00", "11/02/2025 09:00", "2"]], headers)
    )
    assert job.status == DossierImport.Status.DONE, job.problems
    dossier = Dossier.objects.get(code="D05")
    assert dossier.supplement_count == 2
    assert list(dossier.supplements.values_list("number", flat=True)) == [1, 2]


def test_a_withdrawn_dossier_is_marked_void(agency, officer):
    run_import(agency, officer, csv_bytes([dossier_row("D09", "08/01/2025 09:00", status="7")]))
    assert Dossier.objects.get(code="D09").is_void


def _windows_1258(text: str) -> bytes:
    """As Windows saves Vietnamese: a letter with two marks as the letter with one, plus the
    combining tone mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            out += (unicodedata.normalize("NFC", decomposed[:-1]) + decomposed[-1]).encode("cp1258")
    return out


def test_a_semicolon_separated_csv_in_windows_1258_is_read(agency, officer):
    data = csv_bytes([dossier_row("D1", "02/01/2025 08:00")], delimiter=";")
    job = run_import(agency, officer, _windows_1258(data.decode("utf-8-sig")))
    assert job.status == DossierImport.Status.DONE, job.problems
    assert Dossier.objects.get(code="D1").processing_unit == "Phòng Tư pháp"


def test_the_processing_unit_links_the_department_of_the_same_name(agency, officer):
    from tests.factories import DepartmentFactory

    department = DepartmentFactory(agency=agency, name="Phòng Tư pháp", abbreviation="TP")
    run_import(agency, officer, csv_bytes([dossier_row("D1", "02/01/2025 08:00")]))
    assert Dossier.objects.get(code="D1").department == department


def test_text_is_stored_exactly_whatever_characters_it_holds(agency, officer):
    """Backslashes, tabs and line breaks inside a cell (COPY's text format escapes them on
    PostgreSQL) and letters typed decomposed (stored in NFC, as every text field)."""
    unit = unicodedata.normalize("NFD", "Phòng\tTư pháp \\ một cửa\nliên thông")
    row = dossier_row("HS\\01\t2", "02/01/2025 08:00")
    row[6] = unit
    row[5] = "1.00\\1"
    job = run_import(agency, officer, csv_bytes([row, dossier_row("N", "03/01/2025 08:00")]))
    assert job.status == DossierImport.Status.DONE, job.problems
    dossier = Dossier.objects.get(agency=agency, code="HS\\01\t2")
    assert dossier.processing_unit == unicodedata.normalize("NFC", unit)
    assert dossier.procedure_code == "1.00\\1"
    assert Dossier.objects.get(agency=agency, code="N").procedure_code == "1.001612"


def test_reimport_replaces_only_this_agencys_supplement_requests(agency, outsider_agency, people):
    """The same codes in another agency keep their requests when this agency re-imports."""
    outsider = people["outsider"]
    save_suggested_mapping(agency, people["iso_officer"])
    save_suggested_mapping(outsider_agency, outsider)
    row = dossier_row(
        "D1", "02/01/2025 08:00", asked="03/01/2025 08:00", answered="04/01/2025 08:00"
    )
    run_import(agency, people["iso_officer"], csv_bytes([row]))
    run_import(outsider_agency, outsider, csv_bytes([row]))
    again = dossier_row(
        "D1", "02/01/2025 08:00", asked="05/01/2025 08:00", answered="06/01/2025 08:00"
    )
    job = run_import(agency, people["iso_officer"], csv_bytes([again]))
    assert (job.rows_created, job.rows_updated) == (0, 1)
    mine = SupplementRequest.objects.get(dossier__agency=agency)
    theirs = SupplementRequest.objects.get(dossier__agency=outsider_agency)
    assert mine.asked_at == at(2025, 1, 5, 8, 0)
    assert theirs.asked_at == at(2025, 1, 3, 8, 0)
    assert SupplementRequest.objects.count() == 2


def test_rows_are_written_in_one_upsert_on_postgresql_and_in_batches_elsewhere(
    agency, officer, monkeypatch
):
    """PostgreSQL: the rows streamed with COPY (a chunk of BATCH_SIZE at a time) then one
    INSERT … SELECT … ON CONFLICT; SQLite: one INSERT … ON CONFLICT per batch."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dossiers import importing

    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    rows = [dossier_row(f"G{n}", "02/01/2025 08:00") for n in range(5)]
    with CaptureQueriesContext(connection) as queries:
        job = run_import(agency, officer, csv_bytes(rows))
    assert job.status == DossierImport.Status.DONE, job.problems
    inserts = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('INSERT INTO "dossiers_dossier"')
        or q["sql"].startswith("INSERT INTO dossiers_dossier")
    ]
    if connection.vendor == "postgresql":
        assert len(inserts) == 1
        assert "SELECT" in inserts[0] and "ON CONFLICT" in inserts[0]
    else:
        assert len(inserts) == 3
    assert Dossier.objects.filter(agency=agency).count() == 5
