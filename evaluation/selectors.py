"""The year-end evaluation of one published set: per objective its targets, the year's result of
each and whether it was reached; counts for the summary.

Computed with the dashboard's own functions (monitoring.dashboard.target_row: year to date,
department results rolled up, baselines from last year), so the dashboard, the report page and
the issued report agree. An Evaluation converts to plain JSON data and back, so that a report
can freeze its figures when it is submitted (EvaluationReport.figures).
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import translation

from corrective.selectors import report_rows as corrective_rows
from documents.models import FROZEN_STATUSES
from evaluation.models import EvaluationReport
from monitoring.dashboard import target_row
from monitoring.rollup import match_children
from monitoring.scoring import Outcome, objective_outcome
from monitoring.selectors import (
    derived_targets,
    effective_plan,
    objectives_of,
    results_by_target,
    unit_of,
)
from monitoring.series import lineage
from monitoring.templatetags.monitoring_tags import target_text
from monitoring.year_records import YearRecord

# The order the summary counts and names the outcomes.
SUMMARY_ORDER = (
    Outcome.REACHED,
    Outcome.NOT_REACHED,
    Outcome.PENDING,
    Outcome.ASSESSED,
    Outcome.NO_DATA,
)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _text(value) -> str | None:
    return None if value is None else str(value)


@dataclass
class TargetFigure:
    target_id: int
    text: str  # as printed on the objectives ("≥ 96%")
    indicator: str
    unit: str
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    assessment: str = ""
    outcome: str = Outcome.NO_DATA
    rolled_from: int = 0

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label


@dataclass
class ObjectiveFigure:
    objective_id: int
    number: int
    section: str
    content: str
    unit_name: str
    targets: list[TargetFigure] = field(default_factory=list)
    comment: str = ""  # the unit's comment, joined from the report (never frozen here)

    @property
    def outcome(self) -> str:
        return objective_outcome(t.outcome for t in self.targets)

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label


@dataclass
class Evaluation:
    year: int
    as_of: date
    objectives: list[ObjectiveFigure] = field(default_factory=list)
    # The year's corrective actions (ISO 9001 10.2, an input to management review, 9.3.2):
    # plain rows of corrective.selectors.report_rows, frozen with the figures.
    corrective_actions: list[dict] = field(default_factory=list)

    @property
    def year_closed(self) -> bool:
        return self.as_of > date(self.year, 12, 31)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SUMMARY_ORDER, 0)
        for objective in self.objectives:
            counts[objective.outcome] += 1
        return counts

    @property
    def total(self) -> int:
        return len(self.objectives)

    @property
    def reached_percent(self) -> Decimal | None:
        if not self.objectives:
            return None
        return Decimal(self.counts[Outcome.REACHED]) * 100 / Decimal(self.total)

    def missed(self) -> list[ObjectiveFigure]:
        return [o for o in self.objectives if o.outcome == Outcome.NOT_REACHED]

    def with_comments(self, comments: dict[int, str]) -> "Evaluation":
        for objective in self.objectives:
            objective.comment = comments.get(objective.objective_id, "")
        return self

    def as_data(self) -> dict:
        """Plain JSON data (decimals as strings, the date in ISO form), without comments."""
        objectives = []
        for objective in self.objectives:
            data = asdict(objective)
            data.pop("comment")
            for target in data["targets"]:
                for key in ("value", "numerator", "denominator"):
                    target[key] = _text(target[key])
            objectives.append(data)
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "objectives": objectives,
            "corrective_actions": self.corrective_actions,
        }

    @classmethod
    def from_data(cls, data: dict) -> "Evaluation":
        objectives = []
        for item in data["objectives"]:
            targets = [
                TargetFigure(
                    **{
                        **target,
                        "value": _decimal(target["value"]),
                        "numerator": _decimal(target["numerator"]),
                        "denominator": _decimal(target["denominator"]),
                    }
                )
                for target in item["targets"]
            ]
            objectives.append(ObjectiveFigure(**{**item, "targets": targets}))
        # Figures frozen before corrective actions existed have none.
        actions = data.get("corrective_actions", [])
        return cls(data["year"], date.fromisoformat(data["as_of"]), objectives, actions)


def _target_figure(row) -> TargetFigure:
    target = row.target
    return TargetFigure(
        target_id=target.pk,
        text=target_text(target),
        indicator=target.indicator,
        unit=target.unit,
        value=row.ytd.value,
        numerator=row.ytd.numerator,
        denominator=row.ytd.denominator,
        assessment=row.ytd.assessment,
        outcome=str(row.outcome),
        rolled_from=row.rolled_from if row.any_rolled else 0,
    )


def evaluation_of(objective_set, *, today: date) -> Evaluation:
    """The set's objectives, numbered as printed, each target scored year to date as of `today`
    (a count that may still grow is "pending" until the year is over). About 4 queries."""
    year = objective_set.year
    objectives = objectives_of([objective_set])
    targets = [t for o in objectives for t in o.targets.all()]
    children = derived_targets(objectives, year)
    matched = match_children(targets, children)
    chains = lineage(targets, year=year)  # results carried over a mid-year revision
    results = results_by_target(
        [t.pk for t in targets] + [c.pk for c in children],
        year=year,
        baseline_ids=chains.baseline_ids(targets),
        lineage=chains,
    )
    evaluation = Evaluation(year, today)
    evaluation.corrective_actions = corrective_rows(
        agency=objective_set.agency, year=year, department=objective_set.department, today=today
    )
    with translation.override("vi"):  # comparison labels in a wording are document text
        for number, objective in enumerate(objectives, start=1):
            plan = effective_plan(objective)
            rows = [
                target_row(
                    t,
                    plan,
                    year=year,
                    results=results,
                    children=matched.get(t.pk, []),
                    today=today,
                    baseline_from=chains.baseline_source(t),
                )
                for t in objective.targets.all()
            ]
            evaluation.objectives.append(
                ObjectiveFigure(
                    objective_id=objective.pk,
                    number=number,
                    section=objective.section.title if objective.section_id else "",
                    content=objective.content.strip(),
                    unit_name=unit_of(plan).name,
                    targets=[_target_figure(row) for row in rows],
                )
            )
    return evaluation


def report_evaluation(report, *, today: date) -> Evaluation:
    """What a report shows: live figures while its drafters may still change it, the figures
    frozen on submit afterwards; with the unit's comments."""
    if report.is_editable or not report.figures:
        evaluation = evaluation_of(report.objective_set, today=today)
    else:
        evaluation = Evaluation.from_data(report.figures)
    comments = dict(report.comments.values_list("objective_id", "comment"))
    return evaluation.with_comments(comments)


def year_records(agency_id: int, year: int) -> list:
    """The agency's issued year-end reports of `year` as monitoring.year_records reads them:
    the figure each froze per target (the dashboard notes a result changed since). One query."""
    from_model = EvaluationReport.objects.filter(
        agency_id=agency_id, year=year, status__in=FROZEN_STATUSES
    ).order_by("department_id", "-revision")
    records, seen = [], set()
    for report in from_model.only("department_id", "issued_on", "number", "symbol", "figures"):
        if report.department_id in seen:  # the latest revision speaks for its unit
            continue
        seen.add(report.department_id)
        figures = {
            target["target_id"]: _decimal(target["value"])
            for objective in (report.figures or {}).get("objectives", [])
            for target in objective["targets"]
        }
        reference = report.number_and_symbol if report.number else ""
        records.append(YearRecord(report.department_id, report.issued_on, reference, figures))
    return records
