"""The dashboard, cached: computing it takes ~0.2 s for an agency of 200 objectives (scores,
roll-ups, charts, and a large template), reading it back takes a few milliseconds.

What a cached page depends on is all in its key:
- the agency's DashboardVersion, raised inside the transaction of every write to anything the
  page shows (receivers below), so a page is never served after the data it shows changed —
  on any app server, whatever the cache backend;
- the year, the filters, today's date (what is due and whether the year is closed), the language;
- the user's rights over its rows ("Nhập kết quả" links, "Cách theo dõi"), asked of
  agencies.permissions for each row, so users with the same rights share one copy.

Receivers, not each service, raise the version: the page reads sets, objectives, plans, results,
departments and reporters' names, written by services, the admin and imports alike (the same
reason as objectives/search.py). Writes through queryset.update() or bulk operations bypass
them; the one such writer of these tables (load_scale_data) raises the version itself.
"""

import hashlib
import secrets
import zlib
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from agencies.models import Agency, Department, Membership
from monitoring.dashboard import Filters, dashboard
from monitoring.models import (
    DashboardVersion,
    MonitoringPlan,
    ObjectivePlan,
    Result,
)
from monitoring.rules import may_plan_monitoring, may_record_results
from objectives.models import Objective, ObjectiveSet, Section, Target

# A page is keyed by the day anyway; this only bounds how long an unused one stays.
TIMEOUT = 24 * 60 * 60


# --- the version ---------------------------------------------------------------------------


def dashboard_changed(agency_id: int) -> None:
    """Retire the agency's cached dashboards when the current transaction commits (or now,
    outside one). The row lock it takes is held only until that commit."""
    if not DashboardVersion.objects.filter(agency_id=agency_id).update(value=_new_value()):
        # The agency's first write: create the row (a concurrent creator wins quietly), then
        # replace the value like every other time, after any such creator has committed.
        DashboardVersion.objects.bulk_create(
            [DashboardVersion(agency_id=agency_id)], ignore_conflicts=True
        )
        DashboardVersion.objects.filter(agency_id=agency_id).update(value=_new_value())


def _new_value() -> int:
    return secrets.randbits(62) + 1  # never the 0 of an agency without a row


def dashboard_version(agency_id: int) -> int:
    value = DashboardVersion.objects.filter(agency_id=agency_id).values_list("value", flat=True)
    return value.first() or 0


# --- the page ------------------------------------------------------------------------------


class Subject(NamedTuple):
    """What agencies.permissions reads of a plan or a set to answer for a row."""

    agency_id: int
    department_id: int | None
    reporter_id: int | None = None


def _subjects(data) -> tuple[list[Subject], list[tuple[int, Subject]]]:
    plans = [
        Subject(r.plan.agency_id, r.plan.department_id, r.plan.reporter_id) for r in data["rows"]
    ]
    sets = [(s.pk, Subject(s.agency_id, s.department_id)) for s in data["sets"]]
    return plans, sets


def _rights(user, subjects) -> tuple[tuple[bool, ...], frozenset[int]]:
    plans, sets = subjects
    return (
        tuple(may_record_results(user, plan) for plan in plans),
        frozenset(pk for pk, subject in sets if may_plan_monitoring(user, subject)),
    )


def _key(*parts) -> str:
    return "dashboard:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_dashboard(
    *,
    user,
    agency,
    year: int,
    filters: Filters,
    today: date,
    render: Callable[[dict, tuple[tuple[bool, ...], frozenset[int]]], str],
) -> str:
    """The page's HTML for this user: `render(data, rights)` turns the dashboard's data and
    the user's rights (may record, per row; sets they may plan) into HTML on a miss. Returned
    safe: it is the output of our template."""
    version = dashboard_version(agency.pk)
    department_id = filters.department.pk if filters.department else None
    base = _key(
        agency.pk, version, year, department_id, filters.section_id, filters.state,
        today.isoformat(), get_language(),
    )  # fmt: skip
    data = None
    subjects = cache.get(base)
    if subjects is None:
        data = dashboard(agency=agency, year=year, filters=filters, today=today)
        subjects = _subjects(data)
        cache.set(base, subjects, TIMEOUT)
    rights = _rights(user, subjects)
    key = _key(base, rights)
    packed = cache.get(key)
    if packed is None:
        if data is None:
            data = dashboard(agency=agency, year=year, filters=filters, today=today)
        html = render(data, rights)
        cache.set(key, zlib.compress(html.encode(), 6), TIMEOUT)
        return html
    # Our own template's output, stored compressed (630 KB of HTML and SVG for 220 objectives
    # keep as 20 KB; unpacking takes under a millisecond).
    return mark_safe(zlib.decompress(packed).decode())  # noqa: S308


# --- what raises the version ---------------------------------------------------------------


def _agency_of_set(set_id) -> int | None:
    return ObjectiveSet.objects.filter(pk=set_id).values_list("agency_id", flat=True).first()


def _agency_of_objective(objective_id) -> int | None:
    found = Objective.objects.filter(pk=objective_id)
    return found.values_list("objective_set__agency_id", flat=True).first()


def _agency_of_target(target_id) -> int | None:
    found = Target.objects.filter(pk=target_id).values_list(
        "objective__objective_set__agency_id", flat=True
    )
    return found.first()


# model → how to find the agency of one of its rows
AGENCY_OF: dict[type, Callable[[object], int | None]] = {
    Agency: lambda agency: agency.pk,
    Department: lambda department: department.agency_id,
    ObjectiveSet: lambda objective_set: objective_set.agency_id,
    Section: lambda section: _agency_of_set(section.objective_set_id),
    Objective: lambda objective: _agency_of_set(objective.objective_set_id),
    Target: lambda target: _agency_of_objective(target.objective_id),
    MonitoringPlan: lambda plan: _agency_of_set(plan.objective_set_id),
    ObjectivePlan: lambda plan: plan.agency_id,
    Result: lambda result: _agency_of_target(result.target_id),
}


def _on_write(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: restore brings back the versions with everything else
        return
    agency_id = AGENCY_OF[sender](instance)
    if agency_id is not None:
        dashboard_changed(agency_id)


def _on_user_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Reporters are shown by name; a login (which only writes last_login) changes nothing."""
    if raw or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    for agency_id in Membership.objects.filter(user=instance).values_list("agency_id", flat=True):
        dashboard_changed(agency_id)


def connect_receivers() -> None:
    for model in AGENCY_OF:
        name = model._meta.label_lower
        post_save.connect(_on_write, sender=model, dispatch_uid=f"dashboard_saved:{name}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"dashboard_deleted:{name}")
    post_save.connect(_on_user_saved, sender=get_user_model(), dispatch_uid="dashboard_user")
