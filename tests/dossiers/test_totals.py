"""The Biểu 06 report as XLSX: lines per unit with the period from the title, checked sums,
bad lines located, re-import replaces a unit's period."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from dossiers.models import DossierImport, DossierPeriodTotals
from dossiers.totals import period_from_title
from tests.dossiers.import_support import run_import

pytestmark = pytest.mark.django_db


def bieu_06(lines, title="Kỳ báo cáo: Quý I năm 2025") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Biểu số 06/VPCP/KSTT"])
    sheet.append(["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC"])
    sheet.append([title])
    sheet.append(["STT", "Đơn vị", "Số hồ sơ nhận giải quyết", None, None, None, "Đã giải quyết"])
    sheet.append([None, None, "Tổng số", "Trực tuyến", "Trực tiếp, BCCI", "Từ kỳ trước"])
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"])
    for number, line in enumerate(lines, start=1):
        sheet.append([number, *line])
    sheet.append([None, "Tổng cộng", *[0] * 11])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


GOOD = [
    ["Phòng Tư pháp", 100, 60, 30, 10, 90, 50, 30, 10, 10, 8, 2],
    ["Phòng Kinh tế", 20, 10, 10, 0, 18, 10, 6, 2, 2, 2, 0],
]


def test_it_stores_each_units_line_for_the_period_of_the_title(people, agency):
    job = run_import(agency, people["iso_officer"], bieu_06(GOOD), "b06.xlsx", kind="totals")
    assert job.status == DossierImport.Status.DONE, job.problems
    line = DossierPeriodTotals.objects.get(agency=agency, processing_unit="Phòng Tư pháp")
    assert (line.period_start, line.period_end) == (date(2025, 1, 1), date(2025, 3, 31))
    assert (line.received_total, line.received_online, line.received_carried_over) == (100, 60, 10)
    assert (line.resolved_before, line.resolved_on_time, line.resolved_late) == (50, 30, 10)
    assert (line.pending_within, line.pending_overdue, line.source_import) == (8, 2, job)
    assert job.rows_total == 2


def test_a_line_whose_total_is_not_its_parts_is_located_and_nothing_is_stored(people, agency):
    bad = [GOOD[0], ["Phòng Kinh tế", 20, 10, 10, 0, 18, 10, 6, 3, 2, 2, "hai"]]
    job = run_import(agency, people["iso_officer"], bieu_06(bad), "b06.xlsx", kind="totals")
    assert job.status == DossierImport.Status.REJECTED
    located = {(p["row"], p["column"]) for p in job.problems}
    assert located == {(8, "M"), (8, "G")}
    assert not DossierPeriodTotals.objects.exists()


def test_reimporting_a_period_replaces_the_units_line(people, agency):
    run_import(agency, people["iso_officer"], bieu_06(GOOD), "b06.xlsx", kind="totals")
    fixed = [["Phòng Tư pháp", 101, 61, 30, 10, 90, 50, 30, 10, 11, 9, 2]]
    job = run_import(agency, people["iso_officer"], bieu_06(fixed), "b06.xlsx", kind="totals")
    assert (job.rows_created, job.rows_updated) == (0, 1)
    assert DossierPeriodTotals.objects.filter(agency=agency).count() == 2
    assert DossierPeriodTotals.objects.get(processing_unit="Phòng Tư pháp").received_total == 101


def test_without_a_period_in_the_title_the_uploaded_period_is_used(people, agency):
    data = bieu_06(GOOD, title="Số liệu tổng hợp")
    job = run_import(agency, people["iso_officer"], data, "b06.xlsx", kind="totals")
    assert job.status == DossierImport.Status.REJECTED
    assert "kỳ báo cáo" in job.problems[0]["message"]
    period = (date(2025, 4, 1), date(2025, 6, 30))
    job = run_import(agency, people["iso_officer"], data, "b06.xlsx", kind="totals", period=period)
    assert job.status == DossierImport.Status.DONE, job.problems
    assert DossierPeriodTotals.objects.filter(period_start=date(2025, 4, 1)).count() == 2


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Từ ngày 01/01/2025 đến ngày 31/03/2025", (date(2025, 1, 1), date(2025, 3, 31))),
        ("Kỳ báo cáo: Quý III năm 2025", (date(2025, 7, 1), date(2025, 9, 30))),
        ("6 tháng đầu năm 2025", (date(2025, 1, 1), date(2025, 6, 30))),
        ("Năm 2024", (date(2024, 1, 1), date(2024, 12, 31))),
    ],
)
def test_it_reads_the_period_of_the_title(title, period):
    assert period_from_title(title) == period
