"""Cell values of an export read as what the rules need: date-times in the formats provincial
systems write (dd/mm/yyyy HH:MM[:SS], yyyy-mm-dd HH:MM:SS, ISO 8601 with or without an offset,
Excel serial numbers, real spreadsheet dates), the channel and the status by code or by name.

Each reader returns the value or raises ValueError with the reason a person can act on. A time
without an offset is Vietnam's (UTC+7, no daylight saving). A date without a time is the start
of that day, except the due date: due "10/01/2025" is due by the end of that day."""

from datetime import date, datetime, time, timedelta, timezone

from django.utils.translation import gettext as _

from dossiers.mapping import fold_header
from dossiers.models import Channel, DossierStatus

VIETNAM = timezone(timedelta(hours=7), "ICT")
_EXCEL_EPOCH = datetime(1899, 12, 30, tzinfo=VIETNAM)
_END_OF_DAY = time(23, 59, 59)
# Excel serial numbers of 01/01/1990 and 31/12/2100: outside is not a dossier's date.
_SERIAL_MIN, _SERIAL_MAX = 32874, 73415


def date_format_hint() -> str:
    return _("dd/mm/yyyy HH:MM, yyyy-mm-dd HH:MM:SS hoặc ngày của Excel")


def _from_parts(year, month, day, hour=0, minute=0, second=0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=VIETNAM)


def _day_first(text: str) -> datetime:
    """dd/mm/yyyy[ HH:MM[:SS]] (also with "-" or "." between the date's parts, one-digit day
    or month, and "HH:MM dd/mm/yyyy" as some systems print)."""
    date_part, _space, time_part = text.partition(" ")
    if ":" in date_part:  # "08:30 02/01/2025"
        date_part, time_part = time_part.strip(), date_part
    for separator in "/-.":
        if separator in date_part:
            pieces = date_part.split(separator)
            break
    else:
        raise ValueError
    day, month, year = (int(piece) for piece in pieces)
    if year < 100:
        year += 2000
    hour = minute = second = 0
    time_part = time_part.strip()
    if time_part:
        clock = time_part.split(":")
        if not 2 <= len(clock) <= 3:
            raise ValueError
        hour, minute = int(clock[0]), int(clock[1])
        if len(clock) == 3:
            second = int(float(clock[2]))
    return _from_parts(year, month, day, hour, minute, second)


def _from_serial(number: float) -> datetime:
    if not _SERIAL_MIN <= number <= _SERIAL_MAX:
        raise ValueError
    # Rounded to the second: 0.5 day stored as 0.49999999 must read 12:00:00.
    return _EXCEL_EPOCH + timedelta(seconds=round(number * 86400))


def _day_first_fast(text: str) -> datetime | None:
    """ "dd/mm/yyyy HH:MM" and "dd/mm/yyyy HH:MM:SS", the common case, without splitting."""
    size = len(text)
    if (size == 16 or size == 19) and text[2] == "/" and text[5] == "/" and text[10] == " ":
        return datetime(
            int(text[6:10]),
            int(text[3:5]),
            int(text[0:2]),
            int(text[11:13]),
            int(text[14:16]),
            int(text[17:19]) if size == 19 else 0,
            tzinfo=VIETNAM,
        )
    return None


def read_datetime(value, *, end_of_day: bool = False) -> datetime | None:
    """The aware date-time of a cell, None when empty; ValueError when it is not a date."""
    if value is None:
        return None
    if type(value) is str:
        try:
            fast = _day_first_fast(value)
        except ValueError:
            fast = None
        if fast is not None:
            return fast
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=VIETNAM)
    if isinstance(value, date):
        return datetime.combine(value, _END_OF_DAY if end_of_day else time(), tzinfo=VIETNAM)
    if isinstance(value, int | float) and not isinstance(value, bool):
        moment = _from_serial(float(value))
        return _end_of_day(moment) if end_of_day and moment.time() == time() else moment
    text = str(value).strip()
    if not text:
        return None
    has_time = ":" in text
    try:
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=VIETNAM)
        elif text[0].isdigit() and ("/" in text or "-" in text or text.count(".") >= 2):
            moment = _day_first(text)
        else:
            moment = _from_serial(float(text.replace(",", ".")))
            has_time = moment.time() != time()
    except (ValueError, TypeError, IndexError, OverflowError):
        raise ValueError(
            _("“%(value)s” không phải ngày giờ (%(formats)s)")
            % {"value": text[:40], "formats": date_format_hint()}
        ) from None
    if end_of_day and not has_time:
        return _end_of_day(moment)
    return moment


def _end_of_day(moment: datetime) -> datetime:
    return moment.replace(hour=23, minute=59, second=59)


_CHANNEL_WORDS = {
    "tructiep": Channel.IN_PERSON,
    "taiquay": Channel.IN_PERSON,
    "motcua": Channel.IN_PERSON,
    "tructuyen": Channel.ONLINE,
    "dichvucongtructuyen": Channel.ONLINE,
    "dvctt": Channel.ONLINE,
    "online": Channel.ONLINE,
    "mang": Channel.ONLINE,
    "buuchinh": Channel.POST,
    "buudien": Channel.POST,
    "dichvubuuchinh": Channel.POST,
    "dichvubuuchinhcongich": Channel.POST,
    "bcci": Channel.POST,
    "buuchinhcongich": Channel.POST,
}
_STATUS_WORDS = {fold_header(status.label): status.value for status in DossierStatus}
# Plain sets: IntegerChoices.values builds a new list on every call (100,000 rows, twice each).
_CHANNELS = frozenset(int(value) for value in Channel.values)
_STATUSES = frozenset(int(value) for value in DossierStatus.values)


def _code(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else None
    text = str(value).strip()
    return int(text) if text.isdigit() else None


def read_channel(value) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    number = _code(value)
    if number in _CHANNELS:
        return number
    folded = fold_header(value)
    for word, channel in _CHANNEL_WORDS.items():
        if word in folded:
            return int(channel)
    raise ValueError(
        _("“%(value)s” không phải hình thức nộp (1 trực tiếp, 2 trực tuyến, 3 bưu chính)")
        % {"value": str(value)[:40]}
    )


def read_status(value) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    number = _code(value)
    if number in _STATUSES:
        return number
    found = _STATUS_WORDS.get(fold_header(value))
    if found is not None:
        return found
    raise ValueError(
        _("“%(value)s” không phải trạng thái hồ sơ (mã 1–10)") % {"value": str(value)[:40]}
    )


def read_count(value) -> int:
    if value is None or str(value).strip() == "":
        return 0
    number = _code(value)
    if number is None or not 0 <= number <= 100:
        raise ValueError(_("“%(value)s” không phải số lần (0–100)") % {"value": str(value)[:40]})
    return number


def read_code(value, *, limit: int = 64) -> str:
    """A code as text: "12345.0" from a spreadsheet number becomes "12345"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if len(text) > limit:
        raise ValueError(_("dài quá %(limit)s ký tự") % {"limit": limit})
    return text
