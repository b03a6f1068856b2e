"""The evaluation report as XLSX (openpyxl): a sheet with a row per target (the objective's
columns repeated so the sheet filters and sorts), and a sheet with the summary and the
management review. Values are numbers where they are numbers; text that starts with "=" stays
text, never a formula. Always in Vietnamese, like the PDF."""

from datetime import date

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from corrective.models import Status as CorrectiveStatus
from documents.excel_styles import TITLE_FONT, workbook_bytes, write_header, write_row
from documents.nd30 import lines
from evaluation.pdf import result_lines, summary_sentence
from evaluation.selectors import SUMMARY_ORDER, report_evaluation
from monitoring.scoring import Outcome


def _columns():
    return [
        (_("TT"), 5),
        (_("Mục"), 18),
        (_("Mục tiêu"), 45),
        (_("Đơn vị báo cáo"), 20),
        (_("Chỉ số"), 24),
        (_("Chỉ tiêu"), 14),
        (_("Kết quả năm"), 12),
        (_("Đơn vị tính"), 10),
        (_("Tử số"), 10),
        (_("Mẫu số"), 10),
        (_("Kết quả (ghi trên báo cáo)"), 24),
        (_("Đánh giá chỉ tiêu"), 14),
        (_("Đánh giá mục tiêu"), 14),
        (_("Nhận xét của đơn vị"), 45),
    ]


def _as_text(sheet, row: int) -> None:
    """A cell that would read as a formula is written as text (no formula injection)."""
    for cell in sheet[row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def _write(sheet, row: int, values, *, bold: bool = False) -> None:
    write_row(sheet, row, values, bold=bold)
    _as_text(sheet, row)


def _target_values(objective, target) -> list:
    return [
        objective.number,
        objective.section,
        objective.content,
        objective.unit_name,
        target.indicator if target else "",
        target.text if target else "",
        target.value if target else None,
        target.unit if target else "",
        target.numerator if target else None,
        target.denominator if target else None,
        "; ".join(result_lines(target)) if target else "",
        target.outcome_label if target else "",
        objective.outcome_label,
        objective.comment,
    ]


def _results_sheet(sheet, report, evaluation) -> None:
    sheet.title = _("Kết quả")
    sheet.cell(row=1, column=1, value=report.agency.name).font = TITLE_FONT
    sheet.cell(row=2, column=1, value=report.display_title).font = TITLE_FONT
    owner = report.owner_name
    as_of = _("Đơn vị: %(owner)s. Số liệu tính đến ngày %(date)s.") % {
        "owner": owner,
        "date": evaluation.as_of.strftime("%d/%m/%Y"),
    }
    sheet.cell(row=3, column=1, value=as_of)
    for row in (1, 2, 3):
        _as_text(sheet, row)
    write_header(sheet, 5, _columns())
    row = 6
    for objective in evaluation.objectives:
        for target in objective.targets or [None]:
            _write(sheet, row, _target_values(objective, target))
            row += 1
    sheet.freeze_panes = "D6"
    sheet.auto_filter.ref = f"A5:N{max(row - 1, 5)}"


def _summary_sheet(sheet, report, evaluation) -> None:
    owner = report.owner_name
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 90
    sheet.cell(row=1, column=1, value=_("Đánh giá chung")).font = TITLE_FONT
    _write(sheet, 2, [_("Tổng số mục tiêu"), evaluation.total])
    row = 3
    for outcome in SUMMARY_ORDER:
        _write(sheet, row, [str(Outcome(outcome).label), evaluation.counts[outcome]])
        row += 1
    paragraphs = [
        (_("Tóm tắt"), summary_sentence(evaluation, owner)),
        (_("Nhận xét chung"), report.summary),
        (_("Kết luận của xem xét của lãnh đạo"), report.review_conclusions),
        (_("Hành động tiếp theo"), "\n".join(f"- {a}" for a in lines(report.review_actions))),
    ]
    for label, text in paragraphs:
        _write(sheet, row, [label, text])
        row += 1


def _corrective_sheet(sheet, evaluation) -> None:
    """The year's corrective actions, one per row, as frozen with the figures."""
    sheet.cell(row=1, column=1, value=_("Hành động khắc phục")).font = TITLE_FONT
    columns = [
        (_("TT"), 5),
        (_("Điều không đạt"), 40),
        (_("Nguyên nhân"), 35),
        (_("Hành động khắc phục"), 40),
        (_("Thực hiện"), 24),
        (_("Thời hạn"), 12),
        (_("Tình trạng"), 22),
        (_("Quá hạn"), 9),
        (_("Kết quả"), 35),
    ]
    write_header(sheet, 3, columns)
    for number, item in enumerate(evaluation.corrective_actions, start=1):
        values = [
            number,
            item["nonconformity"],
            item["cause"],
            item["action"],
            item["owner"],
            date.fromisoformat(item["due_date"]).strftime("%d/%m/%Y"),
            str(CorrectiveStatus(item["status"]).label),
            _("Có") if item.get("overdue") else "",
            item.get("outcome", ""),
        ]
        _write(sheet, 3 + number, values)


def report_xlsx(report, *, today=None) -> bytes:
    """The workbook of a report, with the figures it shows (live while a draft, frozen after)."""
    with translation.override("vi"):
        evaluation = report_evaluation(report, today=today or timezone.localdate())
        workbook = Workbook()
        _results_sheet(workbook.active, report, evaluation)
        _summary_sheet(workbook.create_sheet(_("Tổng hợp")), report, evaluation)
        _corrective_sheet(workbook.create_sheet(_("Khắc phục")), evaluation)
        return workbook_bytes(workbook)
