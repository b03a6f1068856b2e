"""The oversight table's rows, cached in the shared cache (Redis in production): a warm request
reads two cache entries and no table data from the database, then filters and sorts the cached
rows and joins their HTML; a cold one reads the summaries (oversight/selectors.py) and writes
the rows in Python (oversight/table_html.py). Figures: docs/PERFORMANCE.md.

The rows are kept under a key made of everything that changes what they show: the body, the
year, today's date (who is late, which periods are over), the language, and two versions held
in the shared cache, so that a write on one app server retires the rows on all of them:

- `body:<id>` — the body's scope (any year), the names and governing bodies of the agencies it
  has ever had, their conformity announcements (every year's summary), its deadlines;
- `year:<body id>:<year>` — the summaries of that year of the agencies in its scope that year.

Filters and sort are not in the key: every row keeps what they need (its governing body, its
status, whether it is late, its sort keys), so one copy serves every combination.

A write raises the versions it touches twice: at once, for the rest of its own transaction
(and the tests, whose transactions never commit), and again when it commits
(`transaction.on_commit`), which retires any copy another request stored in between from the
data before the commit. A version missing from the cache (evicted, Redis restarted empty) is a
new random value, never one an old copy was stored under. Receivers (below) raise them, not
each service, like the summaries themselves (oversight/summaries.py); queryset.update() and
bulk writes bypass them (`conformity_refresh` raises its own; load_scale_data makes a new body).
"""

import datetime
import hashlib
import secrets
from typing import NamedTuple

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from agencies.models import Agency, GoverningBodyTerm, OversightScope
from oversight.models import AgencyYearSummary, Deadline
from oversight.selectors import SORTS, Filters, table
from oversight.table_html import row_html, table_words

PREFIX = "oversight:v:"
# Keyed by the day anyway; this only bounds how long an unused copy stays.
TIMEOUT = 24 * 60 * 60


# --- the versions --------------------------------------------------------------------------


def body_key(body_id: int) -> str:
    return f"body:{body_id}"


def year_key(body_id: int, year: int) -> str:
    return f"year:{body_id}:{year}"


def _new_value() -> int:
    return secrets.randbits(62) + 1


def current(names) -> dict[str, int]:
    """{name: version} now, creating the missing ones (one cache read when all exist)."""
    names = list(dict.fromkeys(names))
    found = cache.get_many([PREFIX + name for name in names])
    versions = {}
    for name in names:
        value = found.get(PREFIX + name)
        if value is None:
            cache.add(PREFIX + name, _new_value(), timeout=None)
            value = cache.get(PREFIX + name)
        versions[name] = value
    return versions


def _raise_now(names) -> None:
    cache.set_many({PREFIX + name: _new_value() for name in names}, timeout=None)


def raise_versions(names) -> None:
    """Retire the rows showing these now and again once the current transaction commits."""
    names = set(names)
    if names:
        _raise_now(names)
        transaction.on_commit(lambda: _raise_now(names))


def _bodies_ever(agency_id: int) -> set[int]:
    return set(OversightScope.objects.filter(agency_id=agency_id).values_list("body_id", flat=True))


def agency_changed(agency_id: int) -> None:
    """Something every year's row of the agency shows changed (its name, governing body,
    conformity announcement): the bodies that ever had it retire all their tables."""
    raise_versions(body_key(body_id) for body_id in _bodies_ever(agency_id))


def summary_changed(agency_id: int, year: int) -> None:
    """The agency's summary of `year` changed: the tables of that year of the bodies that had
    it in scope that year (one query)."""
    bodies = OversightScope.objects.during_year(year).filter(agency_id=agency_id)
    raise_versions(year_key(b, year) for b in bodies.values_list("body_id", flat=True))


# --- the rows ------------------------------------------------------------------------------


class CachedRow(NamedTuple):
    """One agency's row as kept in the cache: what the filters and sorts read, and its HTML."""

    agency_id: int
    name: str
    governing_body: str
    status: str
    is_late: bool
    sort_keys: dict
    html: str


def _key(*parts) -> str:
    return "oversight:table:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _rows(*, body, year: int, today: datetime.date) -> dict:
    """Every row of the table (by agency name), as the cache keeps them."""
    data = table(body=body, year=year, filters=Filters(), today=today)
    words = table_words(body_id=body.pk, year=year)
    rows = [
        CachedRow(
            agency_id=row.agency.pk,
            name=row.agency.name,
            governing_body=row.governing_body,
            status=row.summary.objectives_status,
            is_late=row.is_late,
            sort_keys={name: key(row) for name, key in SORTS.items()},
            html=str(row_html(row, today, words)),
        )
        for row in data["rows"]
    ]
    return {
        "rows": rows,
        "total": data["total"],
        "late_count": data["late_count"],
        "governing_bodies": data["governing_bodies"],
        "deadline_count": len(data["deadlines"]),
    }


def _matches(row: CachedRow, filters: Filters) -> bool:
    if filters.governing_body and row.governing_body != filters.governing_body:
        return False
    if filters.status and row.status != filters.status:
        return False
    return not (filters.late and not row.is_late)


def cached_table(*, body, year: int, filters: Filters, today: datetime.date) -> dict:
    """The table as the page shows it: "rows" (CachedRow, filtered and sorted), "rows_html"
    (their HTML, safe: written by oversight/table_html.py), "total", "late_count",
    "governing_bodies" and "deadline_count". A hit costs two cache reads and no query."""
    versions = current([body_key(body.pk), year_key(body.pk, year)])
    key = _key(body.pk, year, today.isoformat(), get_language(), sorted(versions.items()))
    data = cache.get(key)
    if data is None:
        data = _rows(body=body, year=year, today=today)
        cache.set(key, data, TIMEOUT)
    sort = filters.sort if filters.sort in SORTS else "agency"
    shown = [row for row in data["rows"] if _matches(row, filters)]
    shown.sort(key=lambda row: row.sort_keys[sort], reverse=filters.descending)
    html: SafeString = mark_safe("".join(row.html for row in shown))  # noqa: S308 - our own HTML
    return {**data, "rows": shown, "rows_html": html}


# --- what raises the versions --------------------------------------------------------------


def _on_summary(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: a restore empties the cache (operations/restore.py)
        summary_changed(instance.agency_id, instance.year)


def _on_agency(sender, instance, raw=False, update_fields=None, **kwargs):
    # Only its name and current governing body are on the table (the seal, titles… are not).
    if raw or (update_fields is not None and not {"name", "governing_body"} & set(update_fields)):
        return
    agency_changed(instance.pk)


def _on_term(sender, instance, raw=False, **kwargs):
    if not raw:
        agency_changed(instance.agency_id)


def _on_scope(sender, instance, raw=False, **kwargs):
    if not raw:
        raise_versions([body_key(instance.body_id)])


def _on_deadline(sender, instance, raw=False, **kwargs):
    if not raw:
        raise_versions([year_key(instance.body_id, instance.year)])


def connect_receivers() -> None:
    for signal in (post_save, post_delete):
        uid = f"oversight_table:{signal is post_save}"
        signal.connect(_on_summary, sender=AgencyYearSummary, dispatch_uid=f"{uid}:summary")
        signal.connect(_on_agency, sender=Agency, dispatch_uid=f"{uid}:agency")
        signal.connect(_on_term, sender=GoverningBodyTerm, dispatch_uid=f"{uid}:term")
        signal.connect(_on_scope, sender=OversightScope, dispatch_uid=f"{uid}:scope")
        signal.connect(_on_deadline, sender=Deadline, dispatch_uid=f"{uid}:deadline")
