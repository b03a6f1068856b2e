"""Reads of the oversight body's side: the agencies in its scope in a year and the table of
their summaries, with that year's governing body names and who is late for the body's
deadlines. A constant number of queries whatever the number of agencies (tests assert it)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from agencies.models import Agency, GoverningBodyTerm, OversightBody, OversightScope
from agencies.oversight import oversight_memberships_of
from oversight.models import AgencyYearSummary, Deadline, DeadlineKind, ObjectivesStatus


def bodies_of(user) -> list[OversightBody]:
    """The active oversight bodies the user belongs to, by name."""
    return sorted((m.body for m in oversight_memberships_of(user).values()), key=str)


def scope_ids(body, year: int) -> set[int]:
    """The agencies in the body's scope on at least one day of `year` (one query)."""
    rows = OversightScope.objects.during_year(year).filter(body=body)
    return set(rows.values_list("agency_id", flat=True))


def governing_body_names(agency_ids, year: int) -> dict[int, str]:
    """{agency id: the governing body it had in `year`}: the term in force at the end of the
    year, or the last one that began in it (one query)."""
    terms = GoverningBodyTerm.objects.during_year(year).filter(agency_id__in=agency_ids)
    names: dict[int, tuple] = {}
    for agency_id, name, valid_from in terms.values_list("agency_id", "name", "valid_from"):
        if agency_id not in names or valid_from > names[agency_id][0]:
            names[agency_id] = (valid_from, name)
    return {agency_id: name for agency_id, (_from, name) in names.items()}


@dataclass
class Lateness:
    kind: str
    label: str
    due_on: datetime.date
    period_key: str = ""


@dataclass
class TableRow:
    agency: Agency
    governing_body: str
    summary: AgencyYearSummary
    late: list[Lateness] = field(default_factory=list)
    periods: list[dict] = field(default_factory=list)  # summary.period_rows(), parsed once

    @property
    def is_late(self) -> bool:
        return bool(self.late)


def _late_periods(deadline: Deadline, periods, today) -> list[Lateness]:
    late = []
    days = deadline.days_after_period or 0
    wording = None
    for period in periods:
        due = period["end"] + datetime.timedelta(days=days)
        if not period["expected"] or today <= due:
            continue
        if period["complete_on"] is None or period["complete_on"] > due:
            wording = wording or _("Kết quả kỳ %(period)s")
            label = wording % {"period": period["key"]}
            late.append(Lateness(deadline.kind, label, due, period["key"]))
    return late


# kind → the summary's date of that thing done (None: not done)
DONE_ON = {
    DeadlineKind.OBJECTIVES_PUBLISHED: lambda s: s.published_on,
    DeadlineKind.EVALUATION_ISSUED: lambda s: s.evaluation_issued_on,
    DeadlineKind.INTERNAL_AUDIT: lambda s: s.last_internal_audit_on,
    DeadlineKind.MANAGEMENT_REVIEW: lambda s: s.last_management_review_on,
}


def lateness(deadlines, summary, today: datetime.date, periods=None) -> list[Lateness]:
    """What the agency of `summary` is late for: a deadline passed and the thing not done by
    it (for results, each period whose results were not all in within the days allowed)."""
    late = []
    if periods is None:
        periods = summary.period_rows()
    for deadline in deadlines:
        if deadline.per_period:
            late += _late_periods(deadline, periods, today)
            continue
        if deadline.due_on is None or today <= deadline.due_on:
            continue
        done_on = DONE_ON[deadline.kind](summary)
        if done_on is None or done_on > deadline.due_on:
            late.append(Lateness(deadline.kind, deadline.get_kind_display(), deadline.due_on))
    return late


SORTS = {
    "agency": lambda r: (r.agency.name.casefold(),),
    "governing_body": lambda r: (r.governing_body.casefold(), r.agency.name.casefold()),
    "status": lambda r: (
        list(ObjectivesStatus.values).index(r.summary.objectives_status),
        r.agency.name.casefold(),
    ),
    "objectives": lambda r: (r.summary.objectives_count, r.agency.name.casefold()),
    "met": lambda r: (
        r.summary.targets_met_share if r.summary.targets_met_share is not None else -1,
        r.agency.name.casefold(),
    ),
    "late": lambda r: (-len(r.late), r.agency.name.casefold()),
    "audit": lambda r: (r.summary.last_internal_audit_on or datetime.date.min,),
    "review": lambda r: (r.summary.last_management_review_on or datetime.date.min,),
}


@dataclass
class Filters:
    governing_body: str = ""
    status: str = ""
    late: bool = False
    sort: str = "agency"
    descending: bool = False


def table(*, body, year: int, filters: Filters, today: datetime.date) -> dict:
    """The rows of the body's table for `year` (four queries), filtered and sorted, and the
    governing bodies and the deadlines to offer as filters and headers."""
    in_scope = OversightScope.objects.during_year(year).filter(body=body).values("agency_id")
    agencies = list(Agency.objects.filter(pk__in=in_scope).order_by("name"))
    ids = [a.pk for a in agencies]
    summaries = {
        s.agency_id: s for s in AgencyYearSummary.objects.filter(year=year, agency_id__in=in_scope)
    }
    names = governing_body_names(in_scope, year)
    deadlines = list(Deadline.objects.filter(body=body, year=year).order_by("kind"))
    rows = []
    for agency in agencies:
        summary = summaries.get(agency.pk) or AgencyYearSummary(agency=agency, year=year)
        periods = summary.period_rows()
        rows.append(
            TableRow(
                agency=agency,
                governing_body=names.get(agency.pk, agency.governing_body),
                summary=summary,
                late=lateness(deadlines, summary, today, periods),
                periods=periods,
            )
        )
    governing_bodies = sorted({r.governing_body for r in rows if r.governing_body})
    period_keys = sorted({p["key"] for r in rows for p in r.periods})
    shown = [r for r in rows if _matches(r, filters)]
    key = SORTS.get(filters.sort, SORTS["agency"])
    shown.sort(key=key, reverse=filters.descending)
    return {
        "rows": shown,
        "total": len(ids),
        "late_count": sum(r.is_late for r in rows),
        "governing_bodies": governing_bodies,
        "deadlines": deadlines,
        "period_keys": period_keys,
    }


def _matches(row: TableRow, filters: Filters) -> bool:
    if filters.governing_body and row.governing_body != filters.governing_body:
        return False
    if filters.status and row.summary.objectives_status != filters.status:
        return False
    return not (filters.late and not row.is_late)


def body_for_agency(user, agency_id: int, year: int) -> OversightBody | None:
    """One of the user's bodies that had the agency in scope during `year` (None: none)."""
    bodies = oversight_memberships_of(user)
    if not bodies:
        return None
    row = (
        OversightScope.objects.during_year(year)
        .filter(Q(body_id__in=list(bodies)), agency_id=agency_id, body__is_active=True)
        .values_list("body_id", flat=True)
        .first()
    )
    return bodies[row].body if row is not None else None
