"""Issue 17, the people import: names in TCVN3 or VNI refused naming the encoding, bidi controls
dropped, and a long sheet refused after reading one row past the limit, whatever its dimension
tag says."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from openpyxl.worksheet import _reader

from agencies import imports
from agencies.imports import ImportRejected, members_import
from agencies.models import Invitation, Membership

HEADER = ["Họ tên", "Email", "Phòng/đơn vị", "Vai trò"]


def _xlsx(rows, *, dimension: str | None = None) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if dimension:
        data = _with_dimension(data, dimension)
    return SimpleUploadedFile("nhan-su.xlsx", data)


def _with_dimension(data: bytes, dimension: str) -> bytes:
    """The same workbook whose sheet claims another size (any program may write any tag)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), content
                )
            target.writestr(item, content)
    return out.getvalue()


def _refusal(agency, people, upload) -> list[tuple[int, str, str]]:
    with pytest.raises(ImportRejected) as refused:
        members_import(agency=agency, actor=people["administrator"], uploaded_file=upload)
    return [(e.row, e.column, e.message) for e in refused.value.errors]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("NguyÔn V¨n A", "TCVN3"), ("Nguyeãn Vaên An", "VNI"), ("Leâ Thò Hoa", "VNI")],
)
def test_a_name_in_a_legacy_encoding_is_refused_naming_it(agency, people, name, encoding):
    before = Membership.objects.count()
    errors = _refusal(agency, people, _xlsx([[name, "moi@example.vn", "", "Cán bộ"]]))
    assert [(row, column) for row, column, _ in errors] == [(2, "họ tên")]
    assert f"bảng mã cũ {encoding}" in errors[0][2]
    assert Membership.objects.count() == before


def test_an_overlong_name_is_refused_next_to_it(agency, people):
    errors = _refusal(agency, people, _xlsx([["Nguyễn Văn An " * 20, "dai@example.vn", "", ""]]))
    assert errors == [(2, "họ tên", "Họ tên dài quá 150 ký tự.")]


def test_bidi_controls_are_dropped_from_names(agency, people):
    upload = _xlsx([["\u202eNguyễn Văn\u200f An\u2069", "an.moi@example.vn", "", "Cán bộ"]])
    members_import(agency=agency, actor=people["administrator"], uploaded_file=upload)
    invitation = Invitation.objects.get(agency=agency, email="an.moi@example.vn")
    assert invitation.suggested_name == "Nguyễn Văn An"


@pytest.fixture
def rows_parsed(monkeypatch):
    """How many <row> elements openpyxl parsed from the XML."""
    count = {"rows": 0}
    parse_row = _reader.WorkSheetParser.parse_row

    def counting(self, row):
        count["rows"] += 1
        return parse_row(self, row)

    monkeypatch.setattr(_reader.WorkSheetParser, "parse_row", counting)
    return count


def test_a_long_sheet_is_refused_after_one_row_past_the_limit(
    agency, people, rows_parsed, monkeypatch
):
    monkeypatch.setattr(imports, "MAX_ROWS", 50)
    rows = [[f"Người {n}", f"nguoi{n}@example.vn", "", "Cán bộ"] for n in range(500)]
    # The tag claims a single row: the reading must not stop there, nor trust it otherwise.
    errors = _refusal(agency, people, _xlsx(rows, dimension="A1:D1"))
    assert errors == [(0, "", "Mỗi lần chỉ nhập tối đa 50 người.")]
    assert rows_parsed["rows"] == 50 + 2  # the header, the limit, one more


def test_a_sheet_whose_tag_understates_it_is_read_whole(agency, people, rows_parsed):
    rows = [[f"Người {n}", f"nguoi{n}@example.vn", "", "Cán bộ"] for n in range(3)]
    members_import(
        agency=agency, actor=people["administrator"], uploaded_file=_xlsx(rows, dimension="A1:D1")
    )
    assert Invitation.objects.filter(email__startswith="nguoi").count() == 3


def test_the_people_import_takes_a_few_thousand_rows():
    assert imports.MAX_ROWS >= 2000
