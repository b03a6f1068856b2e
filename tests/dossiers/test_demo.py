"""The demo hook: an agency's on-time target computed from a synthetic export imported as an ISO
officer would, idempotent."""

from datetime import date

from dossiers.demo import demo_dossiers_load
from dossiers.models import Dossier, DossierImport
from monitoring.models import Result
from objectives.demo.hooks import _AFTER_LOAD
from tests.monitoring.conftest import add_objective, publish_set


def test_it_computes_the_on_time_target_from_a_synthetic_export(agency, department, people):
    target = add_objective(
        publish_set(agency, year=2025),
        content="Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt ít nhất 96%.",
    ).targets.get()
    bound = demo_dossiers_load(short_name=agency.short_name, today=date(2026, 1, 15), rows=300)
    assert bound.target == target
    job = DossierImport.objects.get()
    assert job.status == DossierImport.Status.DONE and job.rows_total == 300
    assert Dossier.objects.filter(agency=agency, department=department).exists()
    results = Result.objects.filter(target=target, is_computed=True).order_by("period_start")
    assert [r.period_key for r in results] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert all(r.source == job and 0 < r.numerator <= r.denominator for r in results)
    # Again: the same dossiers updated by code, nothing duplicated.
    demo_dossiers_load(short_name=agency.short_name, today=date(2026, 1, 15), rows=300)
    assert Dossier.objects.filter(agency=agency).count() == 300
    assert Result.objects.filter(target=target).count() == 4


def test_it_is_registered_with_the_demo():
    assert demo_dossiers_load in _AFTER_LOAD


def test_without_the_demo_agency_it_does_nothing(db):
    assert demo_dossiers_load(short_name="không có") is None
