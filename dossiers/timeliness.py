"""Whether an administrative dossier was settled on time, by the rules of issue 23 (those of the
national index of service to citizens and businesses, Quyết định 766/QĐ-TTg):

- A dossier belongs to a period if its processing finished in it, or if it was received by the
  period's end and not finished by then (pending). Withdrawn or cancelled dossiers count nowhere;
  dossiers of procedures without a due date count as received but not in the rate.
- Effective due = due + the time between each supplement request and the citizen's answer. More
  than one supplement request makes the dossier late whatever the dates.
- Finished **before** the deadline: on an earlier calendar day than the effective due; **on time**:
  on that day and not after it; **late**: after it. Pending at the period's end: **within** the
  deadline if the effective due is not before the period's end, **overdue** otherwise.
- Rate = (before + on time + pending within) ÷ (finished + pending). A year is one period, never
  the sum of its quarters (a dossier pending at the end of two quarters counts in both).

Pure functions over plain values (datetimes, dates, counts): no model, no database, no clock, so
that the same rules can later be written as SQL. Periods run from 00:00 of their first day to
23:59:59.999 of their last, in Asia/Ho_Chi_Minh; every time is compared as Vietnam wall-clock
time (local(): aware times converted, a naive one read as Vietnam time already).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class Standing(StrEnum):
    """Where one dossier stands in one period."""

    BEFORE = "before"  # finished on an earlier day than the effective due
    ON_TIME = "on_time"  # finished on the due day, not after the due time
    LATE = "late"  # finished after the effective due (or after a second supplement request)
    PENDING_WITHIN = "pending_within"  # open at the period's end, effective due not passed
    OVERDUE = "overdue"  # open at the period's end, effective due passed
    NO_DEADLINE = "no_deadline"  # in the period, but its procedure has no due date


FINISHED = (Standing.BEFORE, Standing.ON_TIME, Standing.LATE)
PENDING = (Standing.PENDING_WITHIN, Standing.OVERDUE)
IN_TIME = (Standing.BEFORE, Standing.ON_TIME, Standing.PENDING_WITHIN)


class Channel(StrEnum):
    IN_PERSON = "1"
    ONLINE = "2"
    POST = "3"


@dataclass(frozen=True)
class Supplement:
    """One request to complete the dossier, and the citizen's answer (None: not yet)."""

    asked: datetime
    answered: datetime | None = None


@dataclass(frozen=True)
class DossierTimes:
    """What the rules read of a dossier: its dates, whether it was withdrawn or cancelled, its
    supplement requests (`supplement_count` when the export gives more requests than dates) and
    the channel it came through."""

    received: datetime
    due: datetime | None
    finished: datetime | None = None
    supplements: Sequence[Supplement] = ()
    supplement_count: int = 0
    withdrawn: bool = False
    channel: str = ""


@dataclass(frozen=True)
class Bounds:
    """A period as date-times: `start` at 00:00 of the first day, `end` 23:59:59.999 of the last
    (compared as "before the next midnight", so no instant falls between two periods)."""

    start: datetime
    end: datetime
    next_start: datetime


def local(moment: datetime) -> datetime:
    """The moment as Vietnam wall-clock time, naive (a naive one is taken to be Vietnam time
    already). Vietnam keeps +07:00 all year (no daylight saving), so comparing naive wall times
    is exact, and several times faster than comparing aware ones (each aware comparison asks
    the zone for its offset)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(VIETNAM).replace(tzinfo=None)


def bounds(first_day: date, last_day: date) -> Bounds:
    """The period in Vietnam wall-clock time (naive, like local())."""
    start = datetime.combine(first_day, time.min)
    next_start = datetime.combine(last_day + timedelta(days=1), time.min)
    end = datetime.combine(last_day, time(23, 59, 59, 999000))
    return Bounds(start, end, next_start)


def requests_by(dossier: DossierTimes, moment: datetime) -> int:
    """How many supplement requests had been made by `moment`."""
    moment = local(moment)
    dated = sum(local(s.asked) <= moment for s in dossier.supplements)
    undated = max(dossier.supplement_count - len(dossier.supplements), 0)
    return dated + undated


def effective_due(dossier: DossierTimes, *, as_of: datetime) -> datetime | None:
    """The due date pushed back by every span the dossier spent with the citizen, as known at
    `as_of` (the finishing time, or the period's end): a request still unanswered then counts
    up to `as_of`; a request made later does not count yet."""
    if dossier.due is None:
        return None
    as_of = local(as_of)
    held = timedelta(0)
    for supplement in dossier.supplements:
        asked = local(supplement.asked)
        if asked >= as_of:
            continue
        answered = as_of if supplement.answered is None else min(local(supplement.answered), as_of)
        if answered > asked:
            held += answered - asked
    return local(dossier.due) + held


def standing(dossier: DossierTimes, period: Bounds) -> Standing | None:
    """Where the dossier stands in the period; None when it does not belong to it (withdrawn or
    cancelled, finished outside it, received after it, or finished before it began)."""
    if dossier.withdrawn:
        return None
    received = local(dossier.received)
    finished = None if dossier.finished is None else local(dossier.finished)
    finished_inside = finished is not None and period.start <= finished < period.next_start
    pending = received < period.next_start and (finished is None or finished >= period.next_start)
    if not (finished_inside or pending):
        return None
    if dossier.due is None:
        return Standing.NO_DEADLINE
    if finished_inside:
        if requests_by(dossier, finished) > 1:
            return Standing.LATE
        due = effective_due(dossier, as_of=finished)
        if finished.date() < due.date():
            return Standing.BEFORE
        return Standing.ON_TIME if finished <= due else Standing.LATE
    if requests_by(dossier, period.end) > 1:
        return Standing.OVERDUE
    due = effective_due(dossier, as_of=period.end)
    return Standing.OVERDUE if due < period.end else Standing.PENDING_WITHIN


@dataclass
class Tally:
    """A period's counts, in the shape of the standard report (Biểu 06): dossiers received in
    the period (of them online), carried over from before it, and each standing."""

    received: int = 0
    received_online: int = 0
    carried_over: int = 0
    before: int = 0
    on_time: int = 0
    late: int = 0
    pending_within: int = 0
    overdue: int = 0
    no_deadline: int = 0

    @property
    def finished(self) -> int:
        return self.before + self.on_time + self.late

    @property
    def pending(self) -> int:
        return self.pending_within + self.overdue

    @property
    def in_time(self) -> int:
        """The numerator of the on-time rate."""
        return self.before + self.on_time + self.pending_within

    @property
    def in_rate(self) -> int:
        """The denominator of the on-time rate: finished and pending, with a due date."""
        return self.finished + self.pending

    def add(self, other: "Tally") -> "Tally":
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))
        return self

    def as_dict(self) -> dict[str, int]:
        return {item.name: getattr(self, item.name) for item in fields(self)}


def count(dossier: DossierTimes, period: Bounds, tally: Tally) -> Standing | None:
    """Add one dossier to a period's tally; returns its standing."""
    if dossier.withdrawn:
        return None
    received = local(dossier.received)
    if period.start <= received < period.next_start:
        tally.received += 1
        tally.received_online += dossier.channel == Channel.ONLINE
    elif received < period.start:
        finished = dossier.finished
        tally.carried_over += finished is None or local(finished) >= period.start
    found = standing(dossier, period)
    if found is not None:
        setattr(tally, found.value, getattr(tally, found.value) + 1)
    return found


def tally(dossiers: Iterable[DossierTimes], period: Bounds) -> Tally:
    total = Tally()
    for dossier in dossiers:
        count(dossier, period, total)
    return total


HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def percent(numerator: int, denominator: int) -> Decimal | None:
    """In %, two decimals, half up (6/9 → 66.67); None without a denominator."""
    if not denominator:
        return None
    return (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(CENT, ROUND_HALF_UP)


def on_time_rate(counts: Tally) -> Decimal | None:
    return percent(counts.in_time, counts.in_rate)
