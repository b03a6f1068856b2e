"""The streamed XLSX reader (dossiers.xlsx_stream) gives the rows python-calamine gives, with a
document type declaration refused, and the import reads the exports through it."""

import io
import zipfile
from datetime import date, datetime, time

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from python_calamine import CalamineWorkbook

from dossiers import synthetic
from dossiers.xlsx_stream import XlsxError, xlsx_rows


def _normal(row) -> list:
    row = [None if cell == "" else cell for cell in row]
    while row and row[-1] is None:
        row.pop()
    return row


def _calamine(data: bytes) -> dict[int, list]:
    """Calamine's rows by their number, from column A, without empty ones. (Its iter_rows
    starts at the sheet's first row, used or not, but at its first used column.)"""
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheet = workbook.get_sheet_by_index(0)
    first_column = sheet.start[1]
    found = {}
    for number, row in enumerate(sheet.iter_rows(), start=1):
        row = _normal([None] * first_column + list(row))
        if row:
            found[number] = row
    workbook.close()
    return found


def _streamed(data: bytes) -> dict[int, list]:
    return {n: _normal(row) for n, row in xlsx_rows(io.BytesIO(data)) if _normal(row)}


def _saved(workbook) -> bytes:
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_a_synthetic_export_reads_as_calamine_reads_it():
    stream = io.BytesIO()
    synthetic.write_xlsx(stream, 400)
    data = stream.getvalue()
    streamed = _streamed(data)
    assert len(streamed) == 402  # the title, the headers, 400 dossiers
    assert streamed == _calamine(data)
    assert any(isinstance(cell, datetime) for cell in streamed[3])


@pytest.mark.parametrize("epoch_1904", [False, True])
def test_every_kind_of_cell_reads_as_calamine_reads_it(epoch_1904):
    workbook = Workbook()  # shared strings, unlike the write-only exports
    if epoch_1904:
        workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    sheet["C2"] = "Mã hồ sơ"
    sheet["D2"] = "  có khoảng trắng  "
    sheet["E2"] = 12345
    sheet["F2"] = 1.003003
    sheet["G2"] = True
    sheet["H2"] = "=1+1"
    sheet["I2"] = "#N/A"
    sheet["J2"] = CellRichText("Phòng ", TextBlock(InlineFont(b=True), "Tư pháp"))
    sheet["K2"] = "a & b < c"
    sheet["C5"] = datetime(2025, 1, 2, 8, 30)
    sheet["D5"] = date(2025, 1, 3)
    sheet["E5"] = time(17, 0)
    sheet["F5"] = datetime(2025, 1, 2, 0, 0)
    sheet["F5"].number_format = "dd/mm/yyyy hh:mm"
    sheet["G5"] = 45659.5
    sheet["G5"].number_format = "[h]:mm"
    sheet["H5"] = 45659.5
    sheet["H5"].number_format = '"ngày" 0.00'  # letters in quotes: a number
    sheet["I5"] = 45659.35416666666
    sheet["I5"].number_format = "d/m/yy h:mm;@"
    sheet["AB7"] = "cuối"
    data = _saved(workbook)
    streamed = _streamed(data)
    assert streamed == _calamine(data)
    assert sorted(streamed) == [2, 5, 7]
    assert streamed[2][2:4] == ["Mã hồ sơ", "  có khoảng trắng  "]
    assert streamed[5][2] == datetime(2025, 1, 2, 8, 30)


def _with_sheet_xml(data: bytes, transform) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = transform(content)
            target.writestr(item, content)
    return out.getvalue()


def test_a_document_type_declaration_is_refused_so_no_entity_expands():
    workbook = Workbook()
    workbook.active["A1"] = "x"
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
            for n in range(1, 10)
        )
        + b"]>"
    )

    def bomb(content: bytes) -> bytes:
        body = content.split(b"?>", 1)[1] if content.startswith(b"<?xml") else content
        return laughs + body.replace(b"<t>x</t>", b"<t>&lol9;</t>")

    with pytest.raises(XlsxError):
        list(xlsx_rows(io.BytesIO(_with_sheet_xml(_saved(workbook), bomb))))

    def external(content: bytes) -> bytes:
        body = content.split(b"?>", 1)[1] if content.startswith(b"<?xml") else content
        return b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + body.replace(
            b"<t>x</t>", b"<t>&e;</t>"
        )

    with pytest.raises(XlsxError):
        list(xlsx_rows(io.BytesIO(_with_sheet_xml(_saved(workbook), external))))


def test_a_sheet_that_is_not_xml_is_refused():
    workbook = Workbook()
    workbook.active["A1"] = "x"
    broken = _with_sheet_xml(_saved(workbook), lambda content: content[: len(content) // 2])
    with pytest.raises(XlsxError):
        list(xlsx_rows(io.BytesIO(broken)))


@pytest.mark.django_db
def test_a_bad_row_of_an_xlsx_is_located_by_the_sheets_own_row_number(agency, people):
    """Row 1 empty, a title in row 2, headers in row 4, data from column B: the bad date of the
    second dossier is in row 6, as Excel shows it."""
    from dossiers.models import Dossier, DossierImport
    from tests.dossiers.import_support import (
        NATIONAL,
        dossier_row,
        run_import,
        save_suggested_mapping,
    )

    officer = people["iso_officer"]
    save_suggested_mapping(agency, officer)
    workbook = Workbook()
    sheet = workbook.active
    sheet["B2"] = "DANH SÁCH HỒ SƠ"
    for row_number, cells in (
        (4, NATIONAL),
        (5, dossier_row("X1", "02/01/2025 08:00")),
        (6, dossier_row("X2", "ngày 2")),
    ):
        for column, value in enumerate(cells, start=2):
            sheet.cell(row=row_number, column=column, value=value)
    job = run_import(agency, officer, _saved(workbook), name="a.xlsx")
    assert job.status == DossierImport.Status.REJECTED
    assert [(p["row"], p["column"]) for p in job.problems] == [(6, "NgayTiepNhan")]
    assert not Dossier.objects.exists()
