"""dossiers_push: JSON records with the national field names, checked and written exactly as an
imported file — upserted by code (a second push of the same records changes nothing and
duplicates nothing), all or nothing with every bad record located, personal data never kept,
the bound targets recomputed on commit."""

import pytest

from dossiers.models import Dossier, DossierImport, Measure, SupplementRequest, TargetMeasure
from dossiers.services import PUSH_MAX_RECORDS, dossiers_push
from monitoring.models import Result
from qms_objectives.errors import WorkflowError
from tests.monitoring.conftest import add_objective, publish_set

RECORDS = [
    {
        "MaHoSo": "000.00.01.H26-250102-0001",
        "MaTTHC": "1.001",
        "NgayTiepNhan": "02/01/2025 08:00",
        "NgayHenTra": "10/01/2025 17:00",
        "NgayKetThucXuLy": "09/01/2025 10:00",
        "TrangThaiHoSo": 10,
        "KenhThucHien": 2,
        "HoTenNguoiNop": "Nguyễn Văn A",
        "SoCCCD": "001085012345",
    },
    {
        "MaHoSo": "000.00.01.H26-250110-0002",
        "MaTTHC": "1.001",
        "NgayTiepNhan": "2025-01-10T09:00:00+07:00",
        "NgayHenTra": "2025-01-20T17:00:00+07:00",
        "NgayKetThucXuLy": "2025-01-24T15:00:00+07:00",
        "TrangThaiHoSo": "10",
        "BoSung": [{"NgayYeuCauBoSung": "12/01/2025 10:00", "NgayBoSung": "17/01/2025 10:00"}],
    },
]


def test_it_upserts_by_code_and_a_second_push_duplicates_nothing(agency, people):
    first = dossiers_push(agency=agency, records=RECORDS)
    assert first.status == DossierImport.Status.DONE and first.kind == DossierImport.Kind.PUSH
    assert (first.rows_created, first.rows_updated) == (2, 0)
    again = dossiers_push(agency=agency, records=RECORDS)
    assert (again.rows_created, again.rows_updated) == (0, 2)
    assert Dossier.objects.filter(agency=agency).count() == 2
    assert SupplementRequest.objects.count() == 1
    second = Dossier.objects.get(code=RECORDS[1]["MaHoSo"])
    assert second.supplements.get().answered_at.day == 17


def test_a_changed_record_updates_its_dossier(agency):
    dossiers_push(agency=agency, records=RECORDS)
    changed = [dict(RECORDS[0], NgayKetThucXuLy="11/01/2025 10:00")]
    dossiers_push(agency=agency, records=changed)
    assert Dossier.objects.get(code=RECORDS[0]["MaHoSo"]).finished_at.day == 11


def test_personal_data_is_never_kept(agency):
    job = dossiers_push(agency=agency, records=RECORDS)
    assert "HoTenNguoiNop" not in job.headers and "SoCCCD" not in job.headers
    stored = list(Dossier.objects.values())
    assert "Nguyễn Văn A" not in str(stored) and "001085012345" not in str(stored)


def test_a_bad_record_is_located_and_nothing_is_written(agency):
    bad = [RECORDS[0], dict(RECORDS[1], NgayTiepNhan="32/13/2025")]
    job = dossiers_push(agency=agency, records=bad)
    assert job.status == DossierImport.Status.REJECTED
    assert not Dossier.objects.exists()
    problem = job.problems[0]
    assert problem["row"] == 2 and problem["column"] == "NgayTiepNhan"


def test_an_empty_or_too_large_batch_is_refused(agency):
    with pytest.raises(WorkflowError):
        dossiers_push(agency=agency, records=[])
    with pytest.raises(WorkflowError):
        dossiers_push(agency=agency, records=[RECORDS[0]] * (PUSH_MAX_RECORDS + 1))
    assert not DossierImport.objects.exists()


def test_a_push_recomputes_the_bound_targets(
    agency, people, monkeypatch, django_capture_on_commit_callbacks
):
    from datetime import date

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2025, 4, 10))
    target = add_objective(publish_set(agency, year=2025)).targets.get()
    TargetMeasure.objects.create(
        target=target, agency=agency, measure=Measure.ON_TIME_RATE, created_by=people["iso_officer"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = dossiers_push(agency=agency, records=RECORDS)
    q1 = Result.objects.get(target=target, period_key="2025-Q1")
    assert (q1.numerator, q1.denominator) == (2, 2)
    assert q1.source == job
