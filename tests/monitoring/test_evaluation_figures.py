"""The evaluation figures from known results: reached, not reached, no data, pending; roll-up
from departments; frozen on submit."""

import json
from decimal import Decimal

import pytest

from documents.workflow import document_return
from evaluation.selectors import Evaluation, evaluation_of, objective_outcome, report_evaluation
from evaluation.services import report_submit
from monitoring.scoring import Outcome
from objectives.models import Comparison
from tests.monitoring.conftest import add_objective, publish_set, put
from tests.monitoring.evaluation_support import YEAR_END


def test_it_scores_each_objective_from_its_targets(evaluated_set):
    evaluation = evaluation_of(evaluated_set, today=YEAR_END)
    outcomes = [o.outcome for o in evaluation.objectives]
    assert outcomes == [
        Outcome.REACHED,
        Outcome.NOT_REACHED,
        Outcome.NO_DATA,
        Outcome.NOT_REACHED,
    ]
    on_time = evaluation.objectives[0].targets[0]
    assert on_time.value == Decimal("97.50")  # 975 of 1,000 over two quarters
    assert (on_time.numerator, on_time.denominator) == (Decimal(975), Decimal(1000))
    assert on_time.text == "≥ 96%" and on_time.indicator == "Tỷ lệ hồ sơ đúng hạn"
    training = evaluation.objectives[3]
    assert [t.outcome for t in training.targets] == [Outcome.REACHED, Outcome.NOT_REACHED]
    assert [o.number for o in evaluation.objectives] == [1, 2, 3, 4]


def test_it_counts_the_summary(evaluated_set):
    evaluation = evaluation_of(evaluated_set, today=YEAR_END)
    assert evaluation.total == 4
    assert evaluation.counts == {
        Outcome.REACHED: 1,
        Outcome.NOT_REACHED: 2,
        Outcome.PENDING: 0,
        Outcome.ASSESSED: 0,
        Outcome.NO_DATA: 1,
    }
    assert evaluation.reached_percent == 25
    assert [o.number for o in evaluation.missed()] == [2, 4]
    assert evaluation.year_closed


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ([], Outcome.NO_DATA),
        ([Outcome.REACHED, Outcome.REACHED], Outcome.REACHED),
        ([Outcome.REACHED, Outcome.NOT_REACHED], Outcome.NOT_REACHED),
        ([Outcome.REACHED, Outcome.NO_DATA], Outcome.NO_DATA),
        ([Outcome.REACHED, Outcome.PENDING], Outcome.PENDING),
        ([Outcome.NO_DATA, Outcome.NOT_REACHED], Outcome.NOT_REACHED),
        ([Outcome.ASSESSED], Outcome.ASSESSED),
        ([Outcome.ASSESSED, Outcome.REACHED], Outcome.REACHED),
    ],
)
def test_it_reads_an_objective_from_its_targets(outcomes, expected):
    assert objective_outcome(outcomes) == expected


def test_a_count_still_short_is_pending_until_the_year_ends(agency, people):
    objective_set = publish_set(agency)
    target = add_objective(
        objective_set,
        frequencies=("quarterly",),
        targets=[{"value": 1, "unit": "lần", "is_cumulative": True}],
    ).targets.get()
    put(target, "2024-Q1", value=0, user=people["iso_officer"])
    during = evaluation_of(objective_set, today=YEAR_END.replace(year=2024, month=11))
    after = evaluation_of(objective_set, today=YEAR_END)
    assert during.objectives[0].outcome == Outcome.PENDING and not during.year_closed
    assert after.objectives[0].outcome == Outcome.NOT_REACHED


def test_an_assessment_in_words_is_counted_apart(agency, people):
    objective_set = publish_set(agency)
    target = add_objective(
        objective_set, targets=[{"comparison": Comparison.NOT_SCORED, "value": None}]
    ).targets.get()
    result = put(target, "2024-Q4", user=people["iso_officer"])
    result.assessment = "Đã duy trì hệ thống hiệu quả."
    result.save()
    (objective,) = evaluation_of(objective_set, today=YEAR_END).objectives
    assert objective.outcome == Outcome.ASSESSED
    assert objective.targets[0].assessment == "Đã duy trì hệ thống hiệu quả."


def test_department_results_roll_up_into_the_agency_objective(agency, department, people):
    agency_set = publish_set(agency)
    agency_objective = add_objective(agency_set)
    department_set = publish_set(agency, department=department, parent=agency_set)
    child = add_objective(department_set, parent=agency_objective).targets.get()
    put(child, "2024-Q1", numerator=99, denominator=100, user=people["iso_officer"])
    (objective,) = evaluation_of(agency_set, today=YEAR_END).objectives
    (target,) = objective.targets
    assert target.value == Decimal("99.00") and target.rolled_from == 1
    assert objective.outcome == Outcome.REACHED


def test_it_needs_a_fixed_number_of_queries(evaluated_set, django_assert_max_num_queries):
    for _ in range(3):
        add_objective(evaluated_set, targets=[{}, {"value": 80}])
    with django_assert_max_num_queries(6):
        evaluation_of(evaluated_set, today=YEAR_END)


def test_its_data_survives_json(evaluated_set):
    evaluation = evaluation_of(evaluated_set, today=YEAR_END)
    data = json.loads(json.dumps(evaluation.as_data()))
    again = Evaluation.from_data(data)
    assert again == evaluation
    assert again.counts == evaluation.counts


def test_submitting_freezes_the_figures_and_returning_thaws_them(report, people):
    report = report_submit(report=report, actor=people["iso_officer"])
    late_target = report.objective_set.objectives.order_by("order")[2].targets.get()
    put(late_target, "2024-Q4", value=95, user=people["iso_officer"])
    frozen = report_evaluation(report, today=YEAR_END)
    assert frozen.objectives[2].outcome == Outcome.NO_DATA  # as submitted
    assert report.figures["as_of"] == "2025-01-15"
    returned = document_return(document=report, actor=people["head"], comment="Cập nhật số liệu.")
    live = report_evaluation(returned, today=YEAR_END)
    assert live.objectives[2].outcome == Outcome.REACHED  # 95% ≥ 90%, recorded after submit
