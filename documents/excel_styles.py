"""The look every workbook the app writes shares: a bold wrapped header on grey, thin borders,
wrapped text, Times New Roman like the printed documents."""

from io import BytesIO

from django.utils.functional import Promise
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

FONT_NAME = "Times New Roman"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FONT = Font(name=FONT_NAME, bold=True, size=11)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=13)
BODY_FONT = Font(name=FONT_NAME, size=11)
BOLD_FONT = Font(name=FONT_NAME, size=11, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def write_header(sheet, row: int, columns) -> None:
    """Column titles in `row`; `columns` yields (title, width) pairs."""
    for index, (title, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=index, value=str(title))
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BORDER, CENTER
        sheet.column_dimensions[get_column_letter(index)].width = width


def write_row(sheet, row: int, values, *, bold: bool = False) -> None:
    for index, value in enumerate(values, start=1):
        if isinstance(value, Promise):  # a lazy translation (a choice's label)
            value = str(value)
        cell = sheet.cell(row=row, column=index, value=value)
        cell.font, cell.border, cell.alignment = (BOLD_FONT if bold else BODY_FONT), BORDER, WRAP


def text_stays_text(workbook) -> None:
    """No cell of a workbook the app writes is a formula: openpyxl makes one of any string that
    starts with "=", so a user's "=HYPERLINK(…)" would run in Excel. It is written as text, the
    same characters (an import reads them back unchanged). The CSV exports prefix an apostrophe
    instead (objectives/reading_exports.py): a CSV cell has no type."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def workbook_bytes(workbook) -> bytes:
    text_stays_text(workbook)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
