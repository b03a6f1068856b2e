"""What the dashboard knows of a year's result on record: the year-end evaluation reports
issued for it. The evaluation app sits above monitoring, so it tells monitoring through this
registry, filled from its AppConfig.ready() (evaluation/apps.py); monitoring never imports it.

A year is closed once the agency's own year-end report is issued, or otherwise when the grace
period after 31 December ends (Agency.year_grace_days, default 31: the year's
results may still be entered and corrected until 31 January). A closed year is read as its
final verdict (Đạt / Không đạt); an open one as on track or at risk.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings

DEFAULT_GRACE_DAYS = 31


@dataclass(frozen=True)
class YearRecord:
    """One issued year-end report: who it covers, when and under which number it was
    issued, and the year figure it froze for each target (by target id)."""

    department_id: int | None
    issued_on: date | None
    reference: str  # "số 05/BC-VP" as printed, or ""
    figures: dict[int, Decimal | None] = field(default_factory=dict)


# Each source answers (agency_id, year) with the records it knows of.
_SOURCES: list[Callable[[int, int], list[YearRecord]]] = []


def register(source: Callable[[int, int], list[YearRecord]]) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def year_records(agency_id: int, year: int) -> list[YearRecord]:
    return [record for source in _SOURCES for record in source(agency_id, year)]


def grace_ends(year: int, days: int | None = None) -> date:
    """The last day of the grace period: the agency's own (Agency.year_grace_days), else the
    installation's default."""
    if days is None:
        days = getattr(settings, "MONITORING_YEAR_GRACE_DAYS", DEFAULT_GRACE_DAYS)
    return date(year, 12, 31) + timedelta(days=days)


def year_is_closed(
    year: int, *, today: date, records: list[YearRecord], grace_days: int | None = None
) -> bool:
    """Closed by the agency's own issued report, or by the end of its grace period."""
    if any(record.department_id is None for record in records):
        return True
    return today > grace_ends(year, grace_days)
