"""Which column of an export holds which field: the fields the rules need, the header spellings
seen in provincial exports (Vietnamese with or without accents, the national portal's field
names), suggestions from a file's headers, and the headers that look like personal data.

Only the columns mapped here are ever read; every other column of the file is dropped unread,
so names, identity numbers and addresses never reach a dossier, a problem message or a log."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# Supplement requests given as numbered column pairs (lần 1, lần 2, lần 3).
SUPPLEMENT_PAIRS = 3


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    national: str  # the national portal's field name, shown beside the label
    aliases: tuple[str, ...]
    required: bool = False


def fold_header(text) -> str:
    """ "Ngày hẹn trả (dd/mm/yyyy)" → "ngayhentraddmmyyyy": no accents, đ → d, lower case,
    letters and digits only."""
    if text is None:
        return ""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", stripped.lower())


def _fold_all(*names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold_header(name) for name in names))


_ASKED = (
    "Ngày yêu cầu bổ sung",
    "NgayYeuCauBoSung",
    "Ngày YC bổ sung",
    "Thời gian yêu cầu bổ sung",
)
_ANSWERED = (
    "Ngày bổ sung",
    "NgayBoSung",
    "Ngày công dân bổ sung",
    "Ngày nộp bổ sung",
    "Ngày nhận bổ sung",
    "Ngày tiếp nhận bổ sung",
    "Thời gian bổ sung",
)


def _numbered(names: tuple[str, ...], number: int) -> tuple[str, ...]:
    spellings = []
    for name in names:
        spellings += [f"{name} lần {number}", f"{name} {number}", f"{name}{number}"]
        if number == 1:
            spellings.append(name)
    return _fold_all(*spellings)


FIELDS: tuple[Field, ...] = (
    Field(
        "code",
        _("Mã hồ sơ"),
        "MaHoSo",
        _fold_all("MaHoSo", "Mã hồ sơ", "Số hồ sơ", "Mã số hồ sơ", "Mã HS", "Số biên nhận"),
        required=True,
    ),
    Field(
        "procedure_code",
        _("Mã thủ tục hành chính"),
        "MaTTHC",
        _fold_all("MaTTHC", "Mã TTHC", "Mã thủ tục", "Mã thủ tục hành chính", "Mã thủ tục HC"),
    ),
    Field(
        "processing_unit",
        _("Đơn vị xử lý"),
        "DonViXuLy",
        _fold_all(
            "DonViXuLy",
            "Đơn vị xử lý",
            "Đơn vị giải quyết",
            "Cơ quan xử lý",
            "Cơ quan giải quyết",
            "Phòng ban xử lý",
            "Đơn vị thụ lý",
            "Đơn vị",
        ),
    ),
    Field(
        "channel",
        _("Hình thức nộp (1 trực tiếp, 2 trực tuyến, 3 bưu chính)"),
        "KenhThucHien",
        _fold_all(
            "KenhThucHien",
            "Kênh thực hiện",
            "Kênh nộp",
            "Kênh tiếp nhận",
            "Hình thức nộp",
            "Hình thức tiếp nhận",
            "Hình thức nộp hồ sơ",
            "HinhThucNop",
            "Channel",
        ),
    ),
    Field(
        "received_at",
        _("Ngày tiếp nhận"),
        "NgayTiepNhan",
        _fold_all("NgayTiepNhan", "Ngày tiếp nhận", "Ngày nhận", "Thời gian tiếp nhận", "Ngày nộp"),
        required=True,
    ),
    Field(
        "due_at",
        _("Ngày hẹn trả"),
        "NgayHenTra",
        _fold_all(
            "NgayHenTra",
            "Ngày hẹn trả",
            "Ngày hẹn trả kết quả",
            "Hạn xử lý",
            "Hạn giải quyết",
            "Thời hạn giải quyết",
        ),
    ),
    Field(
        "finished_at",
        _("Ngày kết thúc xử lý"),
        "NgayKetThucXuLy",
        _fold_all(
            "NgayKetThucXuLy",
            "Ngày kết thúc xử lý",
            "Ngày xử lý xong",
            "Ngày hoàn thành",
            "Ngày hoàn thành xử lý",
            "Ngày có kết quả",
            "Ngày giải quyết xong",
        ),
    ),
    Field(
        "returned_at",
        _("Ngày trả kết quả"),
        "NgayTra",
        _fold_all("NgayTra", "Ngày trả", "Ngày trả kết quả", "NgayTraKetQua", "Ngày trả KQ"),
    ),
    Field(
        "status",
        _("Trạng thái hồ sơ (1–10)"),
        "TrangThaiHoSo",
        _fold_all(
            "TrangThaiHoSo", "Trạng thái hồ sơ", "Trạng thái", "Tình trạng hồ sơ", "Tình trạng"
        ),
    ),
    *(
        field
        for number in range(1, SUPPLEMENT_PAIRS + 1)
        for field in (
            Field(
                f"supplement_asked_{number}",
                format_lazy(_("Yêu cầu bổ sung lần {n}"), n=number),
                f"NgayYeuCauBoSung{number}",
                _numbered(_ASKED, number),
            ),
            Field(
                f"supplement_answered_{number}",
                format_lazy(_("Người dân bổ sung lần {n}"), n=number),
                f"NgayBoSung{number}",
                _numbered(_ANSWERED, number),
            ),
        )
    ),
    Field(
        "supplement_count",
        _("Số lần yêu cầu bổ sung"),
        "SoLanBoSung",
        _fold_all("SoLanBoSung", "Số lần bổ sung", "Số lần yêu cầu bổ sung", "Số lần YC bổ sung"),
    ),
)
FIELDS_BY_KEY = {field.key: field for field in FIELDS}
REQUIRED_KEYS = tuple(field.key for field in FIELDS if field.required)
DATE_KEYS = frozenset(
    {"received_at", "due_at", "finished_at", "returned_at"}
    | {f"supplement_asked_{n}" for n in range(1, SUPPLEMENT_PAIRS + 1)}
    | {f"supplement_answered_{n}" for n in range(1, SUPPLEMENT_PAIRS + 1)}
)

# Header words of columns that hold a person's data: never offered for a field, never read.
_PERSONAL_MARKS = _fold_all(
    "Họ tên",
    "Họ và tên",
    "Tên người nộp",
    "Người nộp",
    "Chủ hồ sơ",
    "Tên công dân",
    "Công dân",
    "Tên tổ chức",
    "Người đứng tên",
    "CMND",
    "CCCD",
    "Căn cước",
    "Số định danh",
    "Định danh",
    "Số CMT",
    "Hộ chiếu",
    "Mã số thuế",
    "Địa chỉ",
    "Nơi cư trú",
    "Thường trú",
    "Điện thoại",
    "SĐT",
    "Email",
    "Thư điện tử",
    "Ngày sinh",
    "Giới tính",
    "HoTen",
    "ChuHoSo",
    "SoDinhDanh",
    "DiaChi",
    "SoDienThoai",
)


def looks_personal(header) -> bool:
    """Whether a column's header names a person's data (name, identity number, address,
    phone, e-mail, birth date)."""
    folded = fold_header(header)
    return bool(folded) and any(mark in folded for mark in _PERSONAL_MARKS)


def suggest_mapping(headers: list) -> dict[str, str]:
    """{field key: header} for the headers that name a field (an exact folded spelling first,
    then a header that starts with one), each header used once, personal columns never."""
    folded = [(fold_header(header), str(header).strip()) for header in headers if header]
    candidates = [(f, h) for f, h in folded if f and not looks_personal(h)]
    used: set[str] = set()
    found: dict[str, str] = {}
    for exact in (True, False):
        for field in FIELDS:
            if field.key in found:
                continue
            for fold, header in candidates:
                if header in used:
                    continue
                hit = fold in field.aliases if exact else _starts_like(fold, field)
                if hit:
                    found[field.key] = header
                    used.add(header)
                    break
    return {field.key: found[field.key] for field in FIELDS if field.key in found}


def _starts_like(fold: str, field: Field) -> bool:
    # "Ngày hẹn trả (dd/mm/yyyy)" is the due date; a numbered supplement alias must match whole
    # ("ngayyeucaubosung" must not take "ngayyeucaubosunglan2").
    if field.key.startswith("supplement_") and field.key != "supplement_count":
        return False
    return any(len(alias) >= 6 and fold.startswith(alias) for alias in field.aliases)


def header_row_score(cells: list) -> int:
    """How many fields a row's cells name: the header row of an export is the first with two."""
    return len(suggest_mapping(cells))


def mapping_problems(columns: dict[str, str], headers: list) -> list[str]:
    """What is wrong with a mapping for a file with these headers (empty when it will do)."""
    present = {str(h).strip() for h in headers if h is not None}
    problems = []
    for key in REQUIRED_KEYS:
        if not columns.get(key):
            problems.append(
                _("Chưa chọn cột cho “%(field)s”.") % {"field": FIELDS_BY_KEY[key].label}
            )
    for key, header in columns.items():
        if key in FIELDS_BY_KEY and header and looks_personal(header):
            problems.append(
                _("Cột “%(header)s” chứa dữ liệu cá nhân, không được dùng.") % {"header": header}
            )
        elif key in FIELDS_BY_KEY and header and header not in present:
            problems.append(
                _("Tệp không có cột “%(header)s” (cho “%(field)s”).")
                % {"header": header, "field": FIELDS_BY_KEY[key].label}
            )
    return problems
