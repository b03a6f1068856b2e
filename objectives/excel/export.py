"""An objective set as one XLSX sheet: set fields on top, then a row per section, objective and
target under frozen Vietnamese headers (layout in columns.py). Import reads it back unchanged."""

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from agencies.models import Department
from documents.excel_styles import BOLD_FONT, WRAP, workbook_bytes, write_header, write_row
from objectives.excel.columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    COMPARISON_WORDS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    LIST_SEPARATOR,
    SET_CHOICE_FIELDS,
    SET_FIELDS,
    SET_FLAG_FIELDS,
    SET_VALUE_COLUMN,
    SHEET_TITLE,
    UNIT_SUGGESTIONS,
    YES,
    frequency_words,
)
from objectives.selectors import set_with_content

LISTS_SHEET_TITLE = "Danh mục"
VALIDATED_ROWS = 1000


def _cell_value(column, obj):
    value = getattr(obj, column.key)
    if column.kind == "flag":
        return YES if value else ""
    if column.kind == "comparison":
        return COMPARISON_WORDS.get(value, value)
    if column.kind == "unit":
        return value.name if value else ""
    if column.kind == "units":
        return LIST_SEPARATOR.join(d.name for d in value.all())
    if column.kind == "frequencies":
        words = frequency_words()
        return LIST_SEPARATOR.join(words.get(f, f) for f in value or [])
    return value if value not in (None, "") else None


def _objective_rows(number: int, objective) -> list[list]:
    """The objective's row (with its first target) and one row per further target."""
    targets = list(objective.targets.all()) or [None]
    rows = []
    for index, target in enumerate(targets):
        row = []
        for column in COLUMNS:
            if column.key == "number":
                row.append(number if index == 0 else None)
            elif column.level == "objective" and index == 0:
                row.append(_cell_value(column, objective))
            elif column.level == "target" and target is not None:
                row.append(_cell_value(column, target))
            else:
                row.append(None)
        rows.append(row)
    return rows


def table_rows(objective_set) -> list[tuple[str, list]]:
    """("section" | "objective" | "target", cells) in document order: objectives outside any
    section first, then each section with its objectives."""
    objectives = list(objective_set.objectives.all())
    groups = [(None, [o for o in objectives if o.section_id is None])]
    groups += [
        (section, [o for o in objectives if o.section_id == section.pk])
        for section in objective_set.sections.all()
    ]
    rows, number = [], 0
    for section, members in groups:
        if section is not None:
            rows.append(("section", [None, section.title] + [None] * (len(COLUMNS) - 2)))
        for objective in members:
            number += 1
            for index, cells in enumerate(_objective_rows(number, objective)):
                rows.append(("objective" if index == 0 else "target", cells))
    return rows


def _set_cell_value(objective_set, field: str):
    if objective_set is None:
        return None
    if field in SET_CHOICE_FIELDS:
        return getattr(objective_set, f"get_{field}_display")()
    if field in SET_FLAG_FIELDS:
        return YES if getattr(objective_set, field) else None
    if field == "signing_lines":
        return "\n".join(objective_set.signing_lines or []) or None
    return getattr(objective_set, field) or None


def write_set_fields(sheet, objective_set=None) -> None:
    for row, (label, field) in enumerate(SET_FIELDS, start=1):
        sheet.cell(row=row, column=1, value=_(label)).font = BOLD_FONT
        cell = sheet.cell(
            row=row, column=SET_VALUE_COLUMN, value=_set_cell_value(objective_set, field)
        )
        cell.alignment = WRAP


def new_objectives_sheet(workbook, agency):
    """The data sheet with set fields, frozen headers, widths and validation lists."""
    sheet = workbook.create_sheet(_(SHEET_TITLE))
    write_header(sheet, HEADER_ROW, [(_(c.header), c.width) for c in COLUMNS])
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=1)
    add_validations(workbook, sheet, agency)
    return sheet


def add_validations(workbook, sheet, agency) -> None:
    """Drop-down lists for comparison (strict), unit, frequency and lead unit (suggestions),
    kept on a hidden sheet so that long lists do not hit Excel's 255-character limit."""
    lists = workbook.create_sheet(_(LISTS_SHEET_TITLE))
    departments = [d.name for d in Department.objects.filter(agency=agency, is_active=True)]
    columns = {
        "comparison": list(COMPARISON_WORDS.values()),
        "unit": list(UNIT_SUGGESTIONS),
        "reporting_frequencies": list(frequency_words().values()),
        "lead_unit": departments,
    }
    for index, (key, values) in enumerate(columns.items(), start=1):
        if not values:
            continue
        letter = get_column_letter(index)
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=index, value=value)
        validation = DataValidation(
            type="list",
            formula1=f"'{lists.title}'!${letter}$1:${letter}${len(values)}",
            allow_blank=True,
            showErrorMessage=key == "comparison",
            errorTitle=_("Giá trị không có trong danh sách"),
            error=_("Hãy chọn một giá trị trong danh sách."),
        )
        column = get_column_letter(_index(key))
        validation.add(f"{column}{FIRST_DATA_ROW}:{column}{FIRST_DATA_ROW + VALIDATED_ROWS}")
        sheet.add_data_validation(validation)
    lists.sheet_state = "hidden"


def set_to_xlsx(objective_set) -> bytes:
    """The whole set, Vietnamese whatever the user's language."""
    objective_set = set_with_content(objective_set.pk)
    with translation.override("vi"):
        workbook = Workbook()
        workbook.remove(workbook.active)
        sheet = new_objectives_sheet(workbook, objective_set.agency)
        write_set_fields(sheet, objective_set)
        for offset, (kind, cells) in enumerate(table_rows(objective_set)):
            row = FIRST_DATA_ROW + offset
            write_row(sheet, row, cells, bold=kind == "section")
            sheet.cell(row=row, column=_index("deadline")).number_format = "DD/MM/YYYY"
        workbook.active = 0
        return workbook_bytes(workbook)


def _index(key: str) -> int:
    return COLUMNS.index(COLUMN_BY_KEY[key]) + 1
