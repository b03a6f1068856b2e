"""Open data: a province's (an oversight body's) published objectives in force for a year, one
row per target, as CSV, XLSX and JSON downloads — the same rows in the three formats, built from
publication.selectors (what anyone may read)."""

import csv
import io

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from ninja import Path, Router
from openpyxl import Workbook

from api.operations import get
from api.paging import SLUG_PATTERN
from api.schemas import OpenDataOut
from api.serialize import absolute
from documents.excel_styles import XLSX_CONTENT_TYPE, workbook_bytes, write_header, write_row
from monitoring.templatetags.monitoring_tags import target_text
from objectives.reading_exports import attachment_header
from objectives.selectors import objective_groups, sets_with_content
from publication import selectors

router = Router(tags=["Dữ liệu mở (open data)"])

Province = Path(..., pattern=SLUG_PATTERN, description="Địa chỉ của tỉnh, ví dụ “dong-nai”.")
Year = Path(..., ge=2000, le=2100, description="Năm của mục tiêu.")

# (key of the CSV/JSON column, its Vietnamese title in the XLSX, its width there)
COLUMNS = (
    ("province", "Tỉnh, thành phố", 14),
    ("agency_id", "Mã cơ quan", 9),
    ("agency", "Cơ quan", 30),
    ("governing_body", "Cơ quan chủ quản", 20),
    ("department", "Phòng, đơn vị", 20),
    ("set_id", "Mã bộ mục tiêu", 9),
    ("year", "Năm", 7),
    ("number_and_symbol", "Số, ký hiệu", 14),
    ("issued_on", "Ngày ban hành", 12),
    ("signer_name", "Người ký", 18),
    ("section", "Mục", 20),
    ("objective_number", "STT", 6),
    ("objective", "Nội dung mục tiêu", 50),
    ("indicator", "Chỉ số", 24),
    ("comparison", "Phép so sánh", 12),
    ("value", "Giá trị", 10),
    ("unit", "Đơn vị", 10),
    ("wording", "Chỉ tiêu (như in)", 20),
    ("verification_code", "Mã xác thực", 14),
    ("verification_url", "Đường dẫn xác thực", 30),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _province(slug: str):
    body = selectors.province_by_slug(slug)
    if body is None:
        raise Http404
    return body


def open_data_rows(body, year: int) -> list[dict]:
    """One row per target (an objective without a target: one row) of every published set in
    force for `year` of the agencies in the body's scope that year."""
    agencies = selectors.agencies_of_province(body, year=year)
    in_force = selectors.sets_in_force(agencies, year)
    set_ids = [s.pk for sets in in_force.values() for s in sets]
    loaded = sets_with_content().filter(pk__in=set_ids).order_by("agency__name", "agency_id")
    rows = []
    with translation.override("vi"):
        for objective_set in loaded.order_by("agency__name", "agency_id", "department__order"):
            rows += _set_rows(body, objective_set)
    return rows


def _set_rows(body, objective_set) -> list[dict]:
    agency = objective_set.agency
    code = objective_set.verification_code or ""
    base = {
        "province": body.region_name,
        "agency_id": agency.pk,
        "agency": agency.name,
        "governing_body": objective_set.header_governing_body or agency.governing_body,
        "department": objective_set.department.name if objective_set.department_id else "",
        "set_id": objective_set.pk,
        "year": objective_set.year,
        "number_and_symbol": objective_set.number_and_symbol,
        "issued_on": objective_set.issued_on.isoformat() if objective_set.issued_on else "",
        "signer_name": objective_set.signer_name,
        "verification_code": code,
        "verification_url": absolute(reverse("documents:verify", kwargs={"code": code}))
        if code
        else "",
    }
    rows = []
    for section, objectives in objective_groups(objective_set):
        for objective in objectives:
            shared = {
                **base,
                "section": section.title if section is not None else "",
                "objective_number": objective.number,
                "objective": objective.content.strip(),
            }
            targets = list(objective.targets.all()) or [None]
            for target in targets:
                rows.append({**shared, **_target_columns(target)})
    return rows


def _target_columns(target) -> dict:
    if target is None:
        return dict.fromkeys(("indicator", "comparison", "value", "unit", "wording"), "")
    return {
        "indicator": target.indicator,
        "comparison": target.comparison,
        "value": "" if target.value is None else str(target.value.normalize()),
        "unit": target.unit,
        "wording": target_text(target),
    }


def _file_name(body, year: int, extension: str) -> str:
    return f"muc-tieu-chat-luong-{body.slug}-{year}.{extension}"


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment_header(name)
    return response


def _safe(value) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def rows_csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([key for key, _title, _width in COLUMNS])
    for row in rows:
        writer.writerow([_safe(row[key]) for key, _title, _width in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")  # with BOM: Excel reads the diacritics


def rows_xlsx(rows: list[dict], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    write_header(sheet, 1, [(heading, width) for _key, heading, width in COLUMNS])
    for number, row in enumerate(rows, start=2):
        write_row(sheet, number, [row[key] for key, _title, _width in COLUMNS])
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)


FILE_RESPONSES = {
    "csv": "text/csv",
    "xlsx": XLSX_CONTENT_TYPE,
}


def _file_schema(content_type: str) -> dict:
    return {
        "responses": {
            200: {
                "description": "Tệp tải về",
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


@get(router, "/{province}/{year}/objectives.json", name="open_data_json", response=OpenDataOut)
def open_data_json(request, province: str = Province, year: int = Year):
    """Mục tiêu chất lượng đang hiệu lực năm `year` của các cơ quan trong tỉnh (JSON)."""
    body = _province(province)
    return {
        "province": body.slug,
        "region_name": body.region_name,
        "year": year,
        "columns": [key for key, _title, _width in COLUMNS],
        "rows": open_data_rows(body, year),
    }


@get(
    router,
    "/{province}/{year}/objectives.csv",
    name="open_data_csv",
    response=None,
    openapi_extra=_file_schema("text/csv"),
)
def open_data_csv(request, province: str = Province, year: int = Year):
    """Như trên, dạng CSV (UTF-8, có BOM)."""
    body = _province(province)
    content = rows_csv(open_data_rows(body, year))
    return _download(content, "text/csv; charset=utf-8", _file_name(body, year, "csv"))


@get(
    router,
    "/{province}/{year}/objectives.xlsx",
    name="open_data_xlsx",
    response=None,
    openapi_extra=_file_schema(XLSX_CONTENT_TYPE),
)
def open_data_xlsx(request, province: str = Province, year: int = Year):
    """Như trên, dạng Excel (XLSX)."""
    body = _province(province)
    content = rows_xlsx(open_data_rows(body, year), title=f"{body.region_name} {year}")
    return _download(content, XLSX_CONTENT_TYPE, _file_name(body, year, "xlsx"))
