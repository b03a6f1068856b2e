"""Import many members at once from a CSV or XLSX file: columns "họ tên", "email",
"phòng/đơn vị", "vai trò". Every row is checked first; any bad row rejects the whole file
(nothing saved), and each problem is reported with its row number, column and reason."""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from agencies.models import Agency, Department, Role
from agencies.services import member_add, user_by_email
from qms_objectives.errors import WorkflowError
from qms_objectives.spreadsheets import rows_streamed
from qms_objectives.text import fold_for_search, looks_like_legacy_encoding, to_nfc
from qms_objectives.uploads import ZIP_MAGIC, check_size

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 3000  # people in one file; the sheet is read no further than this (and the header)
MAX_COLUMNS = 40  # columns read from each row of a sheet
MAX_NAME_LENGTH = 150  # a user's first_name
EXTENSIONS = (".csv", ".xlsx")

COLUMN_LABELS = {
    "full_name": gettext_lazy("họ tên"),
    "email": gettext_lazy("email"),
    "department": gettext_lazy("phòng/đơn vị"),
    "roles": gettext_lazy("vai trò"),
}
# Header cells as people type them, normalised (no diacritics, lower case).
COLUMN_ALIASES = {
    "full_name": ("ho ten", "ho va ten", "ten", "full name", "name"),
    "email": ("email", "e-mail", "thu dien tu", "dia chi email"),
    "department": ("phong/don vi", "phong, don vi", "phong", "don vi", "phong ban", "department"),
    "roles": ("vai tro", "quyen", "roles", "role"),
}
ROLE_ALIASES = {
    Role.ISO_OFFICER: ("can bo iso", "thu ky iso", "to iso", "iso", "iso_officer"),
    Role.RECORDS_OFFICER: ("van thu", "records_officer"),
    Role.DEPARTMENT_HEAD: ("truong phong", "truong don vi", "department_head"),
    Role.HEAD: ("thu truong co quan", "thu truong", "head"),
    Role.DEPUTY: ("cap pho", "pho thu truong", "deputy"),
    Role.STAFF: ("can bo cong chuc", "can bo", "cong chuc", "vien chuc", "staff"),
    Role.ADMINISTRATOR: ("quan tri co quan", "quan tri", "administrator", "admin"),
}


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as the spreadsheet shows it; 0 for the file itself
    column: str
    message: str


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(errors)
        self.errors = errors


@dataclass
class MemberRow:
    row: int
    full_name: str
    email: str
    department: Department | None
    roles: list[str] = field(default_factory=list)


@dataclass
class ImportSummary:
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())


# --- reading the file -----------------------------------------------------------------------


def file_error(message: str) -> ImportRejected:
    return ImportRejected([RowError(0, "", message)])


def read_table(uploaded_file, *, max_rows: int | None = None) -> list[list[str]]:
    """The cells of the first sheet (or the CSV) as text, checking type and size first; at
    most `max_rows` data rows and one more are read (enough to refuse a longer file)."""
    extension = PurePath(uploaded_file.name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise file_error(_("Chỉ nhận tệp .csv hoặc .xlsx."))
    try:
        check_size(uploaded_file, MAX_UPLOAD_BYTES)
    except ValidationError as refusal:
        raise file_error(refusal.messages[0]) from None
    content = uploaded_file.read()
    max_rows = MAX_ROWS if max_rows is None else max_rows
    if extension == ".xlsx":
        return _read_xlsx(content, max_rows)
    return _read_csv(content, max_rows)


def _read_xlsx(content: bytes, max_rows: int) -> list[list[str]]:
    if not content.startswith(ZIP_MAGIC):
        raise file_error(_("Tệp không phải là bảng tính Excel (.xlsx)."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # One row past the limit (header + MAX_ROWS) is enough to refuse the file.
        rows = [
            [_cell_text(v) for v in values]
            for values in rows_streamed(sheet, stop_after=max_rows + 2, columns=MAX_COLUMNS)
        ]
        workbook.close()
    except Exception:  # noqa: BLE001 - any damage in the zip or XML means "cannot read"
        raise file_error(_("Không đọc được tệp Excel; hãy lưu lại dạng .xlsx rồi thử lại."))
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return to_nfc(str(value)).strip()


def _read_csv(content: bytes, max_rows: int) -> list[list[str]]:
    if b"\x00" in content:
        raise file_error(_("Tệp không phải là văn bản CSV."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # Excel's plain "CSV" on Vietnamese Windows is Windows-1258.
            text = content.decode("cp1258")
        except UnicodeDecodeError:
            raise file_error(_("Không đọc được tệp CSV; hãy lưu dạng “CSV UTF-8”."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    rows = []
    for values in csv.reader(io.StringIO(text), delimiter=delimiter):
        rows.append([_cell_text(v) for v in values])
        if len(rows) > max_rows + 1:
            break
    return rows


# --- checking the rows ----------------------------------------------------------------------


def match_columns(
    header: list[str], aliases: dict, labels: dict, required: tuple
) -> tuple[dict[str, int], list[RowError]]:
    """{key: column index} of the header cells, matched to `aliases` (folded: no diacritics,
    lower case) in any order; a RowError on row 1 for each `required` key not found."""
    found = {}
    for index, cell in enumerate(header):
        name = " ".join(fold_for_search(cell).replace(" / ", "/").split())
        for key, names in aliases.items():
            if name in names and key not in found:
                found[key] = index
    errors = [
        RowError(1, str(labels[key]), _("Thiếu cột này ở dòng tiêu đề."))
        for key in required
        if key not in found
    ]
    return found, errors


def _columns(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    return match_columns(header, COLUMN_ALIASES, COLUMN_LABELS, ("full_name", "email"))


def parse_roles(text: str) -> tuple[list[str], str]:
    """Roles named in a cell ("Cán bộ ISO; Văn thư"), and whatever could not be recognised."""
    known = {fold_for_search(str(label)): role for role, label in Role.choices}
    known.update({alias: role for role, aliases in ROLE_ALIASES.items() for alias in aliases})
    # The label "Cán bộ, công chức" holds a comma of its own.
    rest = re.sub(r"can bo\s*,\s*cong chuc", "can bo cong chuc", fold_for_search(text))
    rest = re.sub(r"[;/+&|\n]| va ", ",", rest)
    roles, unknown = [], []
    for part in (p.strip() for p in rest.split(",")):
        if not part:
            continue
        role = known.get(part)
        if role is None:
            unknown.append(part)
        elif role not in roles:
            roles.append(role)
    return roles, ", ".join(unknown)


class _Checker:
    def __init__(self, agency: Agency):
        self.agency = agency
        self.departments = {}
        for department in Department.objects.filter(agency=agency, is_active=True):
            self.departments[fold_for_search(department.name)] = department
            if department.abbreviation:
                self.departments.setdefault(fold_for_search(department.abbreviation), department)
        self.seen_emails: dict[str, int] = {}

    def check(self, number: int, cells: dict[str, str]) -> tuple[MemberRow | None, list[RowError]]:
        errors = []
        label = {key: str(value) for key, value in COLUMN_LABELS.items()}
        email = cells.get("email", "")
        full_name = " ".join(cells.get("full_name", "").split())
        errors += self._check_email(number, email, full_name, label["email"])
        errors += self._check_text(number, cells, label)
        if len(full_name) > MAX_NAME_LENGTH:
            errors.append(
                RowError(
                    number,
                    label["full_name"],
                    _("Họ tên dài quá %(limit)s ký tự.") % {"limit": MAX_NAME_LENGTH},
                )
            )
        department = None
        if cells.get("department") and not any(e.column == label["department"] for e in errors):
            department = self.departments.get(fold_for_search(cells["department"]))
            if department is None:
                errors.append(
                    RowError(
                        number,
                        label["department"],
                        _("Cơ quan không có phòng, đơn vị “%(name)s”.")
                        % {"name": cells["department"]},
                    )
                )
        roles, leftover = parse_roles(cells.get("roles", ""))
        if leftover:
            errors.append(
                RowError(
                    number, label["roles"], _("Không hiểu vai trò “%(text)s”.") % {"text": leftover}
                )
            )
        if errors:
            return None, errors
        return MemberRow(number, full_name, email, department, roles), []

    def _check_text(self, number: int, cells: dict[str, str], label: dict) -> list[RowError]:
        """Names typed in TCVN3 or VNI, which Unicode shows as "NguyÔn V¨n A", "Leâ Thò Hoa"."""
        errors = []
        for key in ("full_name", "department"):
            encoding = looks_like_legacy_encoding(cells.get(key, ""))
            if encoding:
                message = _(
                    "Chữ gõ bằng bảng mã cũ %(encoding)s, không phải Unicode; hãy chuyển mã "
                    "sang Unicode (ví dụ bằng Unikey) rồi nhập lại."
                ) % {"encoding": encoding}
                errors.append(RowError(number, label[key], message))
        return errors

    def _check_email(self, number: int, email: str, full_name: str, column: str) -> list[RowError]:
        if not email:
            return [RowError(number, column, _("Thiếu email."))]
        try:
            validate_email(email)
        except ValidationError:
            return [
                RowError(number, column, _("Email “%(email)s” không hợp lệ.") % {"email": email})
            ]
        key = email.lower()
        if key in self.seen_emails:
            return [
                RowError(
                    number,
                    column,
                    _("Email trùng với dòng %(row)s.") % {"row": self.seen_emails[key]},
                )
            ]
        self.seen_emails[key] = number
        try:
            user = user_by_email(email)
        except WorkflowError as error:
            return [RowError(number, column, error.message)]
        if user is None and not full_name:
            return [
                RowError(number, str(COLUMN_LABELS["full_name"]), _("Người mới phải có họ tên."))
            ]
        if user is not None and not user.is_active:
            return [RowError(number, column, _("Tài khoản có email này đã bị khóa."))]
        return []


def check_rows(agency: Agency, table: list[list[str]]) -> list[MemberRow]:
    """Every data row as a MemberRow, or ImportRejected with all problems found."""
    if not table or not any(table[0]):
        raise file_error(_("Tệp trống hoặc thiếu dòng tiêu đề."))
    if len(table) > MAX_ROWS + 1:
        raise file_error(_("Mỗi lần chỉ nhập tối đa %(count)s người.") % {"count": MAX_ROWS})
    columns, errors = _columns(table[0])
    if errors:
        raise ImportRejected(errors)
    checker, rows = _Checker(agency), []
    for number, values in enumerate(table[1:], start=2):
        if not any(values):
            continue
        cells = {key: values[i] if i < len(values) else "" for key, i in columns.items()}
        row, row_errors = checker.check(number, cells)
        errors += row_errors
        if row is not None:
            rows.append(row)
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise file_error(_("Tệp không có dòng dữ liệu nào."))
    return rows


def members_import(*, agency: Agency, actor, uploaded_file, invite: bool = True) -> ImportSummary:
    """Add or update every member listed in the file, all in one transaction: when any row is
    refused, nothing is saved (and no email leaves, since emails wait for the commit)."""
    rows = check_rows(agency, read_table(uploaded_file))
    summary = ImportSummary()
    with transaction.atomic():
        errors = []
        for row in rows:
            try:
                _, outcome = member_add(
                    agency=agency,
                    actor=actor,
                    email=row.email,
                    full_name=row.full_name,
                    department=row.department,
                    roles=row.roles,
                    invite=invite,
                    update_existing=True,
                )
            except WorkflowError as error:
                errors.append(RowError(row.row, "", error.message))
                continue
            summary.outcomes[outcome] = summary.outcomes.get(outcome, 0) + 1
        if errors:
            raise ImportRejected(errors)
    return summary
