"""The "who has read" list as a spreadsheet (XLSX) or CSV, and download file names."""

import csv
import io
from urllib.parse import quote

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from documents.excel_styles import workbook_bytes
from qms_objectives.text import fold_for_search

# A CSV cell starting with one of these is a formula to Excel: prefix an apostrophe (CSV
# injection). XLSX cells are typed: workbook_bytes writes such text as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def attachment_header(filename: str) -> str:
    """Content-Disposition for a Vietnamese file name: an ASCII fallback plus the UTF-8 name
    (RFC 6266 / RFC 5987), so "Mục tiêu … 124/QĐ-VP.pdf" survives every browser."""
    filename = filename.replace("/", "-").replace("\\", "-").replace('"', "")
    stem, dot, extension = filename.rpartition(".")
    fallback = "".join(ch if ch.isalnum() else "-" for ch in fold_for_search(stem or filename))
    fallback = "-".join(part for part in fallback.split("-") if part) or "tep"
    if dot:
        fallback = f"{fallback}.{fold_for_search(extension)}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def _headers() -> list[str]:
    return [
        _("STT"),
        _("Họ tên"),
        _("Email"),
        _("Phòng, đơn vị"),
        _("Chức vụ"),
        _("Đã đọc"),
        _("Thời điểm xác nhận"),
    ]


def _rows(rows) -> list[list[str]]:
    table = []
    for number, row in enumerate(rows, start=1):
        membership = row.membership
        at = row.acknowledgement.at if row.acknowledgement else None
        table.append(
            [
                str(number),
                membership.display_name,
                membership.user.email,
                membership.department.name if membership.department_id else "",
                membership.job_title,
                _("Đã đọc") if at else _("Chưa đọc"),
                timezone.localtime(at).strftime("%d/%m/%Y %H:%M") if at else "",
            ]
        )
    return table


def _safe(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def readers_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_headers())
    for line in _rows(rows):
        writer.writerow([_safe(value) for value in line])
    # UTF-8 with BOM: Excel on Vietnamese Windows then shows the diacritics correctly.
    return buffer.getvalue().encode("utf-8-sig")


def readers_xlsx(rows, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Đã đọc")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(_headers())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for line in _rows(rows):
        line[0] = int(line[0])
        sheet.append(line)
    for column, width in zip("ABCDEFG", (6, 28, 30, 30, 20, 10, 20), strict=True):
        sheet.column_dimensions[column].width = width
    return workbook_bytes(workbook)  # formula-looking text (the title too) stays text
