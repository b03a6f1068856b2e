"""The dashboard's figures: latest, year to date, outcome, state, baseline and roll-up."""

from datetime import date
from decimal import Decimal

import pytest

from monitoring.dashboard import Filters, ObjectiveState, dashboard
from monitoring.scoring import Outcome
from monitoring.services import objective_plan_save
from objectives.models import Comparison
from tests.monitoring.conftest import add_objective, publish_set, put

TODAY = date(2024, 7, 15)


def rows_for(agency, **filters):
    return dashboard(agency=agency, year=2024, filters=Filters(**filters), today=TODAY)["rows"]


@pytest.fixture
def user(people):
    return people["iso_officer"]


def test_it_shows_latest_year_to_date_and_outcome(agency, user):
    target = add_objective(publish_set(agency)).targets.get()
    put(target, "2024-Q1", numerator=98, denominator=100, user=user)
    put(target, "2024-Q2", numerator=180, denominator=200, user=user)
    (row,) = rows_for(agency)
    (line,) = row.targets
    assert line.latest.period.key == "2024-Q2" and line.latest.value == Decimal(90)
    assert line.ytd.value == Decimal("92.67")  # 278 of 300
    assert line.outcome == Outcome.NOT_REACHED
    assert [p.outcome for p in line.points] == [
        Outcome.REACHED,
        Outcome.NOT_REACHED,
        Outcome.NO_DATA,
        Outcome.NO_DATA,
    ]
    assert row.state == ObjectiveState.AT_RISK
    assert len(line.chart.dots) == 2 and line.chart.target_y is not None


def test_an_objective_recovers_when_its_latest_period_is_reached(agency, user):
    target = add_objective(publish_set(agency)).targets.get()
    put(target, "2024-Q1", value=90, user=user)
    put(target, "2024-Q2", value=99, user=user)
    (row,) = rows_for(agency)
    assert row.state == ObjectiveState.ON_TRACK
    assert row.targets[0].outcome == Outcome.NOT_REACHED  # 94.5 % on average so far


def test_an_objective_without_results_has_no_data(agency):
    add_objective(publish_set(agency))
    (row,) = rows_for(agency)
    assert row.state == ObjectiveState.NO_DATA
    assert row.targets[0].outcome == Outcome.NO_DATA


def test_a_count_target_is_pending_until_reached(agency, user):
    objective = add_objective(
        publish_set(agency),
        frequencies=("half_yearly",),
        targets=[{"value": 1, "unit": "lần/năm", "is_cumulative": True}],
    )
    target = objective.targets.get()
    put(target, "2024-H1", value=0, user=user)
    (row,) = rows_for(agency)
    assert row.targets[0].outcome == Outcome.PENDING
    assert row.state == ObjectiveState.ON_TRACK
    put(target, "2024-H2", value=1, user=user)
    (row,) = rows_for(agency)
    assert row.targets[0].ytd.value == 1 and row.targets[0].outcome == Outcome.REACHED


def test_a_zero_target_is_missed_by_one_late_file(agency, user):
    objective = add_objective(
        publish_set(agency),
        targets=[{"comparison": Comparison.EXACTLY, "value": 0, "wording": "bằng không"}],
    )
    put(objective.targets.get(), "2024-Q1", numerator=1, denominator=1000, user=user)
    (row,) = rows_for(agency)
    assert row.targets[0].outcome == Outcome.NOT_REACHED and row.state == ObjectiveState.AT_RISK


def test_a_change_target_uses_last_years_result_as_baseline(agency, user):
    last_year = add_objective(
        publish_set(agency, year=2023),
        targets=[{"comparison": Comparison.AT_MOST, "value": 20, "unit": "vụ"}],
    ).targets.get()
    put(last_year, "2023-Q1", value=5, user=user)
    put(last_year, "2023-Q2", value=7, user=user)  # average 6 complaints a quarter
    this_year = add_objective(
        publish_set(agency),
        targets=[
            {
                "comparison": Comparison.DECREASE_BY,
                "value": 0,
                "unit": "vụ",
                "copied_from": last_year,
            }
        ],
    ).targets.get()
    put(this_year, "2024-Q1", value=4, user=user)
    (row,) = rows_for(agency)
    assert row.targets[0].baseline == Decimal(6)
    assert row.targets[0].outcome == Outcome.REACHED


def test_an_explicit_baseline_wins(agency, user):
    target = add_objective(
        publish_set(agency),
        targets=[{"comparison": Comparison.INCREASE_BY, "value": 5, "baseline": 80}],
    ).targets.get()
    put(target, "2024-Q1", value=84, user=user)
    (row,) = rows_for(agency)
    assert row.targets[0].baseline == 80 and row.targets[0].outcome == Outcome.NOT_REACHED


def test_continuous_objectives_plot_their_dated_entries(agency, user):
    target = add_objective(publish_set(agency), frequencies=("continuous",)).targets.get()
    put(target, "2024-02-01", value=97, user=user)
    put(target, "2024-05-20", value=99, user=user)
    (row,) = rows_for(agency)
    assert [p.period.key for p in row.targets[0].points] == ["2024-02-01", "2024-05-20"]
    assert row.targets[0].latest.value == 99


def test_it_filters_by_section_department_and_state(agency, department, other_department, user):
    from tests.factories import SectionFactory

    agency_set = publish_set(agency)
    first = SectionFactory(objective_set=agency_set, title="I. Đối với cơ quan:", order=1)
    second = SectionFactory(objective_set=agency_set, title="II. Đối với phòng:", order=2)
    led = add_objective(agency_set, section=first, lead_unit=department)
    add_objective(agency_set, section=second, lead_unit=other_department)
    own = add_objective(publish_set(agency, department=department))
    put(led.targets.get(), "2024-Q1", value=50, user=user)

    assert len(rows_for(agency)) == 3
    assert [r.objective for r in rows_for(agency, section_id=first.pk)] == [led]
    assert [r.objective for r in rows_for(agency, department=department)] == [led, own]
    assert [r.objective for r in rows_for(agency, state=ObjectiveState.AT_RISK)] == [led]
    assert len(rows_for(agency, state=ObjectiveState.NO_DATA)) == 2


# --- roll-up -----------------------------------------------------------------------------------


@pytest.fixture
def derived(agency, department, other_department):
    """An agency objective and the two department objectives derived from it."""
    parent = add_objective(publish_set(agency))
    children = [
        add_objective(publish_set(agency, department=d), parent=parent)
        for d in (department, other_department)
    ]
    return parent, [c.targets.get() for c in children]


def set_rule(parent, rule, people):
    objective_plan_save(
        objective=parent, actor=people["iso_officer"], frequency="quarterly", roll_up=rule
    )


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("ratio_of_sums", Decimal("90.91")),  # (100 + 900) / (100 + 1000)
        ("average", Decimal(95)),  # (100 % + 90 %) / 2
        ("worst", Decimal(90)),
    ],
)
def test_department_results_roll_up_by_the_chosen_rule(
    agency, derived, people, user, rule, expected
):
    parent, (first, second) = derived
    set_rule(parent, rule, people)
    put(first, "2024-Q1", numerator=100, denominator=100, user=user)
    put(second, "2024-Q1", numerator=900, denominator=1000, user=user)
    row = next(r for r in rows_for(agency) if r.objective == parent)
    line = row.targets[0]
    assert line.rolled_from == 2
    assert line.latest.rolled and line.latest.value == expected
    assert row.plan.get_roll_up_display()


def test_monthly_department_results_roll_up_into_a_quarter(agency, derived, user):
    parent, (first, second) = derived
    for child in (first, second):
        child.objective.reporting_frequencies = ["monthly"]
    from monitoring.models import MonitoringPlan, ObjectivePlan

    for child in (first, second):
        ObjectivePlan.objects.create(
            plan=MonitoringPlan.objects.get_or_create(objective_set=child.objective.objective_set)[
                0
            ],
            objective=child.objective,
            agency=agency,
            frequency="monthly",
        )
    put(first, "2024-M01", numerator=10, denominator=10, user=user)
    put(first, "2024-M02", numerator=5, denominator=10, user=user)
    put(second, "2024-M03", numerator=20, denominator=20, user=user)
    row = next(r for r in rows_for(agency) if r.objective == parent)
    assert row.targets[0].points[0].value == Decimal("87.50")  # 35 of 40


def test_the_agencys_own_result_takes_precedence_over_the_roll_up(agency, derived, user):
    parent, (first, _second) = derived
    put(first, "2024-Q1", value=50, user=user)
    put(parent.targets.get(), "2024-Q1", value=97, user=user)
    row = next(r for r in rows_for(agency) if r.objective == parent)
    assert row.targets[0].latest.value == 97 and not row.targets[0].latest.rolled


def test_a_count_is_drawn_and_scored_as_it_stood_each_period(agency, user):
    objective = add_objective(
        publish_set(agency),
        frequencies=("quarterly",),
        targets=[{"value": 2, "unit": "lần", "is_cumulative": True}],
    )
    target = objective.targets.get()
    for quarter, value in (("2024-Q1", 0), ("2024-Q2", 1), ("2024-Q3", 0), ("2024-Q4", 1)):
        put(target, quarter, value=value, user=user)
    rows = dashboard(agency=agency, year=2024, filters=Filters(), today=date(2025, 3, 1))["rows"]
    line = rows[0].targets[0]
    # Looking back after the year: early quarters were on the way, not misses.
    assert [p.outcome for p in line.points] == [
        Outcome.PENDING,
        Outcome.PENDING,
        Outcome.PENDING,
        Outcome.REACHED,
    ]
    assert [d.title.split(": ")[1] for d in line.chart.dots] == ["0", "1", "1", "2"]
    assert line.rule_label == "Cộng dồn"


def test_the_chart_draws_a_change_target_from_the_baseline(agency, user):
    target = add_objective(
        publish_set(agency),
        targets=[{"comparison": Comparison.DECREASE_BY, "value": 2, "unit": "vụ", "baseline": 12}],
    ).targets.get()
    put(target, "2024-Q1", value=9, user=user)
    put(target, "2024-Q2", value=10, user=user)
    line = rows_for(agency)[0].targets[0]
    q1, q2 = line.chart.dots
    # The line for 10 (= 12 − 2) passes through the dot of Q2 (SVG y grows downwards).
    assert line.chart.target_y == q2.y < q1.y


def test_the_reader_sees_the_rule_actually_used(agency, derived, user):
    parent, (first, second) = derived
    put(first, "2024-Q1", value=90, user=user)  # no numerators: a ratio cannot be taken
    put(second, "2024-Q1", value=100, user=user)
    line = next(r for r in rows_for(agency) if r.objective == parent).targets[0]
    assert line.any_rolled and line.latest.value == 95
    assert line.rule_label == "Trung bình cộng"


def test_no_roll_up_note_when_the_agency_reports_every_period_itself(agency, derived, user):
    parent, (first, _second) = derived
    put(first, "2024-Q1", value=90, user=user)
    put(parent.targets.get(), "2024-Q1", value=97, user=user)
    line = next(r for r in rows_for(agency) if r.objective == parent).targets[0]
    assert line.rolled_from == 2 and not line.any_rolled
