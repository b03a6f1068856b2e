"""The Biểu 06 report as XLSX (the Government Office's periodic report on settling
administrative procedures), for agencies that have only the totals: one line per processing
unit with its counts, the period read from the title ("Từ ngày 01/01/2025 đến ngày 31/03/2025",
"Quý I năm 2025", "6 tháng đầu năm 2025", "Năm 2025") or given with the upload.

The columns are the form's, in its order, after the unit's name: received (total, online, in
person or by post, carried over from the previous period), resolved (total, before the
deadline, on time, late), pending (total, within the deadline, overdue). A line is checked
(the totals must be the sums of their parts) and every bad line located; nothing is written
unless all are good. Re-importing a unit's period replaces its line."""

import re
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Department
from dossiers.importing import ImportOutcome, ImportRejected, Problem
from dossiers.mapping import fold_header
from dossiers.models import DossierPeriodTotals
from dossiers.reading import read_rows

COUNT_FIELDS = (
    "received_total",
    "received_online",
    "received_in_person",
    "received_carried_over",
    "resolved_total",
    "resolved_before",
    "resolved_on_time",
    "resolved_late",
    "pending_total",
    "pending_within",
    "pending_overdue",
)
_SUMS = (
    ("received_total", ("received_online", "received_in_person", "received_carried_over")),
    ("resolved_total", ("resolved_before", "resolved_on_time", "resolved_late")),
    ("pending_total", ("pending_within", "pending_overdue")),
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_ENDS = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
_SKIPPED_LABELS = ("tongso", "tongcong", "cong", "tong")


def _column_label(index: int) -> str:
    label = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        label = chr(65 + remainder) + label
    return label


def period_from_title(text: str) -> tuple[date, date] | None:
    """The period a title line names, or None."""
    lowered = " ".join(str(text).lower().split())
    found = re.search(
        r"từ ngày\s*(\d{1,2})/(\d{1,2})/(\d{4}).*?đến ngày\s*(\d{1,2})/(\d{1,2})/(\d{4})", lowered
    )
    if found:
        d1, m1, y1, d2, m2, y2 = (int(x) for x in found.groups())
        return date(y1, m1, d1), date(y2, m2, d2)
    found = re.search(r"quý\s*(iv|iii|ii|i|[1-4])\s*(?:năm|/)\s*(\d{4})", lowered)
    if found:
        quarter, year = _ROMAN[found.group(1)], int(found.group(2))
        month, day = _QUARTER_ENDS[quarter]
        return date(year, 3 * quarter - 2, 1), date(year, month, day)
    found = re.search(r"(6|sáu) tháng đầu năm\s*(\d{4})", lowered)
    if found:
        year = int(found.group(2))
        return date(year, 1, 1), date(year, 6, 30)
    found = re.search(r"(9|chín) tháng (?:đầu )?năm\s*(\d{4})", lowered)
    if found:
        year = int(found.group(2))
        return date(year, 1, 1), date(year, 9, 30)
    found = re.search(r"\bnăm\s*(\d{4})", lowered)
    if found:
        year = int(found.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _number(value) -> int | None:
    if value is None or str(value).strip() == "":
        return 0
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() and value >= 0 else None
    text = str(value).strip().replace(".", "").replace(",", "")
    return int(text) if text.isdigit() else None


def _is_number(value) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    return isinstance(value, int | float) or str(value).strip().isdigit()


def _unit_column(cells: list) -> int | None:
    """The column of the unit's name in a data line: the first text cell followed by at least
    eleven cells."""
    for index, cell in enumerate(cells[:4]):
        if isinstance(cell, str) and cell.strip() and _number(cell) is None:
            return index if len(cells) - index - 1 >= len(COUNT_FIELDS) else None
    return None


def _lines(stream, period):
    """(period, [(row, unit, {field: count} or problems)]) of the report's first sheet."""
    titles = []
    lines = []
    for number, cells in read_rows(stream, "xlsx"):
        texts = [str(c) for c in cells if isinstance(c, str)]
        if period is None and texts and not lines:
            period = period_from_title(" ".join(texts))
            if period is not None:
                continue
        index = _unit_column(cells)
        if index is None:
            if not lines:
                titles.append(" ".join(texts))
            continue
        unit = " ".join(str(cells[index]).split())
        folded = fold_header(unit)
        if not folded or folded in _SKIPPED_LABELS or folded.startswith("tongcong"):
            continue
        if folded.startswith("(") or folded.isdigit():
            continue
        counts = cells[index + 1 : index + 1 + len(COUNT_FIELDS)]
        if not any(_is_number(c) for c in counts):
            continue  # a header row ("Đơn vị", "Tổng số", "Trực tuyến", "(1)"…)
        lines.append((number, index, unit, counts))
    if period is None:
        for title in titles:
            period = period_from_title(title)
            if period:
                break
    return period, lines


def import_period_totals(*, agency, job, stream, period=None) -> ImportOutcome:
    """Read, check and store a Biểu 06 report (ImportRejected with the located problems when
    any line is bad or the period is unknown; nothing written)."""
    period, lines = _lines(stream, period)
    problems = []
    if period is None:
        problems.append(
            Problem(
                None,
                "",
                _(
                    "Không thấy kỳ báo cáo trong tiêu đề (“Từ ngày … đến ngày …”, “Quý I năm "
                    "2025”); hãy chọn kỳ khi tải lên."
                ),
            )
        )
    elif period[1] < period[0]:
        problems.append(Problem(None, "", _("Kỳ báo cáo kết thúc trước khi bắt đầu.")))
    departments = {
        fold_header(name): pk
        for pk, name in Department.objects.filter(agency=agency).values_list("pk", "name")
    }
    rows, seen = [], {}
    for number, index, unit, cells in lines:
        values, bad = {}, set()
        for offset, (name, cell) in enumerate(zip(COUNT_FIELDS, cells, strict=False)):
            value = _number(cell)
            if value is None:
                bad.add(name)
                problems.append(
                    Problem(
                        number,
                        _column_label(index + 1 + offset),
                        _("“%(value)s” không phải số hồ sơ") % {"value": str(cell)[:40]},
                    )
                )
            values[name] = value or 0
        for total, parts in _SUMS:
            if bad & {total, *parts}:
                continue  # a cell that is not a number is reported already
            if values[total] != sum(values[p] for p in parts):
                problems.append(
                    Problem(
                        number,
                        _column_label(index + 1 + COUNT_FIELDS.index(total)),
                        _("tổng %(total)s khác tổng các cột thành phần (%(sum)s)")
                        % {"total": values[total], "sum": sum(values[p] for p in parts)},
                    )
                )
        if unit in seen:
            problems.append(
                Problem(
                    number,
                    _column_label(index),
                    _("đơn vị trùng với dòng %(row)s") % {"row": seen[unit]},
                )
            )
        seen.setdefault(unit, number)
        rows.append((unit, values))
    if not lines and not problems:
        problems.append(Problem(None, "", _("Không thấy dòng số liệu nào của Biểu 06 trong tệp.")))
    if problems:
        raise ImportRejected(problems, rows_total=len(lines))
    outcome = ImportOutcome(rows_total=len(rows))
    with transaction.atomic():
        existing = set(
            DossierPeriodTotals.objects.filter(
                agency=agency, period_start=period[0], period_end=period[1]
            ).values_list("processing_unit", flat=True)
        )
        DossierPeriodTotals.objects.bulk_create(
            [
                DossierPeriodTotals(
                    agency=agency,
                    processing_unit=unit,
                    department_id=departments.get(fold_header(unit)),
                    period_start=period[0],
                    period_end=period[1],
                    source_import=job,
                    **values,
                )
                for unit, values in rows
            ],
            update_conflicts=True,
            unique_fields=["agency", "processing_unit", "period_start", "period_end"],
            update_fields=[*COUNT_FIELDS, "department", "source_import"],
        )
    outcome.rows_updated = sum(1 for unit, _values in rows if unit in existing)
    outcome.rows_created = len(rows) - outcome.rows_updated
    return outcome
