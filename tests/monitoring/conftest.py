"""Published sets for monitoring tests, built directly (status set by the factory, not by the
workflow services), and a fixed clock."""

from datetime import date
from decimal import Decimal

import pytest

from documents.models import Status
from evaluation.models import EvaluationReport
from evaluation.services import report_start
from monitoring.models import Result
from monitoring.periods import period_from_key
from objectives.models import Comparison
from tests.factories import (
    ObjectiveFactory,
    ObjectiveSetFactory,
    SectionFactory,
    TargetFactory,
)
from tests.monitoring.evaluation_support import YEAR_END, known_results

TODAY = date(2024, 7, 15)


def publish_set(agency, *, department=None, year=2024, parent=None):
    return ObjectiveSetFactory(
        agency=agency, department=department, year=year, status=Status.PUBLISHED, parent=parent
    )


def add_objective(objective_set, *, frequencies=("quarterly",), targets=None, **fields):
    """An objective with its targets (default: one "≥ 96%" target)."""
    objective = ObjectiveFactory(
        objective_set=objective_set, reporting_frequencies=list(frequencies), **fields
    )
    for index, spec in enumerate(targets or [{}]):
        values = {"comparison": Comparison.AT_LEAST, "value": 96, "unit": "%", "order": index}
        values.update(spec)
        TargetFactory(objective=objective, **values)
    return objective


@pytest.fixture
def today(monkeypatch):
    """Views and services read timezone.localdate(): pin it to 15 July 2024."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def agency_set(agency):
    return publish_set(agency)


@pytest.fixture
def section(agency_set):
    return SectionFactory(objective_set=agency_set, title="I. Đối với cơ quan:")


def put(target, period_key, value=None, numerator=None, denominator=None, user=None):
    """A stored result, written directly (the services are tested on their own)."""
    period = period_from_key(period_key)
    if numerator is not None:
        value = Decimal(numerator) * 100 / Decimal(denominator)
    return Result.objects.create(
        target=target,
        period_key=period.key,
        period_start=period.start,
        period_end=period.end,
        value=None if value is None else Decimal(value),
        numerator=numerator,
        denominator=denominator,
        recorded_by=user,
    )


# The evaluation report tests: a set with known results, a report, a year-end clock.


@pytest.fixture
def year_end(monkeypatch):
    """Views and services read timezone.localdate(): pin it to 15 January of the next year."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: YEAR_END)
    return YEAR_END


@pytest.fixture
def evaluated_set(agency_set, people):
    known_results(agency_set, people["iso_officer"])
    return agency_set


@pytest.fixture
def report(evaluated_set, people, year_end) -> EvaluationReport:
    return report_start(objective_set=evaluated_set, actor=people["iso_officer"])
