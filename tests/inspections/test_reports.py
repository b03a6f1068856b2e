"""The November summary and the December report to the Ministry, assembled from the data: one
signed inspection of agency A with a nonconformity and an observation, read back from the
figures, from the PDF (pdfplumber: NĐ30 header, "BÁO CÁO", the addressee, landscape, the named
figures, the table per item and per agency) and from the XLSX."""

import datetime
import io
import re

import pdfplumber
import pytest
from openpyxl import load_workbook

from corrective.models import CorrectiveAction
from corrective.models import Status as CorrectiveStatus
from inspections import services_inspection as services
from inspections.reports import DECEMBER, NOVEMBER, report_of, report_pdf, report_xlsx
from oversight.models import Deadline, DeadlineKind

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 12, 10)


@pytest.fixture
def signed(approved, people, both_certificates):
    minutes = services.minutes_sign_inspecting_unit(
        minutes=approved,
        actor=people["inspector"],
        number=None,
        issued_on=datetime.date(2024, 5, 15),
    )
    return services.minutes_sign_agency(minutes=minutes, actor=people["head"])


def _without_watermark(page):
    """The page without the "DỰ THẢO" letters (the reports are not issued documents)."""
    return page.filter(lambda o: o.get("object_type") != "char" or o["size"] <= 50)


def _figures(report) -> dict:
    return dict(report.figures)


def test_it_counts_what_was_inspected_found_and_corrected(signed, body):
    figures = _figures(report_of(body=body, year=2024, kind=DECEMBER, today=TODAY))
    assert figures["in_scope"] == 1 and figures["inspected"] == 1
    assert figures["on_site"] == 1 and figures["on_paper"] == 0
    assert figures["minutes_signed"] == 1
    assert figures["nonconformities"] == 1 and figures["observations"] == 1
    assert (figures["actions_closed"], figures["actions_open"]) == (0, 1)
    assert figures["published_on_time"] == "Đơn vị quản lý chưa đặt hạn công bố mục tiêu"
    CorrectiveAction.objects.update(status=CorrectiveStatus.CLOSED)
    figures = _figures(report_of(body=body, year=2024, kind=DECEMBER, today=TODAY))
    assert (figures["actions_closed"], figures["actions_open"]) == (1, 0)


def test_objectives_on_time_follow_the_bodys_deadline(signed, body):
    Deadline.objects.create(
        body=body,
        year=2024,
        kind=DeadlineKind.OBJECTIVES_PUBLISHED,
        due_on=datetime.date(2024, 1, 31),
    )
    report = report_of(body=body, year=2024, kind=DECEMBER, today=TODAY)
    assert report.figures["published_on_time"] == 0  # A published nothing in 2024
    assert report.rows[0].on_time is False


def test_the_december_report_prints_as_nd30_landscape(signed, body):
    pdf = report_pdf(report_of(body=body, year=2024, kind=DECEMBER, today=TODAY))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert page.width > page.height
        pages = [_without_watermark(p) for p in document.pages]
        text = re.sub(r"\s+", " ", "\n".join(p.extract_text() or "" for p in pages))
        rows = [r for p in pages for t in p.extract_tables() for r in t]
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐỒNG NAI",
        "BÁO CÁO",
        "Kính gửi: Bộ Khoa học và Công nghệ",
        "Số cơ quan đã được kiểm tra",
        "Số hành động khắc phục chưa hoàn thành",
    ):
        assert line in text
    cells = [[re.sub(r"\s+", " ", c or "").strip() for c in row] for row in rows]
    audit = next(r for r in cells if r[1:2] == ["Thực hiện đánh giá nội bộ"])
    assert audit[2:] == ["0", "0", "1"]
    agency = next(r for r in cells if r[1:2] == ["Văn phòng UBND tỉnh Đồng Nai"])
    assert agency[3] == "Trực tiếp" and agency[5] == "1" and agency[7] == "0/1"


def test_the_november_summary_goes_to_the_so_and_the_peoples_committee(signed, body):
    pdf = report_pdf(report_of(body=body, year=2024, kind=NOVEMBER, today=TODAY))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = re.sub(r"\s+", " ", _without_watermark(document.pages[0]).extract_text())
    assert "CHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG" in text
    assert "Ủy ban nhân dân Đồng Nai" in text


def test_the_xlsx_names_every_figure(signed, body):
    data = report_xlsx(report_of(body=body, year=2024, kind=DECEMBER, today=TODAY))
    workbook = load_workbook(io.BytesIO(data))
    figures = {
        row[0]: row[1] for row in workbook["Tong hop"].iter_rows(min_row=5, values_only=True)
    }
    assert figures["Số cơ quan đã được kiểm tra"] == 1
    assert figures["Số điểm không phù hợp"] == 1
    agencies = list(workbook["Theo co quan"].iter_rows(min_row=2, values_only=True))
    assert agencies[0][1] == "Văn phòng UBND tỉnh Đồng Nai"
