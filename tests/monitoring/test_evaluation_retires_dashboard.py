"""A year-end report's writes retire the agency's cached dashboards (the year closes when it is
issued). The receiver was connected weakly from inside EvaluationConfig.ready() and collected on
return, so an issued report left the open year's page cached (found by the year journey,
tests/browser/test_year_journey.py)."""

import gc

from evaluation.services import report_start
from monitoring.dashboard_cache import dashboard_version
from tests.monitoring.conftest import add_objective, publish_set


def test_starting_a_report_raises_the_dashboard_version(agency, people, year_end):
    objective_set = publish_set(agency)
    add_objective(objective_set)
    gc.collect()
    before = dashboard_version(agency.pk)
    report = report_start(objective_set=objective_set, actor=people["iso_officer"])
    after_start = dashboard_version(agency.pk)
    report.delete()
    assert before != after_start != dashboard_version(agency.pk)
