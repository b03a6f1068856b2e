"""The oversight table as an XLSX workbook (openpyxl; formula-looking text stays text)."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from documents.excel_styles import workbook_bytes


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _headers(period_keys) -> list[str]:
    return [
        _("STT"),
        _("Cơ quan"),
        _("Cơ quan chủ quản"),
        _("Tình trạng mục tiêu"),
        _("Ngày duyệt"),
        _("Ngày ban hành"),
        _("Ngày công bố"),
        _("Số mục tiêu"),
        *[_("Kết quả %(period)s") % {"period": key} for key in period_keys],
        _("Chỉ tiêu đạt"),
        _("Tỷ lệ đạt (%)"),
        _("Báo cáo đánh giá năm"),
        _("Đánh giá nội bộ gần nhất"),
        _("Xem xét của lãnh đạo gần nhất"),
        _("Công bố hệ thống phù hợp"),
        _("Chậm hạn"),
    ]


def _period_cell(periods, key) -> str:
    for period in periods:
        if period["key"] == key:
            done = _day(period["complete_on"])
            return f"{period['recorded']}/{period['expected']}" + (f" ({done})" if done else "")
    return ""


def table_xlsx(data: dict, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tổng hợp")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    keys = data["period_keys"]
    sheet.append(_headers(keys))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for number, row in enumerate(data["rows"], start=1):
        s = row.summary
        conformity = ""
        if s.conformity_announced_on:
            conformity = f"{s.conformity_reference} {_day(s.conformity_announced_on)}".strip()
        sheet.append(
            [
                number,
                row.agency.name,
                row.governing_body,
                s.get_objectives_status_display(),
                _day(s.approved_on),
                _day(s.issued_on),
                _day(s.published_on),
                s.objectives_count,
                *[_period_cell(row.periods, key) for key in keys],
                f"{s.targets_met}/{s.targets_count}" if s.targets_count else "",
                s.targets_met_share if s.targets_met_share is not None else "",
                _day(s.evaluation_issued_on),
                _day(s.last_internal_audit_on),
                _day(s.last_management_review_on),
                conformity,
                "; ".join(f"{late.label} ({_day(late.due_on)})" for late in row.late),
            ]
        )
    sheet.column_dimensions["B"].width = 45
    sheet.column_dimensions["C"].width = 30
    return workbook_bytes(workbook)
