"""Scoring results against targets: pure functions on numbers, no database.

A target (objectives.Target) carries a comparison, a value and a unit. A reading is anything
with `value`, `numerator`, `denominator`, `assessment`, `period_start` and `period_end` (a
Result, or a figure rolled up from departments).

Changes against a baseline ("tăng/giảm so với năm trước") are measured in the target's own unit:
for a rate in % the change is in percentage points. A change target of 0 asks for any change
in the right direction ("phấn đấu giảm").
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import fmean

from django.db import models
from django.utils.translation import gettext_lazy as _

from objectives.models import Comparison

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class Outcome(models.TextChoices):
    REACHED = "reached", _("Đạt")
    NOT_REACHED = "not_reached", _("Không đạt")
    PENDING = "pending", _("Đang thực hiện")
    ASSESSED = "assessed", _("Đánh giá bằng văn bản")
    NO_DATA = "no_data", _("Chưa có số liệu")


class RollUpRule(models.TextChoices):
    RATIO_OF_SUMS = "ratio_of_sums", _("Tổng tử số / tổng mẫu số")
    AVERAGE = "average", _("Trung bình cộng")
    WORST = "worst", _("Kết quả kém nhất")


@dataclass(frozen=True)
class Figure:
    """A combined value (year to date, or rolled up), and how it was obtained."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    assessment: str = ""
    rule: str = ""
    count: int = 0
    # Computed from records: 1 January to the period's end as one period (see year_to_date).
    to_date_numerator: Decimal | None = None
    to_date_denominator: Decimal | None = None

    @property
    def has_data(self) -> bool:
        return self.value is not None or bool(self.assessment)


def rate(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """Numerator over denominator in %, to two decimals ("960 of 1,000" → 96.00)."""
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(CENT, ROUND_HALF_UP)


def score(*, comparison: str, target_value, actual, baseline=None) -> Outcome:
    """One value against a target that is not cumulative."""
    if comparison == Comparison.NOT_SCORED:
        return Outcome.ASSESSED if actual is not None else Outcome.NO_DATA
    if actual is None or target_value is None:
        return Outcome.NO_DATA
    actual, goal = Decimal(actual), Decimal(target_value)
    if comparison == Comparison.AT_LEAST:
        reached = actual >= goal
    elif comparison == Comparison.AT_MOST:
        reached = actual <= goal
    elif comparison == Comparison.EXACTLY:
        reached = actual == goal
    elif comparison == Comparison.GREATER_THAN:  # "trên 90%": exactly 90 % is not reached
        reached = actual > goal
    elif comparison == Comparison.LESS_THAN:  # "dưới 5%"
        reached = actual < goal
    elif comparison in (Comparison.INCREASE_BY, Comparison.DECREASE_BY):
        if baseline is None:
            return Outcome.NO_DATA
        change = actual - Decimal(baseline)
        if comparison == Comparison.DECREASE_BY:
            change = -change
        reached = change > 0 if goal == 0 else change >= goal
    else:
        raise ValueError(f"Unknown comparison {comparison!r}")
    return Outcome.REACHED if reached else Outcome.NOT_REACHED


def score_cumulative(
    *, comparison: str, target_value, total, baseline=None, year_closed: bool
) -> Outcome:
    """A count summed over the year ("ít nhất 01 lần/năm"). Before the year closes, a count that
    can still change is "pending", but a ceiling already passed is missed for good."""
    if total is None:
        return Outcome.NO_DATA
    final = score(comparison=comparison, target_value=target_value, actual=total, baseline=baseline)
    if year_closed or final == Outcome.NO_DATA:
        return final
    total = Decimal(total)
    if comparison in (Comparison.AT_MOST, Comparison.EXACTLY):
        exceeded = target_value is not None and total > Decimal(target_value)
        return Outcome.NOT_REACHED if exceeded else Outcome.PENDING
    if comparison == Comparison.LESS_THAN:  # a count can only grow: reaching the ceiling misses
        exceeded = target_value is not None and total >= Decimal(target_value)
        return Outcome.NOT_REACHED if exceeded else Outcome.PENDING
    return Outcome.REACHED if final == Outcome.REACHED else Outcome.PENDING


def _with_data(readings) -> list:
    return [r for r in readings if r.value is not None]


def _worst(values: list[Decimal], comparison: str, target_value) -> Decimal:
    if comparison in (Comparison.AT_MOST, Comparison.LESS_THAN, Comparison.DECREASE_BY):
        return max(values)
    if comparison == Comparison.EXACTLY and target_value is not None:
        return max(values, key=lambda v: abs(v - Decimal(target_value)))
    return min(values)


def combine(readings, *, rule: str, comparison: str, target_value=None, cumulative=False):
    """Several readings as one figure: a sum for cumulative counts; otherwise the ratio of sums
    (when every reading has a numerator and denominator), the average, or the worst value."""
    readings = list(readings)
    assessments = [r.assessment for r in readings if getattr(r, "assessment", "")]
    assessment = assessments[-1] if assessments else ""
    measured = _with_data(readings)
    if not measured:
        return Figure(None, assessment=assessment, rule=rule, count=0)
    values = [Decimal(r.value) for r in measured]
    fractions = all(r.numerator is not None and r.denominator for r in measured)
    numerator = sum(Decimal(r.numerator) for r in measured) if fractions else None
    denominator = sum(Decimal(r.denominator) for r in measured) if fractions else None
    if cumulative:
        return Figure(sum(values), numerator, denominator, assessment, "sum", len(measured))
    if rule == RollUpRule.WORST:
        value = _worst(values, comparison, target_value)
        return Figure(value, None, None, assessment, rule, len(measured))
    if rule == RollUpRule.RATIO_OF_SUMS and fractions:
        return Figure(
            rate(numerator, denominator), numerator, denominator, assessment, rule, len(measured)
        )
    value = Decimal(str(fmean(values))).quantize(CENT, ROUND_HALF_UP)
    return Figure(value, None, None, assessment, RollUpRule.AVERAGE, len(measured))


def to_date_figure(readings) -> Figure | None:
    """The year to date of results computed from records (monitoring.Result.is_computed): each
    carries its figure from 1 January to its period's end computed as one period, and the
    latest speaks for the year so far. Adding the periods up would count a dossier still
    pending at the end of two quarters twice; a year is one period, never a sum of quarters."""
    readings = list(readings)
    if not readings or not all(getattr(r, "to_date_denominator", None) for r in readings):
        return None
    latest = max(readings, key=lambda r: r.period_end)
    numerator, denominator = latest.to_date_numerator, latest.to_date_denominator
    return Figure(
        rate(numerator, denominator),
        Decimal(numerator),
        Decimal(denominator),
        rule=RollUpRule.RATIO_OF_SUMS,
        count=len(readings),
        to_date_numerator=Decimal(numerator),
        to_date_denominator=Decimal(denominator),
    )


def year_to_date(readings, *, target, rule: str = RollUpRule.RATIO_OF_SUMS) -> Figure:
    """The year-to-date figure of one target: the ratio of sums whenever numerators exist,
    otherwise the objective's rule (a ratio rule without numerators falls back to the average);
    for rates computed from records, the latest to-date figure (to_date_figure)."""
    readings = list(readings)
    measured = _with_data(readings)
    computed = None if target.is_cumulative else to_date_figure(measured)
    if computed is not None:
        return computed
    if measured and all(r.numerator is not None and r.denominator for r in measured):
        rule = RollUpRule.RATIO_OF_SUMS
    return combine(
        readings,
        rule=rule,
        comparison=target.comparison,
        target_value=target.value,
        cumulative=target.is_cumulative,
    )


def score_figure(figure: Figure, *, target, baseline=None, year_closed: bool) -> Outcome:
    """A figure (one period's value, or year to date) against its target."""
    if target.comparison == Comparison.NOT_SCORED:
        return Outcome.ASSESSED if figure.assessment else Outcome.NO_DATA
    if target.is_cumulative:
        return score_cumulative(
            comparison=target.comparison,
            target_value=target.value,
            total=figure.value,
            baseline=baseline,
            year_closed=year_closed,
        )
    return score(
        comparison=target.comparison,
        target_value=target.value,
        actual=figure.value,
        baseline=baseline,
    )


def is_at_risk(latest_outcomes) -> bool:
    """An objective is at risk when its latest period misses one of its targets."""
    return any(outcome == Outcome.NOT_REACHED for outcome in latest_outcomes)


# How one objective reads from its targets' outcomes: the first that applies wins. A miss on
# any target is a miss; a target without data leaves the objective without a verdict.
OBJECTIVE_PRECEDENCE = (Outcome.NOT_REACHED, Outcome.NO_DATA, Outcome.PENDING, Outcome.REACHED)


def objective_outcome(outcomes) -> str:
    """Reached only when every scored target is reached; "assessed" when all are qualitative.
    The year's verdict of an objective, on the dashboard and in the year-end report alike."""
    outcomes = set(outcomes)
    if not outcomes:
        return Outcome.NO_DATA
    for outcome in OBJECTIVE_PRECEDENCE:
        if outcome in outcomes:
            return outcome
    return Outcome.ASSESSED
