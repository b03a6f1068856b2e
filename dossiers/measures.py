"""A target's result computed from the agency's dossiers, period by period (issue 23): the
dossiers read once for the year, each period tallied by the rules of dossiers/timeliness.py per
department, the agency's figure their sum, and the figure from 1 January to the period's end
tallied as one period too (the year to date: a year is one period, never a sum of quarters).
Agencies that have only the Biểu 06 totals get the same figures from those lines.

The results are monitoring's own Result rows (monitoring.services.result_store_computed) whose
source is the import that brought the dossiers; this module runs on the task engine after each
import and push, and on demand, never inside a request.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import Status
from dossiers.models import (
    Dossier,
    DossierImport,
    DossierPeriodTotals,
    Measure,
    MeasureFigure,
    SupplementRequest,
    TargetMeasure,
)
from dossiers.rules import may_bind_measures
from dossiers.timeliness import (
    VIETNAM,
    Bounds,
    DossierTimes,
    Supplement,
    Tally,
    bounds,
    count,
    local,
)
from monitoring.models import Result
from monitoring.periods import Period, ReportingFrequency, periods_for
from monitoring.selectors import effective_plan
from monitoring.services import result_computed_restore, result_store_computed
from qms_objectives.errors import WorkflowError
from qms_objectives.tasks import enqueue_on_commit


def fraction(measure: str, tally: Tally) -> tuple[int, int | None]:
    """(numerator, denominator) of a measure; a count has no denominator."""
    if measure == Measure.ON_TIME_RATE:
        return tally.in_time, tally.in_rate
    if measure == Measure.BEFORE_RATE:
        return tally.before, tally.finished
    if measure == Measure.ONLINE_SHARE:
        return tally.received_online, tally.received
    return tally.late, None


def department_ids(measure: TargetMeasure) -> list[int]:
    """The departments whose dossiers count: a department's own target counts its own only."""
    own = measure.target.objective.objective_set.department_id
    if own is not None:
        return [own]
    return [d.pk for d in measure.departments.all()]


def _dossiers_q(measure: TargetMeasure) -> Q:
    condition = Q(agency_id=measure.agency_id, is_void=False)
    if measure.procedure_codes:
        condition &= Q(procedure_code__in=measure.procedure_codes)
    departments = department_ids(measure)
    if departments:
        condition &= Q(department_id__in=departments)
    return condition


def load_dossiers(measure: TargetMeasure, window: Bounds) -> list[tuple[int | None, DossierTimes]]:
    """The dossiers of the measure that can belong to a period inside `window` (two queries):
    received before it ends and not finished before it begins."""
    start = window.start.replace(tzinfo=VIETNAM)  # the window is Vietnam wall-clock time
    next_start = window.next_start.replace(tzinfo=VIETNAM)
    condition = (
        _dossiers_q(measure)
        & Q(received_at__lt=next_start)
        & (Q(finished_at__isnull=True) | Q(finished_at__gte=start))
    )
    found = Dossier.objects.filter(condition)
    supplements = defaultdict(list)
    for dossier_id, asked, answered in (
        SupplementRequest.objects.filter(dossier__in=found.values("pk"))
        .order_by("dossier_id", "number")
        .values_list("dossier_id", "asked_at", "answered_at")
    ):
        supplements[dossier_id].append(
            Supplement(local(asked), None if answered is None else local(answered))
        )
    rows = found.values_list(
        "pk", "department_id", "received_at", "due_at", "finished_at", "supplement_count", "channel"
    )
    return [
        (
            department,
            DossierTimes(  # converted to Vietnam time once, not at every comparison
                received=local(received),
                due=None if due is None else local(due),
                finished=None if finished is None else local(finished),
                supplements=tuple(supplements.get(pk, ())),
                supplement_count=supplement_count,
                channel=str(channel or ""),
            ),
        )
        for pk, department, received, due, finished, supplement_count, channel in rows.iterator(
            chunk_size=5000
        )
    ]


def tallies(dossiers, window: Bounds) -> dict[int | None, Tally]:
    """Per department (None: a processing unit linked to none)."""
    found: dict[int | None, Tally] = defaultdict(Tally)
    for department, times in dossiers:
        count(times, window, found[department])
    return dict(found)


def _from_line(line: DossierPeriodTotals) -> Tally:
    return Tally(
        received=line.received_online + line.received_in_person,
        received_online=line.received_online,
        carried_over=line.received_carried_over,
        before=line.resolved_before,
        on_time=line.resolved_on_time,
        late=line.resolved_late,
        pending_within=line.pending_within,
        overdue=line.pending_overdue,
    )


def totals_tallies(measure: TargetMeasure, first: date, last: date) -> dict[int | None, Tally]:
    """The Biểu 06 lines for exactly this period, per department."""
    lines = DossierPeriodTotals.objects.filter(
        agency_id=measure.agency_id, period_start=first, period_end=last
    )
    departments = department_ids(measure)
    if departments:
        lines = lines.filter(department_id__in=departments)
    found: dict[int | None, Tally] = defaultdict(Tally)
    for line in lines:
        found[line.department_id].add(_from_line(line))
    return dict(found)


def _sum(by_department: dict) -> Tally:
    total = Tally()
    for tally in by_department.values():
        total.add(tally)
    return total


@dataclass
class PeriodFigures:
    period: Period
    by_department: dict[int | None, Tally]
    to_date: Tally | None
    from_totals: bool = False
    total: Tally = field(init=False)

    def __post_init__(self):
        self.total = _sum(self.by_department)


def measure_periods(measure: TargetMeasure, *, today: date) -> list[Period]:
    """The reporting periods of the target's plan that have ended (a period still running has
    no standing at its end yet); none for an objective updated continuously."""
    objective = measure.target.objective
    plan = effective_plan(objective)
    if plan.frequency == ReportingFrequency.CONTINUOUS:
        return []
    year = objective.objective_set.year
    return [p for p in periods_for(plan.frequency, year) if p.end < today]


def compute(measure: TargetMeasure, *, today: date) -> list[PeriodFigures]:
    """Every ended period's figures, from the dossiers, or from the Biểu 06 lines when the
    measure has no dossier at all in the year."""
    periods = measure_periods(measure, today=today)
    if not periods:
        return []
    year = measure.target.objective.objective_set.year
    dossiers = load_dossiers(measure, bounds(date(year, 1, 1), periods[-1].end))
    figures = []
    for period in periods:
        if dossiers:
            by_department = tallies(dossiers, bounds(period.start, period.end))
            to_date = _sum(tallies(dossiers, bounds(date(year, 1, 1), period.end)))
            figures.append(PeriodFigures(period, by_department, to_date))
            continue
        by_department = totals_tallies(measure, period.start, period.end)
        if not by_department:
            continue
        # The year to date needs a line from 1 January (a half-year or year report).
        year_start = date(year, 1, 1)
        to_date_lines = totals_tallies(measure, year_start, period.end)
        to_date = _sum(to_date_lines) if to_date_lines else None
        figures.append(PeriodFigures(period, by_department, to_date, from_totals=True))
    return figures


def latest_source(agency_id: int):
    """What a computed result names as its source: the agency's latest finished import."""
    return (
        DossierImport.objects.filter(agency_id=agency_id, status=DossierImport.Status.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )


def _store(measure, figures: PeriodFigures, *, actor, source) -> bool:
    numerator, denominator = fraction(measure.measure, figures.total)
    if denominator == 0:  # nothing to rate in this period: no result rather than 0 %
        return False
    to_date = (None, None)
    if figures.to_date is not None and not measure.is_count:
        to_date = fraction(measure.measure, figures.to_date)
    for department, tally in figures.by_department.items():
        part_numerator, part_denominator = fraction(measure.measure, tally)
        MeasureFigure.objects.create(
            measure=measure,
            period_key=figures.period.key,
            department_id=department,
            numerator=part_numerator,
            denominator=part_denominator or 0,
            counts=tally.as_dict(),
            from_totals=figures.from_totals,
        )
    result_store_computed(
        target=measure.target,
        period_key=figures.period.key,
        actor=actor,
        source=source,
        numerator=numerator if denominator else None,
        denominator=denominator,
        value=numerator if denominator is None else None,
        to_date_numerator=to_date[0] if to_date[1] else None,
        to_date_denominator=to_date[1] or None,
    )
    return True


def measure_recompute(*, measure: TargetMeasure, actor=None, source=None, today=None) -> int:
    """Compute and store the measure's results for every ended period (all or nothing); returns
    how many periods got a result. Nothing for a set no longer in force."""
    today = today or timezone.localdate()
    objective_set = measure.target.objective.objective_set
    if objective_set.status != Status.PUBLISHED:
        return 0
    actor = actor or measure.created_by
    source = source or latest_source(measure.agency_id) or measure
    figures = compute(measure, today=today)
    stored = 0
    with transaction.atomic():
        MeasureFigure.objects.filter(measure=measure).delete()
        for period_figures in figures:
            stored += _store(measure, period_figures, actor=actor, source=source)
        measure.computed_at = timezone.now()
        measure.save(update_fields=["computed_at"])
    return stored


def agency_measures(agency_id: int):
    return (
        TargetMeasure.objects.filter(
            agency_id=agency_id, target__objective__objective_set__status=Status.PUBLISHED
        )
        .select_related("target__objective__objective_set", "created_by")
        .prefetch_related("departments")
    )


@shared_task
def measures_recompute_run(agency_id: int, import_id: int | None = None) -> int:
    """Recompute every bound target of the agency (after an import or a push, or on demand for
    one measure through measure_recompute_run)."""
    source = DossierImport.objects.filter(pk=import_id).first() if import_id else None
    actor = source.created_by if source else None
    return sum(
        measure_recompute(measure=measure, actor=actor or measure.created_by, source=source)
        for measure in agency_measures(agency_id)
        if (actor or measure.created_by) is not None
    )


@shared_task
def measure_recompute_run(measure_id: int, actor_id: int | None = None) -> int:
    """Recompute one measure on demand (the measure page's button)."""
    measure = (
        TargetMeasure.objects.filter(pk=measure_id)
        .select_related("target__objective__objective_set", "created_by")
        .prefetch_related("departments")
        .first()
    )
    if measure is None:
        return 0
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    actor = actor or measure.created_by
    if actor is None:
        return 0
    return measure_recompute(measure=measure, actor=actor)


def period_fraction(bound: TargetMeasure, period_key: str) -> tuple[int, int | None] | None:
    """The agency's figure of one period as last computed (the sum of its departments'), or
    None when the period has no computed figure (nothing to rate, or not computed yet)."""
    figures = list(MeasureFigure.objects.filter(measure=bound, period_key=period_key))
    if not figures:
        return None
    numerator = sum(f.numerator for f in figures)
    if bound.is_count:
        return numerator, None
    denominator = sum(f.denominator for f in figures)
    return (numerator, denominator) if denominator else None


def measure_result_restore(*, bound: TargetMeasure, period_key: str, actor) -> Result:
    """Back to computed: the ISO officer returns a period's result, overridden by hand with a
    reason, to the figure computed from the dossiers (recorded in its history by monitoring);
    the year to date is filled by a recompute on the task engine."""
    if not may_bind_measures(actor, bound.agency):
        raise WorkflowError(
            _("Chỉ cán bộ ISO của cơ quan được trả kết quả về số liệu tính từ hồ sơ."),
            code="forbidden",
        )
    result = Result.objects.filter(target_id=bound.target_id, period_key=period_key).first()
    computed = period_fraction(bound, period_key)
    if result is None or computed is None:
        raise WorkflowError(
            _("Kỳ này chưa có kết quả tính từ hồ sơ để trở lại; hãy tính lại trước."),
            code="state",
        )
    numerator, denominator = computed
    with transaction.atomic():
        restored = result_computed_restore(
            result=result,
            actor=actor,
            source=latest_source(bound.agency_id) or bound,
            numerator=numerator if denominator else None,
            denominator=denominator,
            value=numerator if denominator is None else None,
        )
        enqueue_on_commit(measure_recompute_run, bound.pk, actor.pk)
    return restored
