"""Scoring is pure: targets are unsaved model instances, readings simple records."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from monitoring.scoring import (
    Figure,
    Outcome,
    RollUpRule,
    combine,
    is_at_risk,
    rate,
    score,
    score_cumulative,
    score_figure,
    year_to_date,
)
from objectives.models import Comparison, Target


@dataclass
class R:
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    assessment: str = ""
    period_start: date = date(2024, 1, 1)
    period_end: date = date(2024, 3, 31)


def D(text):
    return Decimal(str(text))


def target(comparison=Comparison.AT_LEAST, value=96, unit="%", **fields):
    return Target(
        comparison=comparison, value=None if value is None else D(value), unit=unit, **fields
    )


def test_it_computes_a_rate_from_numerator_and_denominator():
    assert rate(960, 1000) == D("96.00")
    assert rate(2, 3) == D("66.67")
    assert rate(5, 0) is None
    assert rate(None, 10) is None


@pytest.mark.parametrize(
    ("comparison", "goal", "actual", "expected"),
    [
        (Comparison.AT_LEAST, 96, "96", Outcome.REACHED),
        (Comparison.AT_LEAST, 96, "95.99", Outcome.NOT_REACHED),
        (Comparison.AT_MOST, 5, "5", Outcome.REACHED),
        (Comparison.AT_MOST, 5, "5.01", Outcome.NOT_REACHED),
        (Comparison.EXACTLY, 100, "100.00", Outcome.REACHED),
        (Comparison.EXACTLY, 100, "99.5", Outcome.NOT_REACHED),
    ],
)
def test_it_scores_each_comparison(comparison, goal, actual, expected):
    assert score(comparison=comparison, target_value=D(goal), actual=D(actual)) == expected


def test_it_scores_a_zero_target_bang_khong():
    """ "Tỷ lệ hồ sơ quá hạn bằng không" is exactly 0 %."""
    assert score(comparison=Comparison.EXACTLY, target_value=D(0), actual=D("0.00")) == (
        Outcome.REACHED
    )
    assert score(comparison=Comparison.EXACTLY, target_value=D(0), actual=D("0.1")) == (
        Outcome.NOT_REACHED
    )


def test_it_has_no_data_without_a_value():
    assert score(comparison=Comparison.AT_LEAST, target_value=D(96), actual=None) == Outcome.NO_DATA


def test_it_measures_an_increase_against_the_baseline():
    kwargs = {"comparison": Comparison.INCREASE_BY, "target_value": D(5)}
    assert score(actual=D(90), baseline=D(85), **kwargs) == Outcome.REACHED
    assert score(actual=D(89), baseline=D(85), **kwargs) == Outcome.NOT_REACHED
    assert score(actual=D(89), baseline=None, **kwargs) == Outcome.NO_DATA


def test_it_reads_a_decrease_of_zero_as_any_decrease():
    """ "Phấn đấu giảm tỷ lệ khiếu nại": no figure, only the direction."""
    kwargs = {"comparison": Comparison.DECREASE_BY, "target_value": D(0), "baseline": D(12)}
    assert score(actual=D(11), **kwargs) == Outcome.REACHED
    assert score(actual=D(12), **kwargs) == Outcome.NOT_REACHED
    decrease_by_3 = {**kwargs, "target_value": D(3)}
    assert score(actual=D(9), **decrease_by_3) == Outcome.REACHED
    assert score(actual=D(10), **decrease_by_3) == Outcome.NOT_REACHED


def test_it_sums_a_count_target_over_the_year():
    """ "Ít nhất 01 lần/năm": pending until reached, missed only when the year has closed."""
    at_least_once = {"comparison": Comparison.AT_LEAST, "target_value": D(1)}
    assert score_cumulative(total=D(0), year_closed=False, **at_least_once) == Outcome.PENDING
    assert score_cumulative(total=D(1), year_closed=False, **at_least_once) == Outcome.REACHED
    assert score_cumulative(total=D(0), year_closed=True, **at_least_once) == Outcome.NOT_REACHED
    assert score_cumulative(total=None, year_closed=True, **at_least_once) == Outcome.NO_DATA


def test_it_misses_a_count_ceiling_as_soon_as_it_is_passed():
    at_most_two = {"comparison": Comparison.AT_MOST, "target_value": D(2)}
    assert score_cumulative(total=D(2), year_closed=False, **at_most_two) == Outcome.PENDING
    assert score_cumulative(total=D(3), year_closed=False, **at_most_two) == Outcome.NOT_REACHED
    assert score_cumulative(total=D(2), year_closed=True, **at_most_two) == Outcome.REACHED


def test_it_takes_a_written_assessment_for_not_scored_targets():
    qualitative = target(Comparison.NOT_SCORED, value=None, unit="")
    assessed = Figure(None, assessment="Đã rà soát quy trình.")
    assert score_figure(assessed, target=qualitative, year_closed=False) == Outcome.ASSESSED
    assert score_figure(Figure(None), target=qualitative, year_closed=False) == Outcome.NO_DATA


def test_year_to_date_is_the_ratio_of_sums_when_numerators_exist():
    readings = [R(D(100), D(100), D(100)), R(D(90), D(900), D(1000))]
    ytd = year_to_date(readings, target=target(), rule=RollUpRule.AVERAGE)
    # 1,000 of 1,100 files, not the average of 100 % and 90 %.
    assert ytd.value == D("90.91")
    assert (ytd.numerator, ytd.denominator) == (D(1000), D(1100))
    assert ytd.rule == RollUpRule.RATIO_OF_SUMS


def test_year_to_date_follows_the_rule_without_numerators():
    readings = [R(D(98)), R(D(94)), R(None)]
    assert year_to_date(readings, target=target(), rule=RollUpRule.AVERAGE).value == D(96)
    assert year_to_date(readings, target=target(), rule=RollUpRule.WORST).value == D(94)
    # A ratio rule without numerators falls back to the average.
    ytd = year_to_date(readings, target=target(), rule=RollUpRule.RATIO_OF_SUMS)
    assert (ytd.value, ytd.rule, ytd.count) == (D(96), RollUpRule.AVERAGE, 2)


def test_year_to_date_of_a_count_is_the_sum():
    count = target(Comparison.AT_LEAST, value=2, unit="lần/năm", is_cumulative=True)
    assert year_to_date([R(D(1)), R(D(0)), R(D(1))], target=count).value == D(2)


def test_worst_depends_on_the_direction_of_the_target():
    values = [R(D(1)), R(D(4)), R(D(2))]
    assert combine(values, rule=RollUpRule.WORST, comparison=Comparison.AT_LEAST).value == 1
    assert combine(values, rule=RollUpRule.WORST, comparison=Comparison.AT_MOST).value == 4
    exactly_two = combine(
        [R(D(1.5)), R(D(2)), R(D(2.2))],
        rule=RollUpRule.WORST,
        comparison=Comparison.EXACTLY,
        target_value=D(2),
    )
    assert exactly_two.value == D("1.5")


def test_no_readings_is_no_data():
    ytd = year_to_date([], target=target())
    assert ytd.value is None and not ytd.has_data
    assert score_figure(ytd, target=target(), year_closed=True) == Outcome.NO_DATA


def test_an_objective_is_at_risk_when_its_latest_period_misses_a_target():
    assert is_at_risk([Outcome.REACHED, Outcome.NOT_REACHED])
    assert not is_at_risk([Outcome.REACHED, Outcome.PENDING, Outcome.NO_DATA])
