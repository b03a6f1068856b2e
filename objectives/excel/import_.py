"""Import an XLSX (the blank template, or last year's export) into a new Draft set.

Everything is checked before anything is written: the file itself (empty, too large, not an
XLSX), then every cell (parse.py). Any problem rejects the whole file with the full list
(ImportRejected). A good file becomes a Draft in one transaction, started through
objectives.services.starting so the usual rules hold (who may start, one open set per agency,
department and year).
"""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from agencies.models import owner_name
from documents.steps import actor_or_none, event_record
from objectives.excel.columns import SET_CHOICE_FIELDS, SHEET_TITLE
from objectives.excel.parse import HEADER_SEARCH_ROWS, MAX_ROWS, ParsedSet, SheetParser
from objectives.excel.problems import ImportRejected, Problem
from objectives.models import Objective, Section, Target
from objectives.services.starting import open_set_exists, require_may_start, set_start_blank
from qms_objectives.spreadsheets import rows_over
from qms_objectives.uploads import check_size, zip_names

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a zip bomb stops here, before openpyxl unpacks it
# Rows a sheet may have: the header's search area and the data rows. Counted by streaming
# before the workbook is loaded whole (qms_objectives.spreadsheets).
MAX_SHEET_ROWS = HEADER_SEARCH_ROWS + MAX_ROWS


def not_xlsx_message() -> str:
    return _(
        "Tệp không phải là tệp Excel .xlsx (có thể là .xls cũ, .csv hoặc tệp khác). "
        "Hãy mở bằng Excel và lưu lại dạng “Excel Workbook (.xlsx)”."
    )


def is_xlsx_container(names: list[str] | None) -> bool:
    return names is not None and "xl/workbook.xml" in names


def _not_xlsx() -> ImportRejected:
    return ImportRejected([Problem(not_xlsx_message())])


def too_many_rows(data: bytes) -> str | None:
    """Why the workbook is too long to import, or None. Every sheet counts, since loading the
    workbook reads them all; each is read by streaming up to MAX_SHEET_ROWS + 1 rows. A file
    that cannot be read at all is left to the caller's own check."""
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 — not readable: reported as "not XLSX" where it is loaded
        return None
    try:
        for sheet in workbook.worksheets:
            if rows_over(sheet, MAX_SHEET_ROWS):
                return _(
                    "Trang “%(sheet)s” có hơn %(limit)s dòng; mỗi lần chỉ nhập được tối đa "
                    "%(rows)s dòng mục tiêu. Hãy xóa các dòng thừa (kể cả dòng trống đã định "
                    "dạng ở cuối trang) rồi thử lại."
                ) % {"sheet": sheet.title, "limit": MAX_SHEET_ROWS, "rows": MAX_ROWS}
    except Exception:  # noqa: BLE001 — damaged XML: the same
        return None
    finally:
        workbook.close()
    return None


def workbook_open(data: bytes):
    """The workbook, or ImportRejected when the bytes are not a usable XLSX."""
    if not data:
        raise ImportRejected([Problem(_("Tệp trống."))])
    try:
        check_size(data, MAX_UPLOAD_BYTES)
        names = zip_names(data, max_unpacked=MAX_UNPACKED_BYTES)
    except ValidationError as refusal:
        raise ImportRejected([Problem(message) for message in refusal.messages]) from None
    if not is_xlsx_container(names):
        raise _not_xlsx()
    too_long = too_many_rows(data)
    if too_long:
        raise ImportRejected([Problem(too_long)])
    try:
        return load_workbook(BytesIO(data), data_only=False, keep_links=False)
    except Exception:  # noqa: BLE001 — any failure to read an uploaded file means "not XLSX"
        raise _not_xlsx() from None


def _objectives_sheet(workbook):
    if SHEET_TITLE in workbook.sheetnames:
        return workbook[SHEET_TITLE]
    visible = [s for s in workbook.worksheets if s.sheet_state == "visible"]
    return visible[0] if len(visible) == 1 else None


def parse_workbook(data: bytes, *, agency) -> ParsedSet:
    """Every problem of the file at once (ImportRejected), or its content."""
    workbook = workbook_open(data)
    sheet = _objectives_sheet(workbook)
    if sheet is None:
        raise ImportRejected(
            [
                Problem(
                    _("Không tìm thấy trang “%(sheet)s” chứa danh sách mục tiêu.")
                    % {"sheet": SHEET_TITLE}
                )
            ]
        )
    parser = SheetParser(sheet, agency)
    parser.check_cells()
    parsed = parser.parse()
    if parser.problems:
        raise ImportRejected(
            sorted(parser.problems, key=lambda p: (p.row or 0, len(p.column), p.column))
        )
    return parsed


def _open_set_problem(agency, department, year) -> Problem | None:
    if open_set_exists(agency, department, year):
        owner = owner_name(agency, department)
        return Problem(
            _(
                "%(owner)s đã có bộ mục tiêu năm %(year)s đang soạn thảo hoặc chờ duyệt; "
                "không tạo thêm bộ thứ hai."
            )
            % {"owner": owner, "year": year}
        )
    return None


def set_import_xlsx(*, agency, department=None, year: int, actor, data: bytes, filename=""):
    """A new Draft from the file, or ImportRejected listing every problem (nothing saved).
    WorkflowError (code "forbidden") when the actor may not start this set: checked before
    the file is read, so someone without the right learns nothing about it."""
    require_may_start(actor, agency, department)
    problems = []
    open_set = _open_set_problem(agency, department, year)
    if open_set is not None:
        problems.append(open_set)
    try:
        parsed = parse_workbook(data, agency=agency)
    except ImportRejected as rejected:
        problems.extend(rejected.problems)
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        objective_set = set_start_blank(
            agency=agency, department=department, year=year, actor=actor
        )
        _content_create(objective_set, parsed, actor)
        event_record(
            document=objective_set,
            actor=actor,
            action="import",
            from_status=objective_set.status,
            comment=_("Nhập từ tệp Excel “%(name)s”.") % {"name": filename},
        )
    return objective_set


def _save(instance, actor) -> None:
    instance._history_user = actor_or_none(actor)
    instance.save()


def _content_create(objective_set, parsed: ParsedSet, actor) -> None:
    """Set fields, sections, objectives (numbered 1…n in reading order) and their targets."""
    # Every set field the file has is taken as it is, empty included (the file is the document);
    # an empty form or orientation keeps the default.
    fields = {
        name: value
        for name, value in parsed.fields.items()
        if name != "year" and (value or name not in SET_CHOICE_FIELDS)
    }
    source_year = parsed.fields.get("year")
    if source_year and source_year != objective_set.year and fields.get("title"):
        old, new = f"năm {source_year}", f"năm {objective_set.year}"
        fields["title"] = fields["title"].replace(old, new).replace(old.upper(), new.upper())
    if fields:
        for name, value in fields.items():
            setattr(objective_set, name, value)
        objective_set._history_user = actor_or_none(actor)
        objective_set.save(update_fields=[*fields, "updated_at"])
    sections = []
    for order, title in enumerate(parsed.sections, start=1):
        section = Section(objective_set=objective_set, title=title, order=order)
        _save(section, actor)
        sections.append(section)
    for order, item in enumerate(parsed.objectives, start=1):
        objective = Objective(
            objective_set=objective_set,
            section=sections[item.section] if item.section is not None else None,
            order=order,
            lead_unit=item.lead_unit,
            **item.fields,
        )
        _save(objective, actor)
        if item.supporting_units:
            objective.supporting_units.set(item.supporting_units)
        for t_order, values in enumerate(item.targets, start=1):
            target = {k: v for k, v in values.items() if v is not None}
            _save(Target(objective=objective, order=t_order, **target), actor)
