"""What anyone may read without signing in, as queries: the public pages and the read-only API
(api/) both read through these, so that a page and an endpoint cannot disagree.

Everything published is derived from the rulebook's anonymous role (`view_public` in
documents/rulebook.py: a published set, or one superseded after its publication), narrowed by
the agency's own settings:

- agency-level sets only, unless `Agency.publishes_department_sets`;
- results per reporting period only while `Agency.publishes_results` (off: none, anywhere), and
  of a period only once its unit head has confirmed it (what is still being typed is not
  public).

A "province" is an oversight body (`agencies.OversightBody`): its agencies are those of its
dated scope (`OversightScope`), never the free-text governing body printed on documents.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Q, QuerySet, When
from django.utils import timezone

from agencies.models import Agency, OversightBody
from agencies.oversight import scope_rows
from documents.models import Status
from documents.rulebook import documents_q
from monitoring.periods import Period
from monitoring.scoring import Outcome, score
from monitoring.selectors import (
    confirmation_covering,
    confirmations_of,
    effective_plan,
    objectives_of,
    results_by_target,
)
from objectives.models import ObjectiveSet
from objectives.selectors import objective_groups, sets_with_content


def today() -> datetime.date:
    return timezone.localdate()


# --- provinces and their agencies ---------------------------------------------------------------


def provinces() -> QuerySet[OversightBody]:
    """The active oversight bodies, each a province's public page."""
    return OversightBody.objects.filter(is_active=True).order_by("region_name", "pk")


def province_by_slug(slug: str) -> OversightBody | None:
    return provinces().filter(slug=slug).first()


def province_by_old_slug(slug: str) -> OversightBody | None:
    """The active body that once had `slug` (its history keeps every earlier value)."""
    body_ids = OversightBody.history.filter(slug=slug).values("id")
    return provinces().filter(pk__in=body_ids).exclude(slug=slug).order_by("-pk").first()


def _scope_agency_ids(body: OversightBody, *, year: int | None, on: datetime.date | None):
    rows = scope_rows(year=year, on=on) if year is not None else scope_rows(on=on or today())
    return rows.filter(body=body).values("agency_id")


def agencies_of_province(
    body: OversightBody, *, year: int | None = None, on: datetime.date | None = None
) -> QuerySet[Agency]:
    """The active agencies in the body's scope on `on` (today by default) or during `year`."""
    return Agency.objects.active().filter(pk__in=_scope_agency_ids(body, year=year, on=on))


def _reachable(body: OversightBody, *, year: int | None) -> QuerySet[Agency]:
    """Agencies whose pages are reached under this province: in scope today, or (for a year's
    page) during that year, so that an agency moved by the 2025 mergers keeps its past years
    under its former body."""
    condition = Q(pk__in=_scope_agency_ids(body, year=None, on=today()))
    if year is not None:
        condition |= Q(pk__in=_scope_agency_ids(body, year=year, on=None))
    return Agency.objects.active().filter(condition)


def agency_in_province(body: OversightBody, slug: str, *, year: int | None = None):
    """The agency with this slug under the province, or None."""
    if not slug:
        return None
    return _reachable(body, year=year).filter(slug=slug).order_by("pk").first()


def agency_by_old_slug(body: OversightBody, slug: str, *, year: int | None = None):
    """The agency of the province that once had `slug` and has another now (for a 301)."""
    if not slug:
        return None
    agency_ids = Agency.history.filter(slug=slug).values("id")
    reachable = _reachable(body, year=year).filter(pk__in=agency_ids).exclude(slug=slug)
    return reachable.exclude(slug="").order_by("-pk").first()


# --- published sets -------------------------------------------------------------------------


def public_sets_q() -> Q:
    """The objective sets anyone may read: the rulebook's anonymous role, agency-level sets, a
    department's only where its agency opens them."""
    listed = Q(department__isnull=True) | Q(agency__publishes_department_sets=True)
    return documents_q("view_public", None) & listed & Q(agency__is_active=True)


def public_sets(agency: Agency | None = None, *, year: int | None = None) -> QuerySet:
    """Public sets (of one agency, of one year), newest year first; in a year the agency's own
    before its departments', the one in force before those it superseded."""
    sets = ObjectiveSet.objects.filter(public_sets_q()).select_related("agency", "department")
    if agency is not None:
        sets = sets.filter(agency=agency)
    if year is not None:
        sets = sets.filter(year=year)
    departments_last = Case(When(department__isnull=True, then=0), default=1)
    superseded_last = Case(When(status=Status.SUPERSEDED, then=1), default=0)
    return sets.order_by(
        "-year",
        departments_last,
        "department__order",
        "department__name",
        superseded_last,
        "-published_at",
        "-pk",
    )


def is_in_force(objective_set: ObjectiveSet) -> bool:
    return objective_set.status == Status.PUBLISHED


def public_years(agency: Agency) -> list[int]:
    """The years in which the agency has a public set, newest first."""
    years = public_sets(agency).order_by().values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def sets_in_force(agencies, year: int) -> dict[int, list[ObjectiveSet]]:
    """{agency id: its public sets in force for `year`} for a province's list (1 query)."""
    found: dict[int, list[ObjectiveSet]] = {}
    sets = public_sets(year=year).filter(agency__in=list(agencies), status=Status.PUBLISHED)
    for objective_set in sets:
        found.setdefault(objective_set.agency_id, []).append(objective_set)
    return found


def public_set(pk: int) -> ObjectiveSet | None:
    """One public set with everything its page prints (sections, objectives, targets, units),
    or None when it is not public."""
    return sets_with_content().filter(public_sets_q(), pk=pk).first()


def public_set_with_content(objective_set: ObjectiveSet) -> tuple[ObjectiveSet, list[tuple]]:
    """(the set with its content prefetched, [(section or None, [objectives])] numbered 1…n)."""
    loaded = sets_with_content().get(pk=objective_set.pk)
    return loaded, objective_groups(loaded)


def superseding(objective_set: ObjectiveSet, candidates) -> ObjectiveSet | None:
    """Among `candidates` (public sets of the same year), the one in force that replaced a
    superseded set (same agency and department)."""
    if objective_set.status != Status.SUPERSEDED:
        return None
    for candidate in candidates:
        if (
            candidate.status == Status.PUBLISHED
            and candidate.agency_id == objective_set.agency_id
            and candidate.department_id == objective_set.department_id
            and candidate.year == objective_set.year
        ):
            return candidate
    return None


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicResult:
    """One confirmed result of a target for a reporting period, as published."""

    target_id: int
    period: Period
    value: object  # Decimal or None
    numerator: object
    denominator: object
    assessment: str
    outcome: str  # monitoring.scoring.Outcome

    @property
    def period_label(self) -> str:
        return self.period.label

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label


def results_published(agency: Agency) -> bool:
    return bool(agency.is_active and agency.publishes_results)


def public_results(objective_set: ObjectiveSet) -> dict[int, list[PublicResult]]:
    """{target id: [confirmed results in time order]} of a public set — {} unless its agency
    publishes results. Periods not yet confirmed by the unit head are left out."""
    if not results_published(objective_set.agency):
        return {}
    objectives = objectives_of([objective_set])
    unit_of_target = {}
    targets = {}
    for objective in objectives:
        department_id = effective_plan(objective).department_id
        for target in objective.targets.all():
            unit_of_target[target.pk] = department_id
            targets[target.pk] = target
    if not targets:
        return {}
    confirmations = confirmations_of(objective_set.agency, objective_set.year)
    grouped = results_by_target(list(targets), year=objective_set.year)
    published: dict[int, list[PublicResult]] = {}
    for target_id, results in grouped.items():
        target = targets.get(target_id)
        if target is None:
            continue
        for result in results:
            period = result.period
            if confirmation_covering(confirmations, unit_of_target[target_id], period) is None:
                continue
            actual = result.value
            outcome = score(comparison=target.comparison, target_value=target.value, actual=actual)
            if actual is None and result.assessment:
                outcome = Outcome.ASSESSED
            published.setdefault(target_id, []).append(
                PublicResult(
                    target_id=target_id,
                    period=period,
                    value=actual,
                    numerator=result.numerator,
                    denominator=result.denominator,
                    assessment=result.assessment,
                    outcome=outcome,
                )
            )
    return published


# --- a province's year ------------------------------------------------------------------------


@dataclass
class ProvinceRow:
    agency: Agency
    sets: list  # the agency's public sets in force for the year (agency-level first)

    @property
    def has_published(self) -> bool:
        return bool(self.sets)


def province_years(body: OversightBody) -> list[int]:
    """The years in which an agency of the province (today's scope) has a public set."""
    agencies = agencies_of_province(body)
    years = public_sets().filter(agency__in=agencies).order_by().values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def province_overview(body: OversightBody, year: int) -> list[ProvinceRow]:
    """Every agency in the province's scope today, with its published objectives of `year`;
    those with none yet are listed with an empty list (2 queries)."""
    agencies = list(agencies_of_province(body).order_by("name", "pk"))
    in_force = sets_in_force(agencies, year)
    return [ProvinceRow(agency, in_force.get(agency.pk, [])) for agency in agencies]
