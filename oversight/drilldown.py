"""What an oversight body reads of one agency in a year: its published documents (the
rulebook's `view`, so never a draft), the results of its published sets per period, its
internal audits and management reviews, and its summary. Read-only; nothing here writes."""

from collections import defaultdict

from audits.models import InternalAudit, ManagementReview
from audits.selectors import records_of
from documents import rulebook
from evaluation.models import EvaluationReport
from monitoring.models import Result
from monitoring.selectors import objectives_of
from objectives.models import ObjectiveSet
from oversight.models import AgencyYearSummary


def visible_sets(user, agency, year: int) -> list[ObjectiveSet]:
    """The agency's sets of the year the user may view (for an overseer: published ones)."""
    sets = ObjectiveSet.objects.filter(rulebook.documents_q("view", user), agency=agency, year=year)
    sets = sets.select_related("agency", "department")
    return sorted(
        sets.order_by("department__name", "-revision"),
        key=lambda s: s.department_id is not None,
    )


def _result_rows(sets) -> tuple[list[str], list[dict]]:
    """(period keys, one row per target: its set, objective, target and result per period)."""
    published = [s for s in sets if s.status == "published"]
    objectives = objectives_of(published)
    targets = [t for o in objectives for t in o.targets.all()]
    values: dict[int, dict] = defaultdict(dict)
    keys = set()
    for result in Result.objects.filter(target__in=targets).order_by("period_start"):
        values[result.target_id][result.period_key] = result
        keys.add(result.period_key)
    rows = [
        {
            "set": objective.objective_set,
            "objective": objective,
            "target": target,
            "results": values.get(target.pk, {}),
        }
        for objective in objectives
        for target in objective.targets.all()
    ]
    return sorted(keys), rows


def agency_page(user, *, agency, year: int) -> dict:
    sets = visible_sets(user, agency, year)
    keys, rows = _result_rows(sets)
    reports = EvaluationReport.objects.filter(
        rulebook.documents_q("view", user), agency=agency, year=year
    ).select_related("department")
    for row in rows:
        row["cells"] = [row["results"].get(key) for key in keys]
    return {
        "sets": sets,
        "reports": list(reports),
        "period_keys": keys,
        "result_rows": rows,
        "summary": AgencyYearSummary.objects.filter(agency=agency, year=year).first(),
        "audits": list(records_of(InternalAudit, agency, year)),
        "reviews": list(records_of(ManagementReview, agency, year)),
    }
