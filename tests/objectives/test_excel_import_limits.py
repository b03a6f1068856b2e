"""Issue 17, the objectives XLSX import: short cells and two-word names in TCVN3 or VNI refused
naming the encoding, bidi controls dropped, and a long workbook refused after streaming one row
past the limit (its dimension tag not trusted), in the request and in the task."""

import re
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.worksheet import _reader

from objectives.excel import import_
from objectives.excel.columns import COLUMNS, FIRST_DATA_ROW, SHEET_TITLE
from objectives.excel.import_ import set_import_xlsx
from objectives.excel.problems import ImportRejected
from objectives.models import Objective, ObjectiveSet, SetImport
from tests.objectives.excel_support import row, template_with

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIMIT = 100


def _letter(key: str) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.key for c in COLUMNS].index(key)]


def _problems(people, agency, data) -> list[str]:
    with pytest.raises(ImportRejected) as refused:
        set_import_xlsx(agency=agency, year=2025, actor=people["iso_officer"], data=data)
    return [str(p) for p in refused.value.problems]


@pytest.mark.parametrize(
    ("key", "text", "encoding"),
    [
        ("responsible_person", "Leâ Thò Hoa", "VNI"),
        ("responsible_person", "NguyÔn V¨n A", "TCVN3"),
        ("timeframe", "Quyù 4", "VNI"),
        ("unit", "hå s¬", "TCVN3"),
    ],
)
def test_a_short_cell_in_a_legacy_encoding_is_refused_naming_it(
    people, agency, key, text, encoding
):
    values = {"number": 1, "content": "Giải quyết hồ sơ đúng hạn.", "comparison": "≥"}
    values.update(value=96, unit="%")
    values[key] = text
    problems = _problems(people, agency, template_with(agency, [row(**values)]))
    where = f"Trang “{SHEET_TITLE}”, dòng {FIRST_DATA_ROW}, cột {_letter(key)}"
    assert any(p.startswith(where) and f"bảng mã cũ {encoding}" in p for p in problems)
    assert not ObjectiveSet.objects.exists()


def test_an_overlong_cell_is_refused_next_to_it(people, agency):
    values = {"number": 1, "content": "Hồ sơ đúng hạn. " * 300, "comparison": "≥"}
    values.update(value=96, unit="%", responsible_person="Lê Thị Hoa " * 30)
    problems = _problems(people, agency, template_with(agency, [row(**values)]))
    for key, limit in (("content", "4000"), ("responsible_person", "255")):
        where = f"Trang “{SHEET_TITLE}”, dòng {FIRST_DATA_ROW}, cột {_letter(key)}"
        assert any(p.startswith(where) and limit in p.replace(".", "") for p in problems), key


def test_bidi_controls_are_dropped_from_imported_text(people, agency):
    rows = [
        row(
            number=1,
            content="Tỷ lệ hồ sơ \u202eđúng hạn\u202c.",
            responsible_person="\u2067Lê Thị Hoa\u2069",
            comparison="≥",
            value=96,
            unit="%",
        )
    ]
    created = set_import_xlsx(
        agency=agency, year=2025, actor=people["iso_officer"], data=template_with(agency, rows)
    )
    objective = Objective.objects.get(objective_set=created)
    assert objective.content == "Tỷ lệ hồ sơ đúng hạn."
    assert objective.responsible_person == "Lê Thị Hoa"


# --- a long workbook -------------------------------------------------------------------------


def _long_workbook(rows: int, *, hidden_extra: bool = False, dimension: str = "A1:C2") -> bytes:
    """A sheet of `rows` rows whose dimension tag claims two (a program may write anything);
    with hidden_extra, the objectives sheet is short and a hidden second sheet is the long one."""
    workbook = Workbook(write_only=True)
    objectives = workbook.create_sheet(SHEET_TITLE)
    long_sheet = workbook.create_sheet("Dữ liệu") if hidden_extra else objectives
    if hidden_extra:
        objectives.append(["TT", "Mục", "Nội dung mục tiêu"])
        long_sheet.sheet_state = "hidden"
    for number in range(1, rows + 1):
        long_sheet.append([number, None, f"Mục tiêu {number}"])
    buffer = BytesIO()
    workbook.save(buffer)
    source, out = zipfile.ZipFile(BytesIO(buffer.getvalue())), BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = re.sub(
                    rb'<dimension ref="[^"]*"/>',
                    f'<dimension ref="{dimension}"/>'.encode(),
                    content,
                )
                if b"<dimension" not in content:
                    content = content.replace(
                        b"<sheetViews>", f'<dimension ref="{dimension}"/><sheetViews>'.encode(), 1
                    )
            target.writestr(item, content)
    return out.getvalue()


@pytest.fixture
def rows_parsed(monkeypatch):
    """How many <row> elements openpyxl parsed, read-only or not: a full load counts too."""
    count = {"rows": 0}
    parse_row = _reader.WorkSheetParser.parse_row

    def counting(self, element):
        count["rows"] += 1
        return parse_row(self, element)

    monkeypatch.setattr(_reader.WorkSheetParser, "parse_row", counting)
    monkeypatch.setattr(import_, "MAX_SHEET_ROWS", LIMIT)
    return count


def test_a_long_sheet_is_refused_after_reading_one_row_past_the_limit(people, agency, rows_parsed):
    data = _long_workbook(20 * LIMIT)
    problems = _problems(people, agency, data)
    assert problems == [
        f"Trang “{SHEET_TITLE}” có hơn {LIMIT} dòng; mỗi lần chỉ nhập được tối đa 2000 dòng "
        "mục tiêu. Hãy xóa các dòng thừa (kể cả dòng trống đã định dạng ở cuối trang) rồi "
        "thử lại."
    ]
    assert rows_parsed["rows"] == LIMIT + 1
    assert not ObjectiveSet.objects.exists()


def test_a_long_hidden_sheet_is_refused_too(people, agency, rows_parsed):
    problems = _problems(people, agency, _long_workbook(20 * LIMIT, hidden_extra=True))
    assert len(problems) == 1 and problems[0].startswith(f"Trang “Dữ liệu” có hơn {LIMIT} dòng")
    assert rows_parsed["rows"] == 1 + LIMIT + 1  # the short sheet, then the long one


def test_a_sheet_at_the_limit_is_read(people, agency, rows_parsed):
    """Refused for what it holds (no header here), not for its length."""
    problems = _problems(people, agency, _long_workbook(LIMIT))
    assert not any("dòng; mỗi lần chỉ nhập" in p for p in problems)


def test_the_upload_form_refuses_a_long_sheet_next_to_the_file(client, people, agency, rows_parsed):
    client.force_login(people["iso_officer"])
    upload = SimpleUploadedFile("dai.xlsx", _long_workbook(20 * LIMIT), content_type=XLSX)
    response = client.post(
        reverse("objectives:set_import", args=[agency.pk]),
        {"year": 2026, "department": "", "file": upload},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert errors[0].startswith(f"Trang “{SHEET_TITLE}” có hơn {LIMIT} dòng")
    assert 'value="2026"' in response.content.decode()
    assert rows_parsed["rows"] == LIMIT + 1
    assert not SetImport.objects.exists()
