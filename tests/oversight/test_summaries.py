"""The per-agency yearly summary follows every write it shows inside the write's transaction:
a set started, submitted, published; results recorded; an evaluation report issued; an internal
audit and a management review recorded. A write rolled back leaves the summary as it was, and
the rebuild command recomputes what bulk writes bypassed."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from audits.models import InternalAudit, ManagementReview
from documents.models import Status
from monitoring.models import Result
from objectives.models import Target
from oversight.models import AgencyYearSummary, ObjectivesStatus
from tests.factories import EvaluationReportFactory, ObjectiveSetFactory


def _summary(agency, year=2024):
    return AgencyYearSummary.objects.get(agency=agency, year=year)


def test_it_follows_the_set_from_draft_to_published(agency):
    objective_set = ObjectiveSetFactory(
        agency=agency, year=2024, with_objectives=3, status=Status.DRAFT
    )
    summary = _summary(agency)
    assert summary.objectives_status == ObjectivesStatus.DRAFT
    assert summary.objectives_count == 3 and summary.published_on is None

    objective_set.status = Status.SUBMITTED
    objective_set.save()
    assert _summary(agency).objectives_status == ObjectivesStatus.SUBMITTED

    objective_set.status = Status.PUBLISHED
    objective_set.issued_on = datetime.date(2024, 1, 15)
    objective_set.published_at = timezone.now()
    objective_set.save()
    summary = _summary(agency)
    assert summary.objectives_status == ObjectivesStatus.PUBLISHED
    assert summary.issued_on == datetime.date(2024, 1, 15)
    assert summary.published_on == timezone.localdate()


def test_a_revision_in_draft_leaves_the_published_set_showing(agency):
    ObjectiveSetFactory(agency=agency, year=2024, published=True, with_objectives=2)
    ObjectiveSetFactory(agency=agency, year=2024, with_objectives=4, revision=1)
    summary = _summary(agency)
    assert summary.objectives_status == ObjectivesStatus.PUBLISHED
    assert summary.objectives_count == 2


def test_results_count_per_period_and_share_of_targets_met(agency, people):
    objective_set = ObjectiveSetFactory(
        agency=agency,
        year=2024,
        published=True,
        with_objectives=1,
        with_objectives__reporting_frequencies=["quarterly"],
    )
    summary = _summary(agency)
    q1 = next(p for p in summary.periods if p["key"] == "2024-Q1")
    assert (q1["expected"], q1["recorded"], q1["complete_on"]) == (1, 0, None)
    assert (summary.targets_count, summary.targets_met) == (0, 0)  # nothing scored yet

    target = objective_set.objectives.get().targets.get()
    Result.objects.create(
        target=target,
        period_key="2024-Q1",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 3, 31),
        value=target.value,
        recorded_by=people["iso_officer"],
    )
    summary = _summary(agency)
    q1 = next(p for p in summary.periods if p["key"] == "2024-Q1")
    assert (q1["expected"], q1["recorded"]) == (1, 1)
    assert q1["complete_on"] == timezone.localdate().isoformat()
    assert (summary.targets_count, summary.targets_met) == (1, 1)


def _result(target, quarter: int, value, user):
    first = datetime.date(2024, 3 * quarter - 2, 1)
    last = datetime.date(2024, 3 * quarter, 30 if quarter in (2, 3) else 31)
    return Result.objects.create(
        target=target, period_key=f"2024-Q{quarter}", period_start=first, period_end=last,
        value=value, recorded_by=user,
    )  # fmt: skip


def test_the_share_of_targets_met_counts_the_targets_scored_on_their_latest_result(agency, people):
    """Met ÷ targets with a result, each on its latest result of the year: a target without
    a result yet is not counted as missed, and a target met in Q1 but missed in Q2 is missed."""
    objective_set = ObjectiveSetFactory(
        agency=agency,
        year=2024,
        published=True,
        with_objectives=3,
        with_objectives__reporting_frequencies=["quarterly"],
    )
    first, second, third = (o.targets.get() for o in objective_set.objectives.order_by("pk"))
    user = people["iso_officer"]
    _result(first, 1, 97, user)
    _result(first, 2, 90, user)  # met in Q1, missed in Q2 (at least 96)
    _result(second, 1, 99, user)
    summary = _summary(agency)
    assert (summary.targets_count, summary.targets_met) == (2, 1)
    assert summary.targets_met_share == 50
    _result(third, 2, 96, user)
    assert (_summary(agency).targets_count, _summary(agency).targets_met) == (3, 2)


def test_a_count_summed_over_the_year_is_scored_once_reached_or_at_the_years_end(agency, people):
    objective_set = ObjectiveSetFactory(
        agency=agency,
        year=2024,
        published=True,
        with_objectives=2,
        with_objectives__reporting_frequencies=["quarterly"],
    )
    audits, reviews = (o.targets.get() for o in objective_set.objectives.order_by("pk"))
    # "ít nhất 02 lần/năm" (a published set is frozen: written past its checks)
    Target.objects.filter(pk__in=[audits.pk, reviews.pk]).update(is_cumulative=True, value=2)
    user = people["iso_officer"]
    _result(audits, 1, 1, user)
    _result(reviews, 1, 0, user)
    assert (_summary(agency).targets_count, _summary(agency).targets_met) == (0, 0)  # open
    _result(audits, 2, 1, user)  # 1 + 1: reached
    _result(reviews, 4, 1, user)  # the year over at 0 + 1: missed
    assert (_summary(agency).targets_count, _summary(agency).targets_met) == (2, 1)


def test_records_and_the_evaluation_report_show_their_dates(agency, people):
    published = ObjectiveSetFactory(agency=agency, year=2024, published=True)
    for day in (datetime.date(2024, 6, 3), datetime.date(2024, 11, 20)):
        InternalAudit.objects.create(agency=agency, held_on=day, scope="Một cửa")
    ManagementReview.objects.create(agency=agency, held_on=datetime.date(2024, 12, 10), scope="")
    EvaluationReportFactory(
        objective_set=published,
        status=Status.ISSUED,
        issued_on=datetime.date(2025, 1, 20),
    )
    summary = _summary(agency)
    assert summary.last_internal_audit_on == datetime.date(2024, 11, 20)
    assert summary.last_management_review_on == datetime.date(2024, 12, 10)
    assert summary.evaluation_issued_on == datetime.date(2025, 1, 20)


def test_a_write_rolled_back_takes_its_summary_with_it(agency):
    ObjectiveSetFactory(agency=agency, year=2024, with_objectives=1, status=Status.DRAFT)
    with pytest.raises(RuntimeError), transaction.atomic():
        InternalAudit.objects.create(agency=agency, held_on=datetime.date(2024, 5, 5), scope="x")
        assert _summary(agency).last_internal_audit_on == datetime.date(2024, 5, 5)
        raise RuntimeError
    assert _summary(agency).last_internal_audit_on is None


def test_the_rebuild_command_recomputes_what_bulk_writes_bypassed(agency):
    ObjectiveSetFactory(agency=agency, year=2024, with_objectives=1, status=Status.DRAFT)
    InternalAudit.objects.bulk_create(
        [InternalAudit(agency=agency, held_on=datetime.date(2024, 4, 1), scope="bulk")]
    )
    AgencyYearSummary.objects.all().delete()
    call_command("rebuild_oversight_summaries", "--year", "2024")
    summary = _summary(agency)
    assert summary.objectives_status == ObjectivesStatus.DRAFT
    assert summary.last_internal_audit_on == datetime.date(2024, 4, 1)
