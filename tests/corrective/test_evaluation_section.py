"""The year-end evaluation report lists the year's corrective actions with their status: live
while a draft, frozen with the figures on submit (a later closing does not change it), in the
PDF (read back with pdfplumber) and in the XLSX."""

import io

import pdfplumber
from openpyxl import load_workbook

from corrective.models import Status
from evaluation.pdf import render_report
from evaluation.selectors import report_evaluation
from evaluation.services import report_start, report_submit
from evaluation.xlsx import report_xlsx
from tests.corrective.conftest import YEAR_END, make_action
from tests.monitoring.conftest import add_objective, publish_set, put


def _report(agency, people):
    objective_set = publish_set(agency)
    objective = add_objective(objective_set, frequencies=("yearly",))
    put(objective.targets.get(), "2024-Y", numerator=90, denominator=100, user=people["staff"])
    return report_start(objective_set=objective_set, actor=people["iso_officer"])


def _pdf_text(report) -> str:
    with pdfplumber.open(io.BytesIO(render_report(report, final=False))) as pdf:
        return " ".join((page.extract_text() or "") for page in pdf.pages)


def test_the_report_lists_the_years_actions_frozen_on_submit(agency, department, people, year_end):
    action = make_action(agency, people, department)
    make_action(agency, people, department, year=2023, nonconformity="Việc của năm trước")
    report = _report(agency, people)

    rows = report_evaluation(report, today=YEAR_END).corrective_actions
    assert [(r["nonconformity"], r["status"], r["overdue"]) for r in rows] == [
        (action.nonconformity, Status.OPEN, True)
    ]

    report = report_submit(report=report, actor=people["iso_officer"])
    assert report.figures["corrective_actions"][0]["status"] == Status.OPEN
    # Closed after the submission: the submitted report keeps what it froze.
    action.status = Status.CLOSED
    action.outcome = "Đã khắc phục."
    action.save()
    report.refresh_from_db()

    text = " ".join(_pdf_text(report).split())
    assert "III. HÀNH ĐỘNG KHẮC PHỤC" in text
    assert "Tỷ lệ hồ sơ quá hạn bằng không: Không đạt" in text
    assert "Nguyên nhân: Thiếu cán bộ tiếp nhận trong quý II." in text
    assert "hạn 10/07/2024" in text
    assert "Tình trạng: Đang thực hiện (quá hạn)." in text
    assert "Đã khắc phục." not in text and "Việc của năm trước" not in text

    sheet = load_workbook(io.BytesIO(report_xlsx(report, today=YEAR_END)))["Khắc phục"]
    values = [cell.value for cell in sheet[4]]
    assert values[1] == action.nonconformity
    assert values[5:8] == ["10/07/2024", "Đang thực hiện", "Có"]


def test_a_report_without_actions_has_no_such_part(agency, people, year_end):
    report = _report(agency, people)
    assert "HÀNH ĐỘNG KHẮC PHỤC" not in _pdf_text(report)


def test_figures_frozen_before_corrective_actions_still_read(agency, people, year_end):
    report = report_submit(report=_report(agency, people), actor=people["iso_officer"])
    report.figures.pop("corrective_actions")
    report.save(update_fields=["figures"])
    assert report_evaluation(report, today=YEAR_END).corrective_actions == []
