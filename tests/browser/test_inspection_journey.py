"""An inspection in real headless Chromium (issue 21): from an issued plan's entry the
inspector starts the inspection of agency A, fills the art. 36 checklist (the agency's published
objectives shown beside the policy-and-objectives item; a nonconformity without text refused at
its field), approves the minutes and signs them for the inspecting unit; the agency's head signs
them for the agency (a second, incremental signature); the nonconformity is now the agency's
corrective action, which its ISO officer answers (cause, action) and closes; the body's
administrator downloads the December report, which counts it closed, then prepares the December
report as a document, which the head of the body's agency approves and its records officer
issues (number, signature): its issued PDF, and the decision on the inspection made from the
inspection's page and issued the same way, are read back against NĐ30 with pdfplumber.
Photographed at 1280 and 375 px (var/screenshots/inspections/); none scrolls sideways, no
console error."""

import datetime
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from corrective.models import CorrectiveAction
from corrective.models import Status as CorrectiveStatus
from documents.models import Status
from inspections.models import DecemberReport, Inspection, InspectionDecision
from tests import pki
from tests.factories import MembershipFactory, ObjectiveSetFactory, UserFactory
from tests.factories_inspection import IssuedPlanFactory, PlanEntryFactory
from tests.factories_oversight import the_oversight

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world(settings, tmp_path, ca, agency, outsider_agency):
    overseers = the_oversight(agency, outsider_agency)
    body = overseers["inspector"].oversight_memberships.get().body
    year = timezone.localdate().year
    ObjectiveSetFactory(agency=agency, year=year, published=True, with_objectives=3)
    plan = IssuedPlanFactory(body=body, year=year, issued_on=datetime.date(year, 1, 15))
    entry = PlanEntryFactory(plan=plan, agency=agency)
    pki.write_signing_config(
        settings, tmp_path, body.agency.short_name, pki.make_certificate(ca, "Sở KH&CN"), ca
    )
    pki.write_signing_config(
        settings, tmp_path, agency.short_name, pki.make_certificate(ca, "Văn phòng UBND"), ca
    )
    settings.SITE_URL = "https://qms.example.gov.vn"
    body.agency.head_title = "Giám đốc"
    body.agency.save()
    for username, flags in (
        ("body_head", {"is_head": True}),
        ("body_records", {"is_records_officer": True}),
    ):
        user = UserFactory(username=username, first_name="Trần Văn", last_name=username.title())
        MembershipFactory(user=user, agency=body.agency, **flags)
    return entry


def _approve_and_issue(pages, url: str, name: str) -> None:
    """The head of the body's agency approves the document at `url`; its records officer issues
    it with the number offered."""
    page = pages.page
    pages.login("body_head")
    pages.goto(url)
    with page.expect_navigation():
        page.click("[data-testid=approve-document]")
    page.locator("[data-testid=issue-document]").wait_for(state="detached")
    pages.logout()
    pages.login("body_records")
    pages.goto(url)
    page.click("[data-testid=issue-document]")
    page.locator("[data-testid=issue-form]").wait_for()
    page.click("[data-testid=issue-submit]")
    page.locator("[data-testid=issued-pdf]").wait_for()
    pages.shoot(f"inspections/{name}-issued")
    pages.logout()


def _nd30_text(data: bytes) -> tuple[str, str, set]:
    """(first page's text, the whole text on one line, the watermark's letters if any)."""
    with pdfplumber.open(BytesIO(data)) as document:
        big = {c["text"] for p in document.pages for c in p.chars if c["size"] > 50}
        first = document.pages[0].extract_text()
        text = " ".join((p.extract_text() or "") for p in document.pages)
    return first, " ".join(text.split()), big


NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def test_plan_to_signed_minutes_to_closed_corrective_action(
    settings, tmp_path, ca, agency, outsider_agency, people, browser
):
    entry = _world(settings, tmp_path, ca, agency, outsider_agency)

    with browser() as pages:
        page = pages.page
        pages.login("inspector")
        pages.goto("/inspections/")
        page.locator("[data-testid=to-start]").wait_for()
        pages.shoot("inspections/list-to-start")
        pages.goto(entry.plan.get_absolute_url())  # the issued plan leads to each inspection
        page.locator(f"[data-testid=start-inspection-{entry.pk}]").wait_for()
        pages.shoot("inspections/plan-issued")
        page.click(f"[data-testid=start-inspection-{entry.pk}]")
        page.locator("[data-testid=start-inspection]").wait_for()
        pages.shoot("inspections/start")
        page.click("[data-testid=start-inspection]")
        page.locator("[data-testid=stage]").wait_for()
        inspection_url = page.url
        pages.shoot("inspections/inspection-new")
        page.click("[data-testid=start-decision]")
        page.locator("[data-testid=decision-articles]").wait_for()
        decision_url = page.url
        pages.shoot("inspections/decision-draft")
        with page.expect_navigation():
            page.click("[data-testid=submit-document]")
        page.locator("[data-testid=submit-document]").wait_for(state="detached")
        pages.goto(inspection_url.removeprefix(pages.base_url))
        page.click("[data-testid=open-checklist]")
        page.locator("[data-testid=published-objectives]").wait_for()
        for fieldset in page.locator("fieldset[data-testid^=item-]").all():
            fieldset.locator("input[value=conforms]").check()
        audit = page.locator("[data-testid=item-internal_audit]")
        audit.locator("input[value=nonconformity]").check()
        page.click("[data-testid=save-checklist]")
        assert "Hãy ghi rõ" in audit.locator(".invalid-feedback").inner_text()
        audit.locator("textarea").fill("Chưa đánh giá nội bộ trong năm.")
        page.fill("#id_conclusion", "Hệ thống được duy trì; còn 01 điểm không phù hợp.")
        pages.shoot("inspections/checklist")
        page.click("[data-testid=save-checklist]")
        page.locator("[data-testid=approve-minutes]").wait_for()
        page.click("[data-testid=approve-minutes]")
        page.locator("[data-testid=sign-unit]").wait_for()
        pages.shoot("inspections/inspection-to-sign")
        page.fill("#id_number", "7")
        page.click("[data-testid=sign-unit]")
        page.locator("[data-testid=minutes-prepared]").wait_for()
        pages.logout()
        pages.login("head")
        page.goto(inspection_url)
        page.click("[data-testid=sign-agency]")
        page.locator("[data-testid=minutes-verify]").wait_for()
        pages.shoot("inspections/inspection-signed")
        page.click("[data-testid=minutes-verify]")
        page.locator("text=Văn phòng UBND").first.wait_for()
        pages.shoot("inspections/verify")
        pages.logout()
        assert pages.console_errors == [] and pages.overflowing == []

    inspection = Inspection.objects.get(plan_entry=entry)
    minutes = inspection.minutes
    assert minutes.status == Status.PUBLISHED and minutes.number_and_symbol == "07/BB-SKHCN"
    with minutes.issued_file.open("rb") as stored:
        reader = PdfFileReader(BytesIO(stored.read()))
        assert len(reader.embedded_regular_signatures) == 2
    action = CorrectiveAction.objects.get()
    assert action.agency == agency and action.status == CorrectiveStatus.OPEN

    with browser() as pages:
        _approve_and_issue(pages, decision_url.removeprefix(pages.base_url), "decision")
        pages.login("head")  # the inspected agency reads the issued decision
        pages.goto(inspection.get_absolute_url())
        pages.page.locator("[data-testid=decision-issued]").wait_for()
        pages.shoot("inspections/inspection-decision-issued")
        assert pages.console_errors == [] and pages.overflowing == []
    decision = InspectionDecision.objects.get(inspection=inspection)
    assert decision.status == Status.ISSUED and decision.number_and_symbol == "01/QĐ-SKHCN"
    with decision.issued_file.open("rb") as stored:
        first, text, big = _nd30_text(stored.read())
    for line in (*NATIONAL, "QUYẾT ĐỊNH", "Số: 01/QĐ-SKHCN"):
        assert line in first, line
    assert not big
    for line in (
        "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐỒNG NAI",
        "Căn cứ Quyết định số 19/2014/QĐ-TTg",
        "Căn cứ Thông tư số 26/2014/TT-BKHCN",
        "QUYẾT ĐỊNH:",
        f"tại {agency.name}",
        "Hình thức kiểm tra: Kiểm tra",
        "Trưởng đoàn",
        "thi hành Quyết định này./.",
    ):
        assert line in text, line

    with browser() as pages:
        page = pages.page
        pages.login("iso_officer")
        pages.goto(f"/corrective/{action.pk}/edit/")
        page.fill("#id_cause", "Chưa phân công chuyên gia đánh giá nội bộ.")
        page.fill("#id_action", "Thành lập đoàn đánh giá nội bộ, đánh giá trong tháng tới.")
        page.click("[data-testid=action-submit]")
        page.locator("[data-testid=status]").wait_for()
        pages.goto(f"/corrective/{action.pk}/close/")
        page.fill("#id_outcome", "Đã đánh giá nội bộ; báo cáo gửi đơn vị kiểm tra.")
        page.click("[data-testid=close-submit]")
        page.locator("[data-testid=history]").wait_for()
        pages.goto(inspection.get_absolute_url())
        page.locator("[data-testid=corrective-link]").wait_for()
        pages.shoot("inspections/inspection-closed")
        assert pages.console_errors == [] and pages.overflowing == []

    action.refresh_from_db()
    assert action.status == CorrectiveStatus.CLOSED and action.cause

    with browser() as pages:
        page = pages.page
        pages.login("oversight_admin")
        pages.goto("/inspections/")
        page.click("[data-testid=reports-link]")
        page.locator("[data-testid=report-figures]").wait_for()
        pages.shoot("inspections/reports")
        with page.expect_download() as download:
            page.click("[data-testid=report-december-pdf]")
        report = Path(download.value.path()).read_bytes()
        assert pages.console_errors == [] and pages.overflowing == []

    with pdfplumber.open(BytesIO(report)) as document:
        text = " ".join((p.extract_text() or "") for p in document.pages)
    text = " ".join(text.split())
    assert "Kính gửi: Bộ Khoa học và Công nghệ" in text
    assert "Số hành động khắc phục đã hoàn thành 1" in text

    # The December report as a document: prepared by the body's administrator (the figures
    # frozen today), approved by the head of the body's agency, issued by its records officer.
    with browser() as pages:
        page = pages.page
        pages.login("oversight_admin")
        pages.goto("/inspections/")
        page.click("[data-testid=reports-link]")
        page.click("[data-testid=start-december]")
        page.locator("[data-testid=document-figures]").wait_for()
        report_url = page.url.removeprefix(pages.base_url)
        pages.shoot("inspections/report-draft")
        with page.expect_navigation():
            page.click("[data-testid=submit-document]")
        page.locator("[data-testid=submit-document]").wait_for(state="detached")
        pages.logout()
        _approve_and_issue(pages, report_url, "report")
        pages.login("oversight_admin")
        pages.goto(report_url)
        page.click("nav .breadcrumb-item:nth-child(2) a")  # back to the year's reports
        page.locator("[data-testid=report-document]").first.wait_for()
        pages.shoot("inspections/reports-issued")
        assert pages.console_errors == [] and pages.overflowing == []

    issued = DecemberReport.objects.get()
    assert issued.status == Status.ISSUED and issued.number_and_symbol == "01/BC-SKHCN"
    with issued.issued_file.open("rb") as stored:
        data = stored.read()
    assert len(PdfFileReader(BytesIO(data)).embedded_regular_signatures) == 1
    first, text, big = _nd30_text(data)
    for line in (*NATIONAL, "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐỒNG NAI", "Số: 01/BC-SKHCN", "BÁO CÁO"):
        assert line in first, line
    assert not big
    assert "Kính gửi: Bộ Khoa học và Công nghệ" in text
    assert "Số hành động khắc phục đã hoàn thành 1" in text
    assert "GIÁM ĐỐC" in text and "Nơi nhận" in text
