"""The per-agency yearly summary the oversight table reads (AgencyYearSummary), recomputed for
one agency and year inside the transaction of every write it shows — like the dashboard's
version (monitoring/dashboard_cache.py), receivers rather than each service, since sets,
results, reports and records are written by services, the admin and imports alike. A write
that rolls back takes its summary with it; writes through queryset.update() or bulk operations
bypass the receivers, and `rebuild_oversight_summaries` recomputes every row.

The apps below oversight never import it: oversight connects to their models here, from its
AppConfig.ready(). The conformity announcement (issue 21) is one of them: any save or delete of
a conformity.ConformityAnnouncement refreshes the agency's "announcement on file" in all its
summaries (conformity.selectors.announcement_on_file).
"""

import datetime
from collections.abc import Callable

from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from agencies.models import Agency
from audits.models import InternalAudit, ManagementReview
from audits.selectors import last_internal_audits, last_management_reviews
from conformity.models import ConformityAnnouncement
from conformity.selectors import announcement_on_file
from documents.models import Status
from evaluation.models import EvaluationReport
from monitoring.models import MonitoringPlan, ObjectivePlan, Result
from monitoring.scoring import Outcome, score, score_cumulative
from monitoring.selectors import due_reports
from objectives.models import Objective, ObjectiveSet, Target
from oversight.models import AgencyYearSummary, ObjectivesStatus
from oversight.table_cache import agency_changed

# A document status → the table's objectives status (returned is back in drafting; a set
# superseded by a published revision was published).
STATUS_OF = {
    Status.DRAFT: ObjectivesStatus.DRAFT,
    Status.RETURNED: ObjectivesStatus.DRAFT,
    Status.SUBMITTED: ObjectivesStatus.SUBMITTED,
    Status.APPROVED: ObjectivesStatus.APPROVED,
    Status.ISSUED: ObjectivesStatus.ISSUED,
    Status.PUBLISHED: ObjectivesStatus.PUBLISHED,
    Status.SUPERSEDED: ObjectivesStatus.PUBLISHED,
}
PROGRESS = list(ObjectivesStatus.values)
ISSUED_STATUSES = (Status.ISSUED, Status.PUBLISHED, Status.SUPERSEDED)


def _day(moment) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _agency_set(agency_id: int, year: int) -> ObjectiveSet | None:
    """The agency's own set of the year that went furthest (a published one before a revision
    in draft; the newest among equals)."""
    sets = ObjectiveSet.objects.filter(agency_id=agency_id, year=year, department__isnull=True)
    sets = list(sets.exclude(status=Status.WITHDRAWN).order_by("pk"))
    if not sets:
        return None

    def progress(objective_set):
        status = STATUS_OF[objective_set.status]
        current = objective_set.status != Status.SUPERSEDED
        return (PROGRESS.index(status), current, objective_set.pk)

    return max(sets, key=progress)


def _periods(agency, year: int) -> list[dict]:
    """Every period of the year: results expected and recorded (every unit of the agency), and
    the day the last of them was recorded once all are."""
    items = due_reports(agency=agency, year=year, today=datetime.date(year + 1, 1, 1))
    by_key: dict[str, dict] = {}
    for item in items:
        row = by_key.setdefault(
            item.period.key,
            {"key": item.period.key, "end": item.period.end.isoformat(), "expected": 0,
             "recorded": 0, "complete_on": None},
        )  # fmt: skip
        row["expected"] += item.expected
        row["recorded"] += item.recorded
    if not by_key:
        return []
    last = dict(
        Result.objects.filter(
            target__objective__objective_set__agency_id=agency.pk,
            period_key__in=list(by_key),
        )
        .values_list("period_key")
        .annotate(last=Max("recorded_at"))
    )
    for key, row in by_key.items():
        if row["expected"] and row["recorded"] >= row["expected"] and last.get(key):
            row["complete_on"] = _day(last[key]).isoformat()
    return sorted(by_key.values(), key=lambda r: (r["end"], r["key"]))


def _targets(objective_set) -> tuple[int, int]:
    """(targets scored, targets met) of the set: the table's "share of targets met" is
    met ÷ scored. Each target is judged on its latest result of the year (the one of the
    latest period it has a value for); a count summed over the year ("ít nhất 01 lần/năm") on
    the sum of its results, and, until its last period of the year has a result, only once it
    is already reached or its ceiling already passed. Not in either number: targets without
    a value yet (late reporting is its own column, not a miss), targets assessed in words
    (NOT_SCORED), and increases without a baseline."""
    targets = list(Target.objects.filter(objective__objective_set=objective_set))
    results: dict[int, list[Result]] = {}
    values = Result.objects.filter(target__in=targets, value__isnull=False)
    for result in values.order_by("target_id", "-period_end"):
        results.setdefault(result.target_id, []).append(result)
    scored = met = 0
    year_end = datetime.date(objective_set.year, 12, 31)
    for target in targets:
        found = results.get(target.pk)
        if not found:
            continue
        if target.is_cumulative:
            outcome = score_cumulative(
                comparison=target.comparison,
                target_value=target.value,
                total=sum(r.value for r in found),
                baseline=target.baseline,
                year_closed=found[0].period_end >= year_end,
            )
        else:
            outcome = score(
                comparison=target.comparison,
                target_value=target.value,
                actual=found[0].value,
                baseline=target.baseline,
            )
        if outcome in (Outcome.REACHED, Outcome.NOT_REACHED):
            scored += 1
            met += outcome == Outcome.REACHED
    return scored, met


def summary_refresh(agency_id: int, year: int) -> AgencyYearSummary | None:
    """Recompute the summary of one agency and year (about 15 queries)."""
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        return None
    objective_set = _agency_set(agency_id, year)
    fields = {
        "objectives_status": ObjectivesStatus.NONE,
        "objective_set_id": None,
        "started_on": None,
        "approved_on": None,
        "issued_on": None,
        "published_on": None,
        "objectives_count": 0,
        "targets_count": 0,
        "targets_met": 0,
    }
    if objective_set is not None:
        targets, met = _targets(objective_set)
        fields.update(
            objectives_status=STATUS_OF[objective_set.status],
            objective_set_id=objective_set.pk,
            started_on=_day(objective_set.created_at),
            approved_on=_day(objective_set.approved_at),
            issued_on=objective_set.issued_on,
            published_on=_day(objective_set.published_at),
            objectives_count=objective_set.objectives.count(),
            targets_count=targets,
            targets_met=met,
        )
    evaluation = EvaluationReport.objects.filter(
        agency_id=agency_id, year=year, department__isnull=True, status__in=ISSUED_STATUSES
    ).aggregate(day=Max("issued_on"))
    reference, announced_on = announcement_on_file([agency_id]).get(agency_id, ("", None))
    fields.update(
        periods=_periods(agency, year),
        evaluation_issued_on=evaluation["day"],
        last_internal_audit_on=last_internal_audits([agency_id], year).get(agency_id),
        last_management_review_on=last_management_reviews([agency_id], year).get(agency_id),
        conformity_reference=reference[:60],
        conformity_announced_on=announced_on,
    )
    summary, _created = AgencyYearSummary.objects.update_or_create(
        agency_id=agency_id, year=year, defaults=fields
    )
    return summary


def conformity_refresh(agency_id: int) -> None:
    """The agency's announcement on file, in every summary of it (one query to read, one to
    write; update() sends no signal, so the cached tables are retired here)."""
    reference, announced_on = announcement_on_file([agency_id]).get(agency_id, ("", None))
    AgencyYearSummary.objects.filter(agency_id=agency_id).update(
        conformity_reference=reference[:60], conformity_announced_on=announced_on
    )
    agency_changed(agency_id)


# --- what a write refreshes ----------------------------------------------------------------


def _set_year(set_id) -> tuple[int, int] | None:
    found = ObjectiveSet.objects.filter(pk=set_id).values_list("agency_id", "year").first()
    return tuple(found) if found else None


def _objective_year(objective_id) -> tuple[int, int] | None:
    found = Objective.objects.filter(pk=objective_id).values_list(
        "objective_set__agency_id", "objective_set__year"
    )
    first = found.first()
    return tuple(first) if first else None


def _target_year(target_id) -> tuple[int, int] | None:
    found = Target.objects.filter(pk=target_id).values_list(
        "objective__objective_set__agency_id", "objective__objective_set__year"
    )
    first = found.first()
    return tuple(first) if first else None


# model → the (agency id, year) whose summary a row of it shows, or None
AGENCY_YEAR_OF: dict[type, Callable[[object], tuple[int, int] | None]] = {
    ObjectiveSet: lambda s: (s.agency_id, s.year),
    Objective: lambda o: _set_year(o.objective_set_id),
    Target: lambda t: _objective_year(t.objective_id),
    MonitoringPlan: lambda p: _set_year(p.objective_set_id),
    ObjectivePlan: lambda p: _objective_year(p.objective_id),
    EvaluationReport: lambda r: (r.agency_id, r.year),
    InternalAudit: lambda r: (r.agency_id, r.held_on.year),
    ManagementReview: lambda r: (r.agency_id, r.held_on.year),
}


def _result_year(result) -> tuple[int, int] | None:
    found = _target_year(result.target_id)
    return (found[0], result.period_start.year) if found else None


AGENCY_YEAR_OF[Result] = _result_year


def _on_write(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: a restore brings the summaries back with everything else
        return
    found = AGENCY_YEAR_OF[sender](instance)
    if found is not None:
        summary_refresh(*found)


def _on_announcement(sender, instance, raw=False, **kwargs):
    if not raw:
        conformity_refresh(instance.agency_id)


def connect_receivers() -> None:
    for model in AGENCY_YEAR_OF:
        name = model._meta.label_lower
        post_save.connect(_on_write, sender=model, dispatch_uid=f"oversight_saved:{name}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"oversight_deleted:{name}")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_announcement,
            sender=ConformityAnnouncement,
            dispatch_uid=f"oversight_announcement:{signal is post_save}",
        )


def summaries_rebuild(*, years=None, agency_ids=None) -> int:
    """Recompute every summary (of `years`, or of every year an agency has a set or a record
    in; of `agency_ids`, or of every agency). Returns how many rows were written."""
    if years is not None:
        agencies = Agency.objects.all()
        if agency_ids is not None:
            agencies = agencies.filter(pk__in=agency_ids)
        pairs = {(a, y) for a in agencies.values_list("pk", flat=True) for y in set(years)}
    else:
        pairs = set(ObjectiveSet.objects.values_list("agency_id", "year").distinct())
        pairs |= set(EvaluationReport.objects.values_list("agency_id", "year").distinct())
        for model in (InternalAudit, ManagementReview):
            pairs |= {(a, d.year) for a, d in model.objects.values_list("agency_id", "held_on")}
        if agency_ids is not None:
            pairs = {(a, y) for a, y in pairs if a in set(agency_ids)}
    for agency_id, year in sorted(pairs):
        summary_refresh(agency_id, year)
    return len(pairs)
