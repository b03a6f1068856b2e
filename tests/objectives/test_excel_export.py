"""The set as XLSX, read back with openpyxl; the blank template with its instructions and lists."""

from io import BytesIO

from openpyxl import load_workbook

from objectives.excel.columns import FIRST_DATA_ROW, HEADER_ROW
from objectives.excel.export import set_to_xlsx
from objectives.excel.import_ import set_import_xlsx
from objectives.excel.template import blank_template_xlsx
from tests.objectives.excel_support import rich_set

HEADERS = [
    "TT",
    "Mục",
    "Nội dung mục tiêu",
    "Chỉ số",
    "So sánh",
    "Giá trị",
    "Đơn vị",
    "Mốc so sánh",
    "Cộng dồn",
    "Cách ghi",
    "Cách ghi có trong nội dung",
    "Biện pháp",
    "Nguồn lực",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Người chịu trách nhiệm",
    "Thời gian",
    "Hạn hoàn thành",
    "Kỳ báo cáo",
    "Kỳ báo cáo (in)",
    "Cách đánh giá",
    "Ô chỉ tiêu (in thay)",
    "Ô biện pháp và trách nhiệm (in thay)",
    "Ô thời gian (in thay)",
]


def _sheet(data: bytes, title="Mục tiêu"):
    return load_workbook(BytesIO(data))[title]


def test_it_writes_one_sheet_with_frozen_vietnamese_headers(department, other_department):
    objective_set = rich_set(department.agency, department, other_department)

    workbook = load_workbook(BytesIO(set_to_xlsx(objective_set)))

    assert [s.title for s in workbook.worksheets if s.sheet_state == "visible"] == ["Mục tiêu"]
    sheet = workbook["Mục tiêu"]
    assert [c.value for c in sheet[HEADER_ROW]] == HEADERS
    assert sheet.freeze_panes == f"A{FIRST_DATA_ROW}"
    assert sheet.column_dimensions["C"].width == 48
    assert sheet["C" + str(HEADER_ROW)].font.bold
    assert sheet["A1"].value == "Năm" and sheet["C1"].value == 2024
    assert sheet["C2"].value == "Mục tiêu chất lượng năm 2024 của Văn phòng"


def test_it_writes_a_row_per_section_objective_and_target(department, other_department):
    sheet = _sheet(set_to_xlsx(rich_set(department.agency, department, other_department)))

    rows = [
        [c.value for c in r][:7]
        for r in sheet.iter_rows(min_row=FIRST_DATA_ROW)
        if any(c.value is not None for c in r)
    ]

    assert rows == [
        [1, None, "Không có hồ sơ trễ hạn.", None, None, None, None],
        [None, "I. Đối với cơ quan:", None, None, None, None, None],
        [
            2,
            None,
            "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt ít nhất 96%.",
            "Tỷ lệ đúng hạn",
            "≥",
            96.5,
            "%",
        ],
        [None, None, None, "Số hồ sơ quá hạn", "=", 0, "hồ sơ"],
        [None, "II. Đối với các phòng:", None, None, None, None, None],
        [3, None, "Đào tạo ISO nội bộ.", "Số lớp", "Tăng", 2, "lớp"],
        [None, None, None, None, "Định tính", None, None],
    ]
    main = FIRST_DATA_ROW + 2
    assert sheet[f"N{main}"].value == "Phòng Hành chính - Tổ chức"
    assert sheet[f"O{main}"].value == "Phòng Kiểm soát TTHC"
    assert sheet[f"S{main}"].value == "Hằng quý; 6 tháng"
    assert sheet[f"R{main}"].value.date().isoformat() == "2024-12-31"
    assert sheet[f"K{main + 1}"].value == "x"
    assert not sheet.merged_cells.ranges


def test_the_template_has_instructions_lists_and_no_set(people, agency, department):
    workbook = load_workbook(BytesIO(blank_template_xlsx(agency)))

    assert workbook.sheetnames == ["Hướng dẫn", "Mục tiêu", "Danh mục"]
    assert workbook["Danh mục"].sheet_state == "hidden"
    instructions = " ".join(
        str(c.value) for r in workbook["Hướng dẫn"].iter_rows() for c in r if c.value
    )
    assert "không dùng công thức" in instructions and "Đơn vị chủ trì" in instructions
    sheet = workbook["Mục tiêu"]
    assert [c.value for c in sheet[HEADER_ROW]] == HEADERS
    lists = {str(v.sqref)[0]: v for v in sheet.data_validations.dataValidation}
    assert set(lists) == {"E", "G", "N", "S"}  # comparison, unit, lead unit, frequency
    assert lists["E"].showErrorMessage and not lists["G"].showErrorMessage
    values = workbook["Danh mục"]
    assert [c.value for c in values["A"] if c.value] == [
        "≥",
        "≤",
        "=",
        "Trên",
        "Dưới",
        "Tăng",
        "Giảm",
        "Định tính",
    ]
    assert [c.value for c in values["C"] if c.value] == [
        "Hằng tháng",
        "Hằng quý",
        "6 tháng",
        "Hằng năm",
    ]
    assert values["D1"].value == department.name


def test_the_template_as_downloaded_imports(people, agency):
    created = set_import_xlsx(
        agency=agency, year=2025, actor=people["iso_officer"], data=blank_template_xlsx(agency)
    )
    assert created.objectives.count() == 1
    assert created.sections.get().title == "I. Đối với cơ quan:"
