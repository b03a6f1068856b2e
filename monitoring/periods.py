"""Reporting periods: the months, quarters, halves or the year of a frequency, with their dates,
keys ("2024-Q1") and Vietnamese labels ("Quý I/2024"). Objectives updated continuously have no
periods; each result is a dated entry whose key is its ISO date ("2024-03-15").

Pure functions on dates: no database, no clock (callers pass `today`).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A period's report is due this many days after the period ends; later it is overdue.
REPORT_DUE_DAYS = 10

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class ReportingFrequency(models.TextChoices):
    """The objective's allowed frequencies (objectives.Frequency) plus continuous updating."""

    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")
    CONTINUOUS = "continuous", _("Cập nhật liên tục")


# (code in the key, number of periods a year, months per period)
_SHAPES = {
    ReportingFrequency.MONTHLY: ("M", 12, 1),
    ReportingFrequency.QUARTERLY: ("Q", 4, 3),
    ReportingFrequency.HALF_YEARLY: ("H", 2, 6),
    ReportingFrequency.YEARLY: ("Y", 1, 12),
}
_CODES = {code: frequency for frequency, (code, _count, _months) in _SHAPES.items()}
_KEY = re.compile(r"^(\d{4})-(M(?:0[1-9]|1[0-2])|Q[1-4]|H[12]|Y)$")
_DATE_KEY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    frequency: str
    index: int = 1  # month, quarter or half number; 1 for the year and for dated entries

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def key(self) -> str:
        if self.frequency == ReportingFrequency.CONTINUOUS:
            return self.start.isoformat()
        code = _SHAPES[self.frequency][0]
        if code == "M":
            return f"{self.year}-M{self.index:02d}"
        if code == "Y":
            return f"{self.year}-Y"
        return f"{self.year}-{code}{self.index}"

    @property
    def label(self) -> str:
        """Translated at each use, so a page shows it in the reader's language."""
        year = self.year
        if self.frequency == ReportingFrequency.MONTHLY:
            return gettext("Tháng %(month)s/%(year)s") % {
                "month": f"{self.index:02d}",
                "year": year,
            }
        if self.frequency == ReportingFrequency.QUARTERLY:
            return gettext("Quý %(roman)s/%(year)s") % {"roman": ROMAN[self.index], "year": year}
        if self.frequency == ReportingFrequency.HALF_YEARLY:
            if self.index == 1:
                return gettext("6 tháng đầu năm %(year)s") % {"year": year}
            return gettext("6 tháng cuối năm %(year)s") % {"year": year}
        if self.frequency == ReportingFrequency.YEARLY:
            return gettext("Năm %(year)s") % {"year": year}
        return gettext("Ngày %(date)s") % {"date": self.start.strftime("%d/%m/%Y")}

    @property
    def short_label(self) -> str:
        """For chart axes: "T01", "QI", "6T đầu", "2024", "15/03"."""
        if self.frequency == ReportingFrequency.MONTHLY:
            return f"T{self.index:02d}"
        if self.frequency == ReportingFrequency.QUARTERLY:
            return f"Q{ROMAN[self.index]}"
        if self.frequency == ReportingFrequency.HALF_YEARLY:
            return gettext("6T đầu") if self.index == 1 else gettext("6T cuối")
        if self.frequency == ReportingFrequency.YEARLY:
            return str(self.year)
        return self.start.strftime("%d/%m")

    @property
    def due_on(self) -> date:
        return self.end + timedelta(days=REPORT_DUE_DAYS)

    @property
    def is_last_of_year(self) -> bool:
        return self.end.month == 12 and self.end.day == 31

    def has_ended(self, today: date) -> bool:
        return self.end < today

    def contains(self, other: "Period") -> bool:
        return self.start <= other.start and other.end <= self.end


def _period(frequency: str, year: int, index: int) -> Period:
    _code, _count, months = _SHAPES[frequency]
    first_month = (index - 1) * months + 1
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return Period(date(year, first_month, 1), date(year, last_month, last_day), frequency, index)


def periods_for(frequency: str, year: int) -> list[Period]:
    """The periods of `frequency` in `year`, in order; none for continuous updating."""
    if frequency == ReportingFrequency.CONTINUOUS:
        return []
    if frequency not in _SHAPES:
        raise ValueError(f"Unknown frequency {frequency!r}")
    count = _SHAPES[frequency][1]
    return [_period(frequency, year, index) for index in range(1, count + 1)]


def entry_period(day: date) -> Period:
    """The one-day "period" of a dated entry (continuous updating)."""
    return Period(day, day, ReportingFrequency.CONTINUOUS)


def period_from_key(key: str) -> Period:
    """The period a key names; ValueError for anything else."""
    if _DATE_KEY.match(key or ""):
        return entry_period(date.fromisoformat(key))
    match = _KEY.match(key or "")
    if not match:
        raise ValueError(f"Not a period key: {key!r}")
    year, part = int(match.group(1)), match.group(2)
    return _period(_CODES[part[0]], year, int(part[1:] or 1))


def period_containing(frequency: str, day: date) -> Period:
    """The period of `frequency` that `day` falls in (for continuous: the day itself)."""
    if frequency == ReportingFrequency.CONTINUOUS:
        return entry_period(day)
    months = _SHAPES[frequency][2]
    return _period(frequency, day.year, (day.month - 1) // months + 1)


def ended_periods(frequency: str, year: int, today: date) -> list[Period]:
    """The periods of `year` that ended before `today` (their reports can be asked for)."""
    return [p for p in periods_for(frequency, year) if p.has_ended(today)]


def add_working_days(day: date, count: int) -> date:
    """`count` working days (Monday to Friday) after `day`; `day` itself when count is 0."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day
