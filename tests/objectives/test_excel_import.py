"""Import: every kind of bad input is reported with sheet, row and column in Vietnamese, all at
once, and nothing is saved; a good file becomes one Draft."""

import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from documents.models import DocumentEvent, Status
from objectives.excel import import_
from objectives.excel.columns import FIRST_DATA_ROW
from objectives.excel.import_ import set_import_xlsx
from objectives.excel.problems import ImportRejected
from objectives.models import Objective, ObjectiveSet, Section, Target
from qms_objectives.errors import WorkflowError
from tests.factories import ObjectiveSetFactory
from tests.objectives.excel_support import good_rows, row, template_with

LEGACY = "Môc tiªu chÊt l­îng n¨m 2024"  # TCVN3 text read as Unicode
ROW = FIRST_DATA_ROW  # the first data row of the sheet


def _counts():
    return (
        ObjectiveSet.objects.count(),
        Section.objects.count(),
        Objective.objects.count(),
        Target.objects.count(),
        DocumentEvent.objects.count(),
    )


def _reject(people, agency, data, **kwargs) -> list[str]:
    """Import as the ISO officer; assert it is refused and changed nothing; the problems."""
    before = _counts()
    with pytest.raises(ImportRejected) as caught:
        set_import_xlsx(agency=agency, year=2025, actor=people["iso_officer"], data=data, **kwargs)
    assert _counts() == before
    return [str(p) for p in caught.value.problems]


def _edit(data: bytes, change) -> bytes:
    workbook = load_workbook(BytesIO(data))
    change(workbook["Mục tiêu"])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_good_file_creates_one_draft(people, agency, department):
    rows = good_rows() + [
        row(
            number=2,
            content="Khảo sát sự hài lòng.",
            lead_unit="HCTC",
            value=90,
            unit="%",
            comparison="Tối thiểu (≥)",
            reporting_frequencies="Hằng quý; 6 tháng",
        )
    ]
    data = template_with(agency, rows, set_fields={"preamble": "Lời mở đầu riêng."})

    created = set_import_xlsx(agency=agency, year=2025, actor=people["iso_officer"], data=data)

    created.refresh_from_db()
    assert created.status == Status.DRAFT and created.preamble == "Lời mở đầu riêng."
    assert [s.title for s in created.sections.all()] == ["I. Đối với cơ quan:"]
    first, second = created.objectives.order_by("order")
    assert [(t.comparison, t.value, t.unit) for t in first.targets.order_by("order")] == [
        ("at_least", 96, "%"),
        ("exactly", 0, "hồ sơ"),
    ]
    assert second.lead_unit == department
    assert second.reporting_frequencies == ["quarterly", "half_yearly"]
    assert first.history.first().history_user == people["iso_officer"]


def test_it_reads_a_cell_formatted_as_percent(people, agency):
    def percent(sheet):
        cell = sheet.cell(row=ROW + 1, column=6, value=0.96)
        cell.number_format = "0%"

    data = _edit(template_with(agency, good_rows()), percent)

    created = set_import_xlsx(agency=agency, year=2025, actor=people["iso_officer"], data=data)

    assert created.objectives.get().targets.order_by("order").first().value == 96


def test_it_reports_missing_content(people, agency):
    rows = [
        row(number=1, content=None, measures="Theo dõi hằng tuần."),
        row(number=2, content="Đúng hạn.", comparison="≥", value=96, unit="%"),
    ]
    problems = _reject(people, agency, template_with(agency, rows))
    assert problems == [f"Trang “Mục tiêu”, dòng {ROW}, cột C: Thiếu nội dung mục tiêu."]


def test_it_reports_a_target_row_before_any_objective(people, agency):
    problems = _reject(people, agency, template_with(agency, [row(comparison="≥", value=1)]))
    assert f"Trang “Mục tiêu”, dòng {ROW}, cột C: Thiếu nội dung mục tiêu." in problems


def test_it_reports_a_value_that_is_not_a_number(people, agency):
    rows = [row(number=1, content="Đúng hạn.", comparison="≥", value="chín mươi", unit="%")]
    problems = _reject(people, agency, template_with(agency, rows))
    assert problems == [
        f"Trang “Mục tiêu”, dòng {ROW}, cột F: Giá trị phải là một số (ví dụ 96 hoặc 96,5), "
        "không phải “chín mươi”."
    ]


def test_it_reports_an_unknown_department(people, agency):
    rows = [
        row(
            number=1,
            content="Đúng hạn.",
            comparison="≥",
            value=96,
            unit="%",
            lead_unit="Phòng Không Có",
            supporting_units="HCTC; Phòng Ma",
        )
    ]
    problems = _reject(people, agency, template_with(agency, rows))
    assert problems == [
        f"Trang “Mục tiêu”, dòng {ROW}, cột N: Không có phòng, đơn vị “Phòng Không Có” trong "
        "Văn phòng UBND tỉnh Đồng Nai.",
        f"Trang “Mục tiêu”, dòng {ROW}, cột O: Không có phòng, đơn vị “Phòng Ma” trong "
        "Văn phòng UBND tỉnh Đồng Nai.",
    ]


def test_it_reports_a_percentage_over_100(people, agency):
    rows = [row(number=1, content="Đúng hạn.", comparison="≥", value=120, unit="%")]
    problems = _reject(people, agency, template_with(agency, rows))
    assert problems == [f"Trang “Mục tiêu”, dòng {ROW}, cột F: Tỷ lệ phần trăm phải từ 0 đến 100."]


def test_it_reports_formulas(people, agency):
    data = _edit(
        template_with(agency, good_rows()),
        lambda sheet: sheet.cell(row=ROW + 1, column=6, value="=90+6"),
    )
    problems = _reject(people, agency, data)
    assert problems[0].startswith(f"Trang “Mục tiêu”, dòng {ROW + 1}, cột F: Ô có công thức")


def test_it_reports_merged_cells(people, agency):
    data = _edit(
        template_with(agency, good_rows()),
        lambda sheet: sheet.merge_cells(f"L{ROW + 1}:M{ROW + 1}"),
    )
    problems = _reject(people, agency, data)
    assert problems == [
        f"Trang “Mục tiêu”, dòng {ROW + 1}, cột L: Ô gộp L{ROW + 1}:M{ROW + 1}: hãy bỏ gộp ô "
        "(Merge & Center) rồi ghi mỗi giá trị vào một ô."
    ]


def test_it_reports_legacy_encoded_text(people, agency):
    rows = [row(number=1, content=LEGACY, comparison="≥", value=96, unit="%")]
    problems = _reject(people, agency, template_with(agency, rows, set_fields={"title": LEGACY}))
    assert [p.split(":")[0] for p in problems] == [
        "Trang “Mục tiêu”, dòng 2, cột C",
        f"Trang “Mục tiêu”, dòng {ROW}, cột C",
    ]
    assert "bảng mã cũ TCVN3" in problems[1]


def test_it_reports_bad_comparison_date_frequency_and_flag(people, agency):
    rows = [
        row(
            number=1,
            content="Đúng hạn.",
            comparison="khoảng",
            value=96,
            unit="%",
            deadline="cuối năm",
            reporting_frequencies="Hằng tuần",
            is_cumulative="có lẽ",
        )
    ]
    problems = _reject(people, agency, template_with(agency, rows))
    assert [p.split(":")[0] for p in problems] == [
        f"Trang “Mục tiêu”, dòng {ROW}, cột E",
        f"Trang “Mục tiêu”, dòng {ROW}, cột I",
        f"Trang “Mục tiêu”, dòng {ROW}, cột R",
        f"Trang “Mục tiêu”, dòng {ROW}, cột S",
    ]


def test_it_reports_every_problem_at_once(people, agency):
    rows = [
        row(section="I. Đối với cơ quan:"),
        row(number=1, content="Đúng hạn.", comparison="≥", value="abc", unit="%"),
        row(number=2, content=None, measures="Theo dõi."),
        row(number=3, content="Tỷ lệ.", comparison="≥", value=150, unit="%", lead_unit="Ma"),
        row(number=4, content=LEGACY, comparison="Định tính"),
    ]
    problems = _reject(people, agency, template_with(agency, rows))
    rows_reported = [int(p.split("dòng ")[1].split(",")[0]) for p in problems]
    assert len(problems) == 5
    assert sorted(set(rows_reported)) == [ROW + 1, ROW + 2, ROW + 3, ROW + 4]


def test_it_refuses_an_empty_file(people, agency):
    assert _reject(people, agency, b"") == ["Tệp trống."]


@pytest.mark.parametrize(
    "data",
    [
        b"TT;Noi dung\n1;Dung han\n",  # a CSV
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,  # an old .xls
        b"PK\x03\x04 broken zip",
    ],
)
def test_it_refuses_a_file_that_is_not_xlsx(people, agency, data):
    assert _reject(people, agency, data)[0].startswith("Tệp không phải là tệp Excel .xlsx")


def test_it_refuses_a_zip_that_is_not_a_workbook(people, agency):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert _reject(people, agency, buffer.getvalue())[0].startswith("Tệp không phải")


def test_it_refuses_a_file_too_large(people, agency, monkeypatch):
    data = template_with(agency, good_rows())
    monkeypatch.setattr(import_, "MAX_UPLOAD_BYTES", len(data) - 1)
    assert _reject(people, agency, data)[0].startswith("Tệp quá lớn")


def test_it_refuses_a_file_too_large_once_unpacked(people, agency, monkeypatch):
    monkeypatch.setattr(import_, "MAX_UNPACKED_BYTES", 1000)
    problems = _reject(people, agency, template_with(agency, good_rows()))
    assert problems == ["Tệp quá lớn khi giải nén; hãy bớt dữ liệu thừa."]


def test_it_refuses_a_sheet_without_the_header(people, agency):
    workbook = Workbook()
    workbook.active.append(["STT", "Nội dung"])
    workbook.active.append([1, "Đúng hạn"])
    buffer = BytesIO()
    workbook.save(buffer)
    problems = _reject(people, agency, buffer.getvalue())
    assert problems[0].startswith("Trang “Sheet”: Không tìm thấy dòng tiêu đề cột")


def test_it_refuses_a_sheet_without_objectives(people, agency):
    problems = _reject(people, agency, template_with(agency, [row(section="I. Mục trống")]))
    assert problems == ["Trang “Mục tiêu”: Trang không có mục tiêu nào."]


def test_it_refuses_a_second_open_set(people, agency):
    ObjectiveSetFactory(agency=agency, year=2025, status=Status.RETURNED)
    problems = _reject(people, agency, template_with(agency, good_rows()))
    assert problems[0].startswith("Văn phòng UBND tỉnh Đồng Nai đã có bộ mục tiêu năm 2025")


@pytest.mark.parametrize("role", ["staff", "head", "records_officer", "outsider"])
def test_it_refuses_those_who_may_not_start_a_set(people, agency, role):
    before = _counts()
    with pytest.raises(WorkflowError) as caught:
        set_import_xlsx(
            agency=agency, year=2025, actor=people[role], data=template_with(agency, good_rows())
        )
    assert caught.value.code == "forbidden"
    assert _counts() == before


def test_a_department_head_may_not_import_another_departments_set(people, agency, other_department):
    before = _counts()
    with pytest.raises(WorkflowError):
        set_import_xlsx(
            agency=agency,
            department=other_department,
            year=2025,
            actor=people["department_head"],
            data=template_with(agency, good_rows()),
        )
    assert _counts() == before


def test_it_refuses_xml_entities(people, agency):
    """An "XML bomb" (entities expanding to gigabytes) is refused unread: openpyxl parses with
    defusedxml when it is installed, which it must be."""
    import openpyxl

    assert openpyxl.DEFUSEDXML
    source = BytesIO(template_with(agency, good_rows()))
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    target = BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            copy.writestr(item, bomb if item.filename.startswith("xl/worksheets/") else data)
    assert _reject(people, agency, target.getvalue())[0].startswith("Tệp không phải")


def test_a_vietnamese_file_imports_on_an_english_page(people, agency):
    from django.utils import translation

    rows = [
        row(
            number=1,
            content="Đúng hạn.",
            comparison="Tối thiểu (≥)",
            value=96,
            unit="%",
            reporting_frequencies="Hằng quý; 6 tháng",
        ),
    ]
    with translation.override("en"):
        created = set_import_xlsx(
            agency=agency, year=2025, actor=people["iso_officer"], data=template_with(agency, rows)
        )
    objective = created.objectives.get()
    assert objective.reporting_frequencies == ["quarterly", "half_yearly"]
    assert objective.targets.get().comparison == "at_least"


def test_it_reads_a_number_written_as_vietnamese_text(people, agency):
    def as_text(sheet):
        sheet.cell(row=ROW + 2, column=6, value="1.000")  # "= 0 hồ sơ" becomes 1.000 hồ sơ

    data = _edit(template_with(agency, good_rows()), as_text)

    created = set_import_xlsx(agency=agency, year=2025, actor=people["iso_officer"], data=data)

    assert created.objectives.get().targets.order_by("order").last().value == 1000
