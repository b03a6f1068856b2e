"""The evaluation report's XLSX read back with openpyxl: a row per target with numbers as
numbers, outcomes and comments; the summary sheet; text that looks like a formula stays text."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from evaluation.services import report_update
from evaluation.xlsx import report_xlsx
from tests.monitoring.evaluation_support import YEAR_END

HEADER_ROW = 5


@pytest.fixture
def workbook(report, people):
    objectives = list(report.objective_set.objectives.order_by("order"))
    report = report_update(
        report=report,
        actor=people["iso_officer"],
        version=report.version,
        fields={
            "review_conclusions": '=HYPERLINK("http://example.com","Bấm vào đây")',
            "review_actions": "Khắc phục lỗi phần mềm\nTập huấn lại quy trình",
        },
        comments={objectives[1].pk: "=1+1 hồ sơ quá hạn"},
    )
    return load_workbook(io.BytesIO(report_xlsx(report, today=YEAR_END)))


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))


def test_it_has_a_results_sheet_with_a_row_per_target(workbook):
    sheet = workbook["Kết quả"]
    assert sheet["A1"].value == "Văn phòng UBND tỉnh Đồng Nai"
    assert sheet["A2"].value == "Báo cáo kết quả thực hiện Mục tiêu chất lượng năm 2024"
    assert "15/01/2025" in sheet["A3"].value
    header, *rows = _rows(sheet)
    assert header[:7] == (
        "TT",
        "Mục",
        "Mục tiêu",
        "Đơn vị báo cáo",
        "Chỉ số",
        "Chỉ tiêu",
        "Kết quả năm",
    )
    assert header[-3:] == ("Đánh giá chỉ tiêu", "Đánh giá mục tiêu", "Nhận xét của đơn vị")
    assert [row[0] for row in rows] == [1, 2, 3, 4, 4]
    assert sheet.freeze_panes == "D6"


def test_values_are_numbers_and_outcomes_are_words(workbook):
    _header, *rows = _rows(workbook["Kết quả"])
    on_time, late, no_data, classes, audits = rows
    assert Decimal(str(on_time[6])) == Decimal("97.5")
    assert (on_time[8], on_time[9]) == (975, 1000)
    assert on_time[10] == "97,5% (975/1.000)"
    assert (on_time[11], on_time[12]) == ("Đạt", "Đạt")
    assert (late[5], late[6], late[7], late[11]) == ("bằng không", 2, "hồ sơ", "Không đạt")
    assert (no_data[6], no_data[11]) == (None, "Chưa có số liệu")
    assert (classes[11], audits[11]) == ("Đạt", "Không đạt")
    assert classes[12] == audits[12] == "Không đạt"


def test_text_that_looks_like_a_formula_stays_text(workbook):
    sheet = workbook["Kết quả"]
    comment = sheet.cell(row=HEADER_ROW + 2, column=14)
    assert comment.value == "=1+1 hồ sơ quá hạn" and comment.data_type == "s"
    summary = workbook["Tổng hợp"]
    cells = [c for row in summary.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    assert '=HYPERLINK("http://example.com","Bấm vào đây")' in [c.value for c in cells]


def test_the_summary_sheet_counts_and_carries_the_review(workbook):
    values = {row[0]: row[1] for row in workbook["Tổng hợp"].iter_rows(values_only=True)}
    assert values["Tổng số mục tiêu"] == 4
    assert (values["Đạt"], values["Không đạt"], values["Chưa có số liệu"]) == (1, 2, 1)
    assert values["Tóm tắt"].endswith("tỷ lệ mục tiêu đạt 25%.")
    assert values["Hành động tiếp theo"] == "- Khắc phục lỗi phần mềm\n- Tập huấn lại quy trình"
