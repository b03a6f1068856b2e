"""An oversight body's administrators create many agencies at once from an XLSX (or CSV) list.

The template they download has one header row and an example row; headers are read with or
without Vietnamese accents and in any order (agencies/imports.py reads the file and matches
the headers, as for the people import). Every row is checked first and every problem is
reported with its row, column and reason; then all the agencies are created in one transaction
(agencies/onboarding.py: agencies_create), or none.
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from agencies.imports import ImportRejected, RowError, file_error, match_columns, read_table
from agencies.models import Agency, OversightBody
from agencies.onboarding import AgencyDetails, agencies_create
from qms_objectives.errors import WorkflowError
from qms_objectives.text import fold_for_search, looks_like_legacy_encoding

MAX_AGENCIES = 500  # rows in one file: a province has some hundreds of agencies

COLUMN_LABELS = {
    "governing_body": gettext_lazy("Cơ quan chủ quản"),
    "name": gettext_lazy("Tên cơ quan"),
    "name_in_documents": gettext_lazy("Tên in trên văn bản"),
    "short_name": gettext_lazy("Tên viết tắt"),
    "symbol": gettext_lazy("Ký hiệu"),
    "place_name": gettext_lazy("Địa danh"),
    "head_title": gettext_lazy("Chức danh thủ trưởng"),
    "deputy_title": gettext_lazy("Chức danh cấp phó"),
    "is_collective": gettext_lazy("Ký TM."),
    "collective_name": gettext_lazy("Tên tập thể"),
}
COLUMN_ALIASES = {
    "governing_body": ("co quan chu quan", "chu quan", "governing body"),
    "name": ("ten co quan", "ten", "co quan", "name"),
    "name_in_documents": (
        "ten in tren van ban",
        "ten in",
        "ten tren van ban",
        "name as printed",
    ),
    "short_name": ("ten viet tat", "viet tat", "short name"),
    "symbol": ("ky hieu", "chu viet tat trong so ky hieu", "ky hieu van ban", "symbol"),
    "place_name": ("dia danh", "noi ban hanh", "place"),
    "head_title": ("chuc danh thu truong", "thu truong", "head title"),
    "deputy_title": ("chuc danh cap pho", "cap pho", "deputy title"),
    "is_collective": ("ky tm.", "ky tm", "tm.", "tm", "tap the", "co quan tap the", "collective"),
    "collective_name": ("ten tap the", "ten tap the tren dong tm.", "collective name"),
}
REQUIRED = ("name", "short_name", "symbol", "place_name", "head_title")
YES = {"co", "x", "tm", "tm.", "yes", "1", "true", "dung"}
NO = {"", "khong", "no", "0", "false", "sai"}
EXAMPLE = {
    "governing_body": "UBND TỈNH ĐỒNG NAI",
    "name": "Sở Tư pháp tỉnh Đồng Nai",
    "name_in_documents": "SỞ TƯ PHÁP",
    "short_name": "STP Đồng Nai",
    "symbol": "STP",
    "place_name": "Đồng Nai",
    "head_title": "Giám đốc",
    "deputy_title": "Phó Giám đốc",
    "is_collective": "không",
    "collective_name": "",
}


def _max_length(key: str) -> int:
    return Agency._meta.get_field(key).max_length


def _row_errors(number: int, cells: dict, seen: dict, existing: set) -> list[RowError]:
    label = {key: str(value) for key, value in COLUMN_LABELS.items()}
    errors = []
    for key in REQUIRED:
        if not cells.get(key):
            errors.append(RowError(number, label[key], _("Ô này không được để trống.")))
    for key, value in cells.items():
        if key == "is_collective" or not value:
            continue
        if len(value) > _max_length(key):
            errors.append(
                RowError(
                    number,
                    label[key],
                    _("Dài quá %(limit)s ký tự.") % {"limit": _max_length(key)},
                )
            )
        encoding = looks_like_legacy_encoding(value)
        if encoding:
            errors.append(
                RowError(
                    number,
                    label[key],
                    _(
                        "Chữ gõ bằng bảng mã cũ %(encoding)s, không phải Unicode; hãy chuyển mã "
                        "sang Unicode (ví dụ bằng Unikey) rồi nhập lại."
                    )
                    % {"encoding": encoding},
                )
            )
    short = fold_for_search(cells.get("short_name", ""))
    if short:
        if short in seen:
            errors.append(
                RowError(
                    number,
                    label["short_name"],
                    _("Tên viết tắt trùng với dòng %(row)s.") % {"row": seen[short]},
                )
            )
        elif short in existing:
            errors.append(
                RowError(
                    number,
                    label["short_name"],
                    _("Đã có cơ quan với tên viết tắt “%(name)s”.") % {"name": cells["short_name"]},
                )
            )
        seen.setdefault(short, number)
    collective = fold_for_search(cells.get("is_collective", ""))
    if collective not in YES | NO:
        errors.append(
            RowError(
                number,
                label["is_collective"],
                _(
                    "Ghi “có” nếu cơ quan ký “TM.”, để trống hoặc “không” nếu không (ô ghi "
                    "“%(text)s”)."
                )
                % {"text": cells["is_collective"]},
            )
        )
    elif collective in YES and not cells.get("collective_name"):
        errors.append(
            RowError(
                number,
                label["collective_name"],
                _("Cơ quan ký “TM.” phải có tên tập thể, ví dụ “Ủy ban nhân dân”."),
            )
        )
    return errors


def _details(cells: dict) -> AgencyDetails:
    return AgencyDetails(
        name=cells.get("name", ""),
        short_name=cells.get("short_name", ""),
        symbol=cells.get("symbol", ""),
        place_name=cells.get("place_name", ""),
        head_title=cells.get("head_title", ""),
        governing_body=cells.get("governing_body", ""),
        name_in_documents=cells.get("name_in_documents", ""),
        deputy_title=cells.get("deputy_title", ""),
        is_collective=fold_for_search(cells.get("is_collective", "")) in YES,
        collective_name=cells.get("collective_name", ""),
    ).cleaned()


def check_agency_rows(table: list[list[str]]) -> list[AgencyDetails]:
    """Every data row as AgencyDetails, or ImportRejected with every problem located."""
    if not table or not any(table[0]):
        raise file_error(_("Tệp trống hoặc thiếu dòng tiêu đề."))
    if len(table) > MAX_AGENCIES + 1:
        raise file_error(_("Mỗi lần chỉ nhập tối đa %(count)s cơ quan.") % {"count": MAX_AGENCIES})
    columns, errors = match_columns(table[0], COLUMN_ALIASES, COLUMN_LABELS, REQUIRED)
    if errors:
        raise ImportRejected(errors)
    existing = {fold_for_search(n) for n in Agency.objects.values_list("short_name", flat=True)}
    seen, rows = {}, []
    for number, values in enumerate(table[1:], start=2):
        if not any(values):
            continue
        cells = {key: values[i] if i < len(values) else "" for key, i in columns.items()}
        if len(cells) == len(EXAMPLE) and all(cells[key] == EXAMPLE[key] for key in cells):
            continue  # the template's example row, left in place
        row_errors = _row_errors(number, cells, seen, existing)
        errors += row_errors
        if not row_errors:
            rows.append(_details(cells))
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise file_error(_("Tệp không có dòng dữ liệu nào."))
    return rows


def agencies_import(*, body: OversightBody, actor, uploaded_file) -> list[Agency]:
    """Create every agency of the file under `body`, all or none."""
    rows = check_agency_rows(read_table(uploaded_file, max_rows=MAX_AGENCIES))
    try:
        return agencies_create(body=body, actor=actor, rows=rows)
    except WorkflowError as error:  # a refusal found only while saving (e.g. a race)
        raise ImportRejected([RowError(0, "", error.message)]) from None


def agency_template_xlsx() -> bytes:
    """The list to fill in: the header row (the labels, bold) and one example row (grey)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Danh sách cơ quan")[:31]
    keys = list(COLUMN_LABELS)
    sheet.append([str(COLUMN_LABELS[key]) for key in keys])
    sheet.append([EXAMPLE[key] for key in keys])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="666666")
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
    for index, key in enumerate(keys, start=1):
        width = max(len(str(COLUMN_LABELS[key])), len(EXAMPLE[key])) + 4
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
