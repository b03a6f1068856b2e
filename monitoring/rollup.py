"""Department results rolled up into the agency objective they derive from (`parent`).

Pure functions: the selectors fetch the department targets and their results, these combine
them. Within one agency period, each department's readings are first combined into one figure
(the ratio of sums when they carry numerators, their sum for counts, else their average); then
the departments' figures are combined by the rule chosen for the agency objective.
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from monitoring.periods import Period, ReportingFrequency
from monitoring.scoring import Figure, RollUpRule, combine, to_date_figure


@dataclass(frozen=True)
class Reading:
    """A value for a period that is not a stored Result (a rolled-up figure)."""

    period_key: str
    period_start: date
    period_end: date
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    assessment: str = ""
    rolled: bool = True
    to_date_numerator: Decimal | None = None
    to_date_denominator: Decimal | None = None


def match_children(parent_targets, child_targets) -> dict[int, list]:
    """Department targets by the agency target they roll up into: the target's own `parent`,
    else the agency target at the same position in the parent objective."""
    by_objective: dict[int, list] = {}
    for target in parent_targets:
        by_objective.setdefault(target.objective_id, []).append(target)
    positions: dict[int, int] = {}
    matched: dict[int, list] = {}
    for child in child_targets:
        position = positions.get(child.objective_id, 0)
        positions[child.objective_id] = position + 1
        parent_id = child.parent_id
        if parent_id is None:
            siblings = by_objective.get(child.objective.parent_id, [])
            parent_id = siblings[position].pk if position < len(siblings) else None
        if parent_id is not None:
            matched.setdefault(parent_id, []).append(child)
    return matched


def _within(readings, period: Period) -> list:
    return [r for r in readings if period.start <= r.period_start and r.period_end <= period.end]


def _to_date_sum(per_department_inside) -> tuple[Decimal | None, Decimal | None]:
    """The departments' to-date figures (results computed from records) added up: each
    department's latest within the period; none unless every department has one."""
    latest = [to_date_figure(inside) for inside in per_department_inside]
    if not latest or any(figure is None for figure in latest):
        return None, None
    return (
        sum(f.to_date_numerator for f in latest),
        sum(f.to_date_denominator for f in latest),
    )


def roll_up_period(children_readings, *, period: Period, target, rule: str) -> Figure:
    """One agency period from every department's readings (a list per department)."""
    per_department, insides = [], []
    for readings in children_readings:
        inside = _within(readings, period)
        if inside:
            insides.append([r for r in inside if r.value is not None])
            per_department.append(
                combine(
                    inside,
                    rule=RollUpRule.RATIO_OF_SUMS,
                    comparison=target.comparison,
                    target_value=target.value,
                    cumulative=target.is_cumulative,
                )
            )
    figure = combine(
        per_department,
        rule=rule,
        comparison=target.comparison,
        target_value=target.value,
        cumulative=target.is_cumulative,
    )
    numerator, denominator = _to_date_sum([i for i in insides if i])
    if denominator:
        figure = replace(figure, to_date_numerator=numerator, to_date_denominator=denominator)
    return figure


def rolled_readings(children_readings, *, periods, year: int, target, rule: str) -> list[Reading]:
    """The agency target's readings made from its departments': one per period with data (the
    whole year as one reading when the agency objective is updated continuously)."""
    if not periods:
        periods = [Period(date(year, 1, 1), date(year, 12, 31), ReportingFrequency.YEARLY)]
    readings = []
    for period in periods:
        figure = roll_up_period(children_readings, period=period, target=target, rule=rule)
        if figure.has_data:
            readings.append(
                Reading(
                    period.key,
                    period.start,
                    period.end,
                    figure.value,
                    figure.numerator,
                    figure.denominator,
                    figure.assessment,
                    to_date_numerator=figure.to_date_numerator,
                    to_date_denominator=figure.to_date_denominator,
                )
            )
    return readings
