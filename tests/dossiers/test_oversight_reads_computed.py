"""The oversight body's view reads computed results like typed ones: its summary of the agency's
year (recomputed on every result write) counts a target met by a computed result."""

from datetime import date

from dossiers.measures import measure_recompute
from dossiers.models import DossierPeriodTotals, Measure, TargetMeasure
from oversight.models import AgencyYearSummary
from oversight.summaries import summary_refresh
from tests.monitoring.conftest import add_objective, publish_set


def _totals(agency, within: int):
    DossierPeriodTotals.objects.create(
        agency=agency,
        processing_unit="Bộ phận một cửa",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        resolved_total=900,
        resolved_before=700,
        resolved_on_time=200,
        pending_total=100,
        pending_within=within,
        pending_overdue=100 - within,
    )


def test_a_target_met_by_a_computed_result_counts_as_met(agency, people):
    target = add_objective(publish_set(agency, year=2025)).targets.get()
    _totals(agency, within=60)  # 960/1.000 = 96 %: met
    bound = TargetMeasure.objects.create(
        target=target, agency=agency, measure=Measure.ON_TIME_RATE, created_by=people["iso_officer"]
    )
    measure_recompute(measure=bound, today=date(2025, 4, 10))
    summary = AgencyYearSummary.objects.get(agency=agency, year=2025)
    assert (summary.targets_count, summary.targets_met) == (1, 1)
    assert summary == summary_refresh(agency.pk, 2025)


def test_a_computed_result_below_the_target_is_not_met(agency, people):
    target = add_objective(publish_set(agency, year=2025)).targets.get()
    _totals(agency, within=50)  # 950/1.000 = 95 %
    bound = TargetMeasure.objects.create(
        target=target, agency=agency, measure=Measure.ON_TIME_RATE, created_by=people["iso_officer"]
    )
    measure_recompute(measure=bound, today=date(2025, 4, 10))
    summary = summary_refresh(agency.pk, 2025)
    assert (summary.targets_count, summary.targets_met) == (1, 0)
