"""An inspection in real headless Chromium (issue 21): from an issued plan's entry the
inspector starts the inspection of agency A, fills the art. 36 checklist (the agency's published
objectives shown beside the policy-and-objectives item; a nonconformity without text refused at
its field), approves the minutes and signs them for the inspecting unit; the agency's head signs
them for the agency (a second, incremental signature); the nonconformity is now the agency's
corrective action, which its ISO officer answers (cause, action) and closes; the body's
administrator downloads the December report, which counts it closed. Photographed at 1280 and
375 px (var/screenshots/inspections/); none scrolls sideways, no console error."""

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
from inspections.models import Inspection
from tests import pki
from tests.factories import ObjectiveSetFactory
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
    return entry


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
        page.click(f"[data-testid=to-start] a[href='/inspections/plan-entry/{entry.pk}/start/']")
        page.locator("[data-testid=start-inspection]").wait_for()
        pages.shoot("inspections/start")
        page.click("[data-testid=start-inspection]")
        page.locator("[data-testid=stage]").wait_for()
        inspection_url = page.url
        pages.shoot("inspections/inspection-new")
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
