"""The blank XLSX template: an instructions sheet, the empty objectives sheet with drop-down
lists (comparison, unit, frequency, lead unit of this agency) and one worked example row."""

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from documents.excel_styles import (
    BOLD_FONT,
    TITLE_FONT,
    WRAP,
    workbook_bytes,
    write_header,
    write_row,
)
from objectives.excel.columns import COLUMN_HELP, COLUMNS, FIRST_DATA_ROW, SHEET_TITLE
from objectives.excel.export import new_objectives_sheet, write_set_fields

INSTRUCTIONS_SHEET_TITLE = "Hướng dẫn"


def _instructions() -> list[str]:
    return [
        _("Mỗi dòng của trang “%(sheet)s” là một mục, một mục tiêu hoặc một chỉ tiêu thêm.")
        % {"sheet": _(SHEET_TITLE)},
        _("Dòng mục: chỉ ghi cột “Mục”, ví dụ “I. Đối với cơ quan:”."),
        _(
            "Dòng mục tiêu: ghi TT và “Nội dung mục tiêu”, cùng chỉ tiêu đầu tiên "
            "(Chỉ số, So sánh, Giá trị, Đơn vị, Cách ghi)."
        ),
        _(
            "Mục tiêu có nhiều chỉ tiêu: mỗi chỉ tiêu thêm một dòng ngay dưới, để trống TT "
            "và nội dung."
        ),
        _(
            "Chỉ ghi giá trị, không dùng công thức; không gộp ô; gõ tiếng Việt bằng Unicode "
            "(không dùng bảng mã TCVN3 hay VNI)."
        ),
        _(
            "Không đổi tên các cột ở dòng tiêu đề. Tệp nhập vào tạo một dự thảo mới; tệp có "
            "lỗi thì không có gì được lưu và mọi lỗi được liệt kê kèm trang, dòng, cột."
        ),
    ]


def _write_instructions(sheet) -> None:
    sheet["A1"] = _("HƯỚNG DẪN NHẬP MỤC TIÊU CHẤT LƯỢNG TỪ EXCEL")
    sheet["A1"].font = TITLE_FONT
    row = 3
    for line in _instructions():
        sheet.cell(row=row, column=1, value=f"- {line}").alignment = WRAP
        row += 1
    row += 1
    write_header(sheet, row, [(_("Cột"), 30), (_("Cách ghi"), 90)])
    for column in COLUMNS:
        row += 1
        help_text = COLUMN_HELP.get(column.key, "")
        write_row(sheet, row, [_(column.header), str(help_text)])
        sheet.cell(row=row, column=1).font = BOLD_FONT
    sheet.column_dimensions["A"].width = 30


def _example_row() -> list:
    example = {
        "number": 1,
        "content": _("Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn và trước hạn."),
        "indicator": _("Tỷ lệ hồ sơ giải quyết đúng hạn"),
        "comparison": "≥",
        "value": 96,
        "unit": "%",
        "wording": _("ít nhất 96%"),
        "measures": _("Theo dõi hồ sơ hằng tuần trên Hệ thống thông tin giải quyết TTHC."),
        "timeframe": _("Cả năm"),
        "reporting_frequencies": _("Hằng quý"),
        "reporting_wording": _("Báo cáo quý hoặc 6 tháng/lần"),
    }
    return [example.get(column.key) for column in COLUMNS]


def blank_template_xlsx(agency) -> bytes:
    with translation.override("vi"):
        workbook = Workbook()
        instructions = workbook.active
        instructions.title = _(INSTRUCTIONS_SHEET_TITLE)
        _write_instructions(instructions)
        sheet = new_objectives_sheet(workbook, agency)
        write_set_fields(sheet)
        section = [None, _("I. Đối với cơ quan:")] + [None] * (len(COLUMNS) - 2)
        write_row(sheet, FIRST_DATA_ROW, section, bold=True)
        write_row(sheet, FIRST_DATA_ROW + 1, _example_row())
        workbook.active = 0  # open on the instructions
        return workbook_bytes(workbook)
