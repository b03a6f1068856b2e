"""The figures an authenticated client reads for a set in its scope: per target and reporting
period the result and its outcome (monitoring, the dashboard's own functions), and the year-end
evaluation (the issued report's frozen figures, else computed now as the report would be)."""

from datetime import date

from django.utils import translation

from api.serialize import period_data
from documents.models import FROZEN_STATUSES, Status
from evaluation.models import EvaluationReport
from evaluation.selectors import Evaluation, evaluation_of
from monitoring.dashboard import ObjectiveRow, target_row
from monitoring.rollup import match_children
from monitoring.scoring import Outcome
from monitoring.selectors import (
    derived_targets,
    effective_plan,
    objectives_of,
    results_by_target,
    unit_of,
)
from monitoring.series import lineage
from monitoring.templatetags.monitoring_tags import target_text


def _year_figure(figure) -> dict:
    return {
        "value": figure.value,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "assessment": figure.assessment or "",
    }


def _target_data(row) -> dict:
    target = row.target
    return {
        "target_id": target.pk,
        "wording": target_text(target),
        "unit": target.unit,
        "baseline": row.baseline,
        "periods": [period_data(p.period, p, str(p.outcome)) for p in row.points],
        "year_to_date": _year_figure(row.ytd),
        "outcome": str(row.outcome),
        "outcome_label": str(Outcome(row.outcome).label),
    }


def monitoring_data(objective_set, *, today: date) -> dict:
    """Every objective of the set with each target's periods as the dashboard scores them."""
    year = objective_set.year
    objectives = objectives_of([objective_set])
    targets = [t for o in objectives for t in o.targets.all()]
    children = derived_targets(objectives, year)
    matched = match_children(targets, children)
    chains = lineage(targets, year=year)
    results = results_by_target(
        [t.pk for t in targets] + [c.pk for c in children],
        year=year,
        baseline_ids=chains.baseline_ids(targets),
        lineage=chains,
    )
    closed = today > date(year, 12, 31)
    rows = []
    with translation.override("vi"):
        for number, objective in enumerate(objectives, start=1):
            plan = effective_plan(objective)
            target_rows = [
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
            row = ObjectiveRow(objective, plan, unit_of(plan), target_rows, closed=closed)
            rows.append(
                {
                    "objective_id": objective.pk,
                    "number": number,
                    "content": objective.content.strip(),
                    "unit_name": str(row.unit.name),
                    "frequency": plan.frequency,
                    "state": str(row.state),
                    "state_label": str(row.state_label),
                    "targets": [_target_data(t) for t in target_rows],
                }
            )
    return {
        "set_id": objective_set.pk,
        "year": year,
        "as_of": today,
        "year_closed": closed,
        "objectives": rows,
    }


def issued_report(objective_set):
    """The latest issued (or published) year-end report of the set, or None."""
    return (
        EvaluationReport.objects.filter(objective_set=objective_set, status__in=FROZEN_STATUSES)
        .order_by("-revision", "-pk")
        .first()
    )


def evaluation_data(objective_set, *, today: date) -> dict:
    report = issued_report(objective_set)
    if report is not None and report.figures:
        evaluation, source = Evaluation.from_data(report.figures), "issued_report"
    else:
        evaluation, source = evaluation_of(objective_set, today=today), "live"
    with translation.override("vi"):
        objectives = [
            {
                "objective_id": o.objective_id,
                "number": o.number,
                "section": o.section,
                "content": o.content,
                "unit_name": o.unit_name,
                "outcome": str(o.outcome),
                "outcome_label": str(o.outcome_label),
                "targets": [
                    {
                        "target_id": t.target_id,
                        "text": t.text,
                        "indicator": t.indicator,
                        "unit": t.unit,
                        "value": t.value,
                        "numerator": t.numerator,
                        "denominator": t.denominator,
                        "assessment": t.assessment or "",
                        "outcome": str(t.outcome),
                        "outcome_label": str(t.outcome_label),
                    }
                    for t in o.targets
                ],
            }
            for o in evaluation.objectives
        ]
        report_data = None
        if report is not None:
            report_data = {
                "id": report.pk,
                "status": report.status,
                "status_label": str(Status(report.status).label),
                "number_and_symbol": report.number_and_symbol,
                "issued_on": report.issued_on,
            }
    return {
        "set_id": objective_set.pk,
        "year": evaluation.year,
        "as_of": evaluation.as_of,
        "source": source,
        "report": report_data,
        "total": evaluation.total,
        "counts": {str(k): v for k, v in evaluation.counts.items()},
        "reached_percent": evaluation.reached_percent,
        "objectives": objectives,
    }
