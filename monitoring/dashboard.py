"""The dashboard of an agency (or one department) for a year: every objective with its
targets, latest and year-to-date values, trend, outcome and state, in a fixed number of queries.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Department
from monitoring.charts import Chart, trend_chart
from monitoring.periods import Period, ReportingFrequency, entry_period, periods_for
from monitoring.rollup import match_children, rolled_readings
from monitoring.scoring import (
    Figure,
    Outcome,
    RollUpRule,
    is_at_risk,
    objective_outcome,
    score_figure,
    year_to_date,
)
from monitoring.selectors import (
    derived_targets,
    effective_plan,
    objectives_of,
    published_sets,
    results_by_target,
    unit_of,
)
from monitoring.series import Lineage, lineage
from monitoring.year_records import YearRecord, year_is_closed, year_records
from objectives.models import Comparison


class ObjectiveState(models.TextChoices):
    """During the year an objective is on track or at risk; once the year is closed
    (monitoring.year_records) it carries the year's verdict, as the year-end report does."""

    AT_RISK = "at_risk", _("Có nguy cơ không đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    REACHED = "reached", _("Đạt")
    NOT_REACHED = "not_reached", _("Không đạt")
    ASSESSED = "assessed", _("Đánh giá bằng văn bản")
    NO_DATA = "no_data", _("Chưa có số liệu")


OPEN_YEAR_STATES = (ObjectiveState.AT_RISK, ObjectiveState.ON_TRACK, ObjectiveState.NO_DATA)
CLOSED_YEAR_STATES = (
    ObjectiveState.REACHED,
    ObjectiveState.NOT_REACHED,
    ObjectiveState.ASSESSED,
    ObjectiveState.NO_DATA,
)


def state_rule(*, closed: bool) -> str:
    """The rule that decides an objective's state, said to the reader (badge title, legend)."""
    if closed:
        return gettext(
            "Năm đã khép lại: Đạt khi mọi chỉ tiêu đạt theo kết quả lũy kế cả năm; "
            "Không đạt khi có chỉ tiêu không đạt."
        )
    return gettext(
        "Trong năm: Có nguy cơ không đạt khi kỳ gần nhất có số liệu không đạt ít nhất một "
        "chỉ tiêu; Đúng tiến độ khi kỳ đó đạt mọi chỉ tiêu đã chấm."
    )


@dataclass(frozen=True)
class Amended:
    """A year figure changed after the year-end report that froze it was issued."""

    reference: str
    issued_on: date | None
    recorded: Decimal | None
    now: Decimal | None


@dataclass(frozen=True)
class PeriodPoint:
    period: Period
    value: Decimal | None
    outcome: str
    rolled: bool = False
    assessment: str = ""
    computed: object = None  # the Result, when computed from records (or overridden)

    @property
    def has_data(self) -> bool:
        return self.value is not None or bool(self.assessment)


@dataclass
class TargetRow:
    target: object
    points: list[PeriodPoint]
    ytd: Figure
    outcome: str
    baseline: Decimal | None
    rolled_from: int
    rule: str  # how department results are combined ("sum" for counts)
    chart: Chart
    # Where a revision changed the measure: the series under the old one (read-only).
    previous: "TargetRow | None" = None
    amended: Amended | None = None

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label

    @property
    def any_rolled(self) -> bool:
        """Some period shows departments' results (the agency's own result wins elsewhere)."""
        return any(point.rolled for point in self.points)

    @property
    def rule_label(self) -> str:
        if self.rule == "sum":
            return gettext("Cộng dồn")
        return RollUpRule(self.rule).label

    @property
    def latest(self) -> PeriodPoint | None:
        return next((p for p in reversed(self.points) if p.has_data), None)


@dataclass
class ObjectiveRow:
    objective: object
    plan: object
    unit: object
    targets: list[TargetRow] = field(default_factory=list)
    closed: bool = False  # the year is closed: the state is the year's verdict

    @property
    def latest_end(self) -> date | None:
        ends = [t.latest.period.end for t in self.targets if t.latest]
        return max(ends) if ends else None

    @property
    def state(self) -> str:
        if self.closed:
            return objective_outcome(t.outcome for t in self.targets)
        end = self.latest_end
        if end is None:
            return ObjectiveState.NO_DATA
        latest = [t.latest.outcome for t in self.targets if t.latest and t.latest.period.end == end]
        return ObjectiveState.AT_RISK if is_at_risk(latest) else ObjectiveState.ON_TRACK

    @property
    def state_label(self) -> str:
        return ObjectiveState(self.state).label

    @property
    def state_rule(self) -> str:
        return state_rule(closed=self.closed)

    @property
    def amended(self) -> list[TargetRow]:
        return [t for t in self.targets if t.amended is not None]


_COPIED_FROM = object()  # the baseline comes from the target's copied_from


def _baseline(target, results, source_id=_COPIED_FROM) -> Decimal | None:
    """The explicit baseline, else last year's year-to-date of the target continued (through
    a mid-year revision: `source_id`, from monitoring.series)."""
    if target.baseline is not None:
        return target.baseline
    if source_id is _COPIED_FROM:
        source_id = target.copied_from_id
    if source_id is None:
        return None
    shape = target.copied_from if source_id == target.copied_from_id else target
    return year_to_date(results.get(source_id, []), target=shape).value


def _points(target, readings_by_period, *, baseline) -> list[PeriodPoint]:
    points, total = [], None
    for period, reading in readings_by_period:
        value = getattr(reading, "value", None)
        assessment = getattr(reading, "assessment", "")
        if target.is_cumulative and value is not None:
            total = value if total is None else total + value
        figure = Figure(total if target.is_cumulative else value, assessment=assessment)
        closed = period.is_last_of_year  # each point as it stood at the end of its period
        outcome = (
            score_figure(figure, target=target, baseline=baseline, year_closed=closed)
            if reading is not None
            else Outcome.NO_DATA
        )
        rolled = getattr(reading, "rolled", False)
        marked = getattr(reading, "is_computed", False) or getattr(reading, "override_reason", "")
        computed = reading if marked else None
        points.append(PeriodPoint(period, value, outcome, rolled, assessment, computed))
    return points


def _goal(target, baseline) -> Decimal | None:
    """Where the chart draws the target line: the value, or the baseline moved by it."""
    if target.value is None or target.comparison == Comparison.NOT_SCORED:
        return None
    if target.comparison == Comparison.INCREASE_BY:
        return None if baseline is None else baseline + target.value
    if target.comparison == Comparison.DECREASE_BY:
        return None if baseline is None else baseline - target.value
    return target.value


def _chart(target, points, baseline) -> Chart:
    """Counts are drawn as running totals, so the line meets the yearly target."""
    if target.is_cumulative:
        total, drawn = Decimal(0), []
        for point in points:
            total += point.value or 0
            drawn.append(replace(point, value=total if point.value is not None else None))
        points = drawn
    return trend_chart(points, target_value=_goal(target, baseline), unit=target.unit or "")


def _rule(target, plan, rolled) -> str:
    if target.is_cumulative:
        return "sum"
    fractions = all(r.numerator is not None and r.denominator for r in rolled)
    if plan.roll_up == RollUpRule.RATIO_OF_SUMS and not fractions:
        return RollUpRule.AVERAGE
    return plan.roll_up


def target_row(
    target,
    plan,
    *,
    year,
    results,
    children,
    today,
    year_closed: bool | None = None,
    baseline_from=_COPIED_FROM,
) -> TargetRow:
    """Everything the dashboard shows for one target. `year_closed` (default: after 31
    December) scores a count that may still grow as final."""
    own = results.get(target.pk, [])
    periods = periods_for(plan.frequency, year)
    rolled, children_readings = [], []
    if children:
        children_readings = [results.get(child.pk, []) for child in children]
        rolled = rolled_readings(
            children_readings, periods=periods, year=year, target=target, rule=plan.roll_up
        )
    if plan.frequency == ReportingFrequency.CONTINUOUS and (own or not rolled):
        readings = own
        pairs = [(entry_period(r.period_start), r) for r in readings]
    elif plan.frequency == ReportingFrequency.CONTINUOUS:
        # Departments' results for an objective the agency updates continuously: the year's
        # figure rolled up as a whole, drawn quarter by quarter (each quarter rolled up too).
        readings = rolled
        quarters = periods_for(ReportingFrequency.QUARTERLY, year)
        by_quarter = rolled_readings(
            children_readings, periods=quarters, year=year, target=target, rule=plan.roll_up
        )
        by_key = {r.period_key: r for r in by_quarter}
        pairs = [(p, by_key.get(p.key)) for p in quarters]
    else:
        own_by_key = {r.period_key: r for r in own}
        rolled_by_key = {r.period_key: r for r in rolled}
        pairs = [(p, own_by_key.get(p.key) or rolled_by_key.get(p.key)) for p in periods]
        readings = [r for _p, r in pairs if r is not None]
    baseline = _baseline(target, results, baseline_from)
    if year_closed is None:
        year_closed = today > date(year, 12, 31)
    ytd = year_to_date(readings, target=target, rule=plan.roll_up)
    points = _points(target, pairs, baseline=baseline)
    return TargetRow(
        target=target,
        points=points,
        ytd=ytd,
        outcome=score_figure(ytd, target=target, baseline=baseline, year_closed=year_closed),
        baseline=baseline,
        rolled_from=len(children),
        rule=_rule(target, plan, rolled),
        chart=_chart(target, points, baseline),
    )


@dataclass
class Filters:
    department: Department | None = None
    section_id: int | None = None
    state: str = ""


def _amended(row: TargetRow, records: list[YearRecord]) -> Amended | None:
    """The latest issued report's frozen figure for this target, when the year figure now
    differs from it (a correction made after the report was issued)."""
    for record in sorted(records, key=lambda r: r.issued_on or date.min, reverse=True):
        if row.target.pk in record.figures:
            recorded = record.figures[row.target.pk]
            if recorded != row.ytd.value:
                return Amended(record.reference, record.issued_on, recorded, row.ytd.value)
            return None
    return None


def _previous_series(row, chains: Lineage, *, year, results, today) -> None:
    """A target whose measure a mid-year revision changed starts a new series; the old series
    (results kept on the revised set's target) is shown beside it, as of that revision."""
    for line in row.targets:
        old = chains.previous.get(line.target.pk)
        if old is not None:
            line.previous = target_row(
                old,
                row.plan,
                year=year,
                results=results,
                children=[],
                today=today,
                baseline_from=chains.baseline_source(line.target),
            )


def dashboard(*, agency, year: int, filters: Filters, today: date) -> dict:
    """Rows for the page, the sets and sections shown (for the filter), counts by state, and
    whether the year is closed (then each objective carries the year's verdict)."""
    records = year_records(agency.pk, year)
    closed = year_is_closed(
        year, today=today, records=records, grace_days=getattr(agency, "year_grace_days", None)
    )
    sets = published_sets(agency, year)
    department = filters.department
    if department is not None:
        sets = [s for s in sets if s.department_id in (None, department.pk)]
    objectives = objectives_of(sets)
    children = derived_targets(objectives, year)
    matched = match_children([t for o in objectives for t in o.targets.all()], children)
    target_ids = [t.pk for o in objectives for t in o.targets.all()] + [c.pk for c in children]
    chains = lineage([t for o in objectives for t in o.targets.all()], year=year)
    baseline_ids = chains.baseline_ids([t for o in objectives for t in o.targets.all()])
    results = results_by_target(target_ids, year=year, baseline_ids=baseline_ids, lineage=chains)
    rows = []
    for objective in objectives:
        plan = effective_plan(objective)
        if department is not None and plan.department_id != department.pk:
            continue
        if filters.section_id and objective.section_id != filters.section_id:
            continue
        row = ObjectiveRow(objective, plan, unit_of(plan), closed=closed)
        row.targets = [
            target_row(
                t,
                plan,
                year=year,
                results=results,
                children=matched.get(t.pk, []),
                today=today,
                year_closed=closed or None,
                baseline_from=chains.baseline_source(t),
            )
            for t in objective.targets.all()
        ]
        for line in row.targets:
            line.amended = _amended(line, records)
        _previous_series(row, chains, year=year, results=results, today=today)
        rows.append(row)
    states = CLOSED_YEAR_STATES if closed else OPEN_YEAR_STATES
    counts = dict.fromkeys(states, 0)
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    if filters.state:
        rows = [row for row in rows if row.state == filters.state]
    sections = [o.section for o in objectives if o.section_id]
    return {
        "rows": rows,
        "sets": sets,
        "sections": list({s.pk: s for s in sections}.values()),
        "counts": counts,
        "closed": closed,
        "state_rule": state_rule(closed=closed),
    }
