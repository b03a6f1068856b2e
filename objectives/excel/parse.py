"""Reading the objectives sheet (layout in columns.py) into plain data, collecting every problem
instead of stopping at the first. Nothing here touches the database except to look up the
agency's departments."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import Department
from objectives.excel.cells import UNKNOWN, CellReader, cell_text, norm_word
from objectives.excel.columns import (
    COLUMNS,
    HEADER_ROW,
    SET_CHOICE_FIELDS,
    SET_FIELDS,
    SET_FLAG_FIELDS,
    SET_VALUE_COLUMN,
)
from objectives.excel.problems import Problem
from objectives.models import Comparison, Objective, ObjectiveSet, Section, Target
from qms_objectives.text import looks_like_legacy_encoding

MAX_ROWS = 2000
HEADER_SEARCH_ROWS = 30


@dataclass
class ParsedObjective:
    row: int
    section: int | None
    fields: dict
    lead_unit: Department | None = None
    supporting_units: list = field(default_factory=list)
    targets: list = field(default_factory=list)


@dataclass
class ParsedSet:
    fields: dict = field(default_factory=dict)
    sections: list = field(default_factory=list)
    objectives: list = field(default_factory=list)


class SheetParser(CellReader):
    """One pass over the sheet. `problems` collects everything wrong, in reading order."""

    def __init__(self, sheet, agency):
        self.sheet = sheet
        self.agency = agency
        self.problems: list[Problem] = []
        self.columns: dict[int, object] = {}  # column index -> Column
        self.departments = list(Department.objects.filter(agency=agency, is_active=True))
        self._init_words()

    # --- reporting --------------------------------------------------------------------------

    def report(self, message: str, row: int | None = None, column: int | None = None) -> None:
        letter = self.sheet.cell(row=1, column=column).column_letter if column else ""
        self.problems.append(Problem(str(message), self.sheet.title, row, letter))

    def report_once(self, message: str, row: int, column: int | None) -> None:
        """For the model's own checks: a cell already reported (say, a value that is not a
        number, hence missing) is not reported twice."""
        letter = self.sheet.cell(row=1, column=column).column_letter if column else ""
        if not any(p.row == row and p.column == letter for p in self.problems):
            self.report(message, row, column)

    def _column_of(self, key: str) -> int | None:
        return next((index for index, c in self.columns.items() if c.key == key), None)

    # --- whole-sheet checks -----------------------------------------------------------------

    def check_cells(self) -> None:
        """Formulas, merged cells and legacy-encoded text, wherever they are on the sheet."""
        for merged in sorted(self.sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            self.report(
                _("Ô gộp %(range)s: hãy bỏ gộp ô (Merge & Center) rồi ghi mỗi giá trị vào một ô.")
                % {"range": merged.coord},
                merged.min_row,
                merged.min_col,
            )
        for row in self.sheet.iter_rows(max_row=min(self.sheet.max_row, MAX_ROWS + HEADER_ROW)):
            for cell in row:
                self._check_cell(cell)

    def _check_cell(self, cell) -> None:
        if cell.data_type == "f":
            self.report(
                _("Ô có công thức; hãy thay bằng giá trị (Sao chép → Dán đặc biệt → Giá trị)."),
                cell.row,
                cell.column,
            )
        elif isinstance(cell.value, str):
            encoding = looks_like_legacy_encoding(cell.value)
            if encoding:
                self.report(
                    _(
                        "Chữ gõ bằng bảng mã cũ %(encoding)s, không phải Unicode; hãy chuyển mã "
                        "sang Unicode (ví dụ bằng Unikey) rồi nhập lại."
                    )
                    % {"encoding": encoding},
                    cell.row,
                    cell.column,
                )

    # --- header and set fields --------------------------------------------------------------

    def find_header(self) -> int | None:
        by_header = {norm_word(_(c.header)): c for c in COLUMNS}
        by_header.update({norm_word(c.header): c for c in COLUMNS})
        for row in self.sheet.iter_rows(max_row=min(self.sheet.max_row, HEADER_SEARCH_ROWS)):
            found = {
                cell.column: by_header[norm_word(cell.value)]
                for cell in row
                if cell.value is not None and norm_word(cell.value) in by_header
            }
            keys = {c.key for c in found.values()}
            if "content" in keys and "number" in keys:
                self.columns = found
                return row[0].row
        return None

    def set_fields(self, header_row: int) -> dict:
        labels = {norm_word(_(label)): name for label, name in SET_FIELDS}
        labels.update({norm_word(label): name for label, name in SET_FIELDS})
        fields = {}
        for row in range(1, header_row):
            name = labels.get(norm_word(self.sheet.cell(row=row, column=1).value or ""))
            cell = self.sheet.cell(row=row, column=SET_VALUE_COLUMN)
            value = cell.value
            if name == "year":
                # Information only (see columns.SET_FIELDS): a year that is not one is ignored.
                fields[name] = int(value) if isinstance(value, int | float) else None
            elif name in SET_CHOICE_FIELDS:
                fields[name] = self._set_choice(name, cell)
            elif name in SET_FLAG_FIELDS:
                fields[name] = self._read_flag(cell)
            elif name == "signing_lines":
                fields[name] = [
                    line.strip() for line in cell_text(value).splitlines() if line.strip()
                ]
            elif name and not cell_text(value) and not ObjectiveSet._meta.get_field(name).blank:
                continue  # left empty: the field's default (the ISO standard's name)
            elif name:
                fields[name] = cell_text(value)
                self._validate(ObjectiveSet, name, fields[name], row, SET_VALUE_COLUMN)
        return fields

    def _set_choice(self, name: str, cell) -> str:
        """A choice written as its Vietnamese label ("Bảng"), its label in the page's language
        or its code ("table"); empty keeps the default."""
        text = cell_text(cell.value)
        if not text:
            return ""
        choices = ObjectiveSet._meta.get_field(name).choices
        words = {norm_word(code): code for code, _label in choices}
        words.update({norm_word(label): code for code, label in choices})
        with translation.override("vi"):
            words.update({norm_word(str(label)): code for code, label in choices})
        if norm_word(text) in words:
            return words[norm_word(text)]
        allowed = "; ".join(str(label) for _code, label in choices)
        self.report_once(
            _("“%(value)s” không phải là một lựa chọn; hãy ghi một trong: %(allowed)s.")
            % {"value": text, "allowed": allowed},
            cell.row,
            cell.column,
        )
        return ""

    def _validate(self, model, name: str, value, row: int, column: int | None) -> None:
        """The model field's own checks (length, choices…); legacy text is reported already."""
        try:
            model._meta.get_field(name).clean(value, None)
        except ValidationError as error:
            for item in error.error_list:
                if item.code != "legacy_encoding":
                    self.report_once(" ".join(item.messages), row, column)

    # --- rows -------------------------------------------------------------------------------

    def parse(self) -> ParsedSet | None:
        header_row = self.find_header()
        if header_row is None:
            self.report(
                _(
                    "Không tìm thấy dòng tiêu đề cột (có “TT” và “Nội dung mục tiêu”) trong "
                    "%(rows)s dòng đầu. Hãy dùng tệp mẫu hoặc tệp xuất từ hệ thống."
                )
                % {"rows": HEADER_SEARCH_ROWS}
            )
            return None
        parsed = ParsedSet(fields=self.set_fields(header_row))
        last_row = self.sheet.max_row
        if last_row - header_row > MAX_ROWS:
            self.report(
                _("Trang có quá nhiều dòng; tối đa %(limit)s dòng dữ liệu.") % {"limit": MAX_ROWS}
            )
            last_row = header_row + MAX_ROWS
        for row in range(header_row + 1, last_row + 1):
            self._row(parsed, row)
        if not parsed.objectives:
            self.report(_("Trang không có mục tiêu nào."))
        return parsed

    def _cells(self, row: int) -> dict:
        return {
            column.key: self.sheet.cell(row=row, column=index)
            for index, column in self.columns.items()
        }

    def _row(self, parsed: ParsedSet, row: int) -> None:
        cells = self._cells(row)
        filled = {key for key, cell in cells.items() if cell_text(cell.value)}
        if not filled:
            return
        levels = {self.columns[cells[key].column].level for key in filled}
        if "section" in filled:
            if filled - {"section", "number"}:
                self.report(
                    _("Dòng mục chỉ ghi tiêu đề ở cột “Mục”; các ô khác của dòng để trống."),
                    row,
                    self._column_of("section"),
                )
            parsed.sections.append(cell_text(cells["section"].value))
            self._validate(Section, "title", parsed.sections[-1], row, self._column_of("section"))
            return
        if "content" in filled:
            objective = self._objective(cells, row, len(parsed.sections) - 1)
            parsed.objectives.append(objective)
            if "target" in levels:
                objective.targets.append(self._target(cells, row))
            return
        if "objective" in levels or "number" in filled or not parsed.objectives:
            self.report(_("Thiếu nội dung mục tiêu."), row, self._column_of("content"))
            return
        parsed.objectives[-1].targets.append(self._target(cells, row))

    # --- objectives -------------------------------------------------------------------------

    def _objective(self, cells: dict, row: int, section: int) -> ParsedObjective:
        fields = {}
        objective = ParsedObjective(row=row, section=section if section >= 0 else None, fields={})
        for key, cell in cells.items():
            column = self.columns[cell.column]
            if column.level != "objective":
                continue
            value = self._convert(column, cell)
            if column.kind == "unit":
                objective.lead_unit = value
            elif column.kind == "units":
                objective.supporting_units = value or []
            else:
                fields[key] = value
                self._validate(Objective, key, value, row, cell.column)
        objective.fields = fields
        return objective

    # --- targets ----------------------------------------------------------------------------

    def _target(self, cells: dict, row: int) -> dict:
        values = {}
        for key, cell in cells.items():
            column = self.columns[cell.column]
            if column.level == "target":
                values[key] = self._convert(column, cell)
        values.setdefault("comparison", None)
        values.setdefault("value", None)
        comparison = values["comparison"]
        if comparison == UNKNOWN:
            values["comparison"] = Comparison.AT_LEAST  # reported; check the rest as if ≥
        elif comparison is None:
            comparison = Comparison.NOT_SCORED if values["value"] is None else None
            if comparison is None:
                self.report(
                    _("Chọn phép so sánh: %(words)s.") % {"words": self._comparison_list()},
                    row,
                    self._column_of("comparison"),
                )
                comparison = Comparison.AT_LEAST
            values["comparison"] = comparison
        self._check_target(values, row)
        return values

    def _check_target(self, values: dict, row: int) -> None:
        target = Target(**{k: v for k, v in values.items() if v is not None})
        try:
            target.full_clean(exclude=["objective"])
        except ValidationError as error:
            for name, items in error.error_dict.items():
                for item in items:
                    if item.code != "legacy_encoding":
                        self.report_once(" ".join(item.messages), row, self._column_of(name))
