"""Reads the monitoring pages need, each in a fixed number of queries whatever the size."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q
from django.utils.translation import gettext

from agencies.models import Department
from documents.models import Status
from monitoring.models import (
    ObjectivePlan,
    PeriodConfirmation,
    Result,
    default_frequency,
    listed_frequencies,
)
from monitoring.periods import Period, ReportingFrequency, ended_periods, period_containing
from monitoring.scoring import RollUpRule
from monitoring.series import Lineage, lineage, merge
from objectives.models import Objective, ObjectiveSet, Target


@dataclass(frozen=True)
class Unit:
    """Who reports: a department of the agency, or the agency itself (department None)."""

    agency_id: int
    department_id: int | None
    department: Department | None = None

    @property
    def name(self) -> str:
        return self.department.name if self.department else gettext("Cấp cơ quan (Tổ ISO)")


def published_sets(agency, year: int) -> list[ObjectiveSet]:
    """The sets in force for the year: the agency's first, then its departments'."""
    sets = ObjectiveSet.objects.filter(agency=agency, year=year, status=Status.PUBLISHED)
    sets = sets.select_related("agency", "department")
    sets = sets.order_by("department__order", "department__name")
    return sorted(sets, key=lambda s: s.department_id is not None)


def objectives_of(sets) -> list[Objective]:
    """Objectives of the sets with section, lead unit, monitoring plan and targets (2 queries)."""
    if not sets:
        return []
    set_by_id = {s.pk: s for s in sets}
    objectives = list(
        Objective.objects.filter(objective_set__in=list(set_by_id))
        .select_related("section", "lead_unit", "monitoring__department", "monitoring__reporter")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.select_related("copied_from").order_by("order", "id"),
            )
        )
    )
    rank = {s.pk: index for index, s in enumerate(sets)}
    for objective in objectives:
        objective.objective_set = set_by_id[objective.objective_set_id]
    objectives.sort(
        key=lambda o: (
            rank[o.objective_set_id],
            o.section.order if o.section else -1,
            o.section_id or 0,
            o.order,
            o.pk,
        )
    )
    return objectives


def effective_plan(objective) -> ObjectivePlan:
    """The objective's monitoring plan, or (unsaved) the defaults it will get: the preferred
    allowed frequency, ratio of sums, reported by the set's department or the lead unit."""
    try:
        plan = objective.monitoring
    except ObjectDoesNotExist:
        plan = None
    if plan is not None:
        return plan
    objective_set = objective.objective_set
    department = objective_set.department or objective.lead_unit
    return ObjectivePlan(
        objective=objective,
        agency_id=objective_set.agency_id,
        frequency=default_frequency(objective),
        roll_up=RollUpRule.RATIO_OF_SUMS,
        department=department,
    )


def objectives_without_frequency(agency, year: int, department=None) -> list[Objective]:
    """Objectives in force whose issued text names no reporting period and whose plan was never
    made: followed at the agency's default until someone chooses (the dashboard lists them);
    with `department`, those it reports."""
    found = []
    for objective in objectives_of(published_sets(agency, year)):
        if listed_frequencies(objective) or _has_saved_plan(objective):
            continue
        if department is None or effective_plan(objective).department_id == department.pk:
            found.append(objective)
    return found


def without_frequency(pairs) -> list[Objective]:
    """Of (objective, effective plan) pairs already read (the dashboard's rows), the objectives
    whose text names no period and whose plan was never saved (no query)."""
    return [o for o, plan in pairs if plan.pk is None and not listed_frequencies(o)]


def _has_saved_plan(objective) -> bool:
    try:
        return objective.monitoring is not None
    except ObjectDoesNotExist:
        return False


def unit_of(plan: ObjectivePlan) -> Unit:
    return Unit(plan.agency_id, plan.department_id, plan.department)


def results_by_target(
    target_ids, *, year: int, baseline_ids=(), lineage: Lineage | None = None
) -> dict[int, list[Result]]:
    """The year's results of these targets, plus every result of the baseline targets (last
    year's targets they continue), in time order (1 query). With `lineage` (monitoring.series),
    a target's list also holds the results of the earlier revisions' targets whose measure it
    kept, and the targets whose measure changed keep their own lists."""
    target_ids = set(target_ids) | (lineage.ancestor_ids() if lineage else set())
    condition = Q(target_id__in=list(target_ids), period_start__year=year)
    if baseline_ids:
        condition |= Q(target_id__in=list(baseline_ids))
    grouped: dict[int, list[Result]] = defaultdict(list)
    found = Result.objects.filter(condition).order_by("period_start", "period_end", "id")
    for result in found.prefetch_related("source"):  # computed results name their source
        grouped[result.target_id].append(result)
    if lineage:
        own = {pk: list(grouped.get(pk, [])) for pk in lineage.carried}
        for pk, earlier in lineage.carried.items():
            grouped[pk] = merge(own[pk], [own.get(e, grouped.get(e, [])) for e in earlier])
    return grouped


def derived_targets(objectives, year: int) -> list[Target]:
    """Targets of published department objectives derived from these objectives (1 query)."""
    ids = [o.pk for o in objectives if o.objective_set.department_id is None]
    if not ids:
        return []
    return list(
        Target.objects.filter(
            objective__parent_id__in=ids,
            objective__objective_set__status=Status.PUBLISHED,
            objective__objective_set__year=year,
        )
        .select_related("objective")
        .order_by("objective_id", "order", "id")
    )


def confirmations_of(agency, year: int) -> list[PeriodConfirmation]:
    return list(
        PeriodConfirmation.objects.filter(agency=agency, period_start__year=year).select_related(
            "confirmed_by"
        )
    )


def confirmation_covering(confirmations, department_id, period: Period):
    """The confirmation that locks `period` for the unit, if any (it may be a longer period:
    confirming a quarter locks its months and dated entries too)."""
    for confirmation in confirmations:
        if confirmation.department_id == department_id and (
            confirmation.period_start <= period.start and period.end <= confirmation.period_end
        ):
            return confirmation
    return None


def find_confirmation(*, agency_id, department_id, period: Period):
    return (
        PeriodConfirmation.objects.filter(
            agency_id=agency_id,
            department_id=department_id,
            period_start__lte=period.start,
            period_end__gte=period.end,
        )
        .select_related("confirmed_by")
        .first()
    )


# --- a unit's report for one period -----------------------------------------------------------


@dataclass
class EntryRow:
    objective: Objective
    plan: ObjectivePlan
    targets: list = field(default_factory=list)  # (target, result or None)


def unit_report(*, agency, department_id, period: Period) -> list[EntryRow]:
    """The objectives a unit reports at the period's frequency, with their targets and the
    results already recorded for the period (evidence and corrections prefetched)."""
    frequency = period.frequency
    rows = []
    for objective in objectives_of(published_sets(agency, period.year)):
        plan = effective_plan(objective)
        if plan.department_id == department_id and plan.frequency == frequency:
            rows.append(EntryRow(objective, plan))
    target_ids = [t.pk for row in rows for t in row.objective.targets.all()]
    results = {
        r.target_id: r
        for r in Result.objects.filter(target_id__in=target_ids, period_key=period.key)
        .select_related("recorded_by")
        .prefetch_related("evidence", "corrections__by", "source")
    }
    for row in rows:
        row.targets = [(t, results.get(t.pk)) for t in row.objective.targets.all()]
    return rows


# --- what is due ---------------------------------------------------------------------------


class DueState:
    OVERDUE = "overdue"
    DUE = "due"
    TO_CONFIRM = "to_confirm"
    CONFIRMED = "confirmed"


@dataclass
class DueItem:
    unit: Unit
    period: Period
    expected: int = 0
    recorded: int = 0
    confirmation: PeriodConfirmation | None = None
    reporters: set = field(default_factory=set)

    @property
    def missing(self) -> int:
        return self.expected - self.recorded

    def state(self, today: date) -> str:
        if self.missing:
            return DueState.OVERDUE if today > self.period.due_on else DueState.DUE
        return DueState.CONFIRMED if self.confirmation else DueState.TO_CONFIRM


def due_reports(*, agency, year: int, today: date) -> list[DueItem]:
    """Every unit's reports for the periods of `year` that have ended by `today`, with how
    many results are expected and recorded (about 6 queries, whatever the size)."""
    objectives = objectives_of(published_sets(agency, year))
    plans = [effective_plan(o) for o in objectives]
    chains = lineage([t for o in objectives for t in o.targets.all()], year=year)
    target_ids = [t.pk for o in objectives for t in o.targets.all()]
    target_ids += list(chains.ancestor_ids())
    recorded = set(
        Result.objects.filter(target_id__in=target_ids, period_start__year=year).values_list(
            "target_id", "period_key"
        )
    )
    # A period reported before a mid-year revision is reported, on the revised set's target.
    earlier = {pk: list(ids) for pk, ids in chains.carried.items()}
    for pk, old in chains.previous.items():
        earlier.setdefault(pk, []).extend([old.pk, *chains.carried.get(old.pk, [])])
    confirmations = confirmations_of(agency, year)
    items: dict[tuple, DueItem] = {}
    for objective, plan in zip(objectives, plans, strict=True):
        if plan.frequency == ReportingFrequency.CONTINUOUS:
            continue
        targets = list(objective.targets.all())
        for period in ended_periods(plan.frequency, year, today):
            key = (plan.department_id, period.key)
            if key not in items:
                items[key] = DueItem(unit_of(plan), period)
            item = items[key]
            item.expected += len(targets)
            item.recorded += sum(
                any((pk, period.key) in recorded for pk in (t.pk, *earlier.get(t.pk, ())))
                for t in targets
            )
            if plan.reporter_id:
                item.reporters.add(plan.reporter_id)
    for item in items.values():
        item.confirmation = confirmation_covering(
            confirmations, item.unit.department_id, item.period
        )
    return sorted(items.values(), key=_due_order)


def _due_order(item: DueItem):
    """The agency level first, then departments by name; periods by end, a month before the
    quarter that ends with it."""
    unit = item.unit
    return (
        unit.department_id is not None,
        unit.name,
        item.period.end,
        -item.period.start.toordinal(),
    )


def current_period(frequency: str, today: date) -> Period | None:
    if frequency == ReportingFrequency.CONTINUOUS:
        return None
    return period_containing(frequency, today)
