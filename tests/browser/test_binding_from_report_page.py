"""Binding a target from its report page in Chromium (issue 23): the ISO officer sees "Tính từ
hồ sơ một cửa" on the target, binds it from the form the button opens (the target chosen), sees
the computed result "6/9 hồ sơ" with its source import on the report page and the dashboard;
after an override, returns it to the computed figure. No console error (CSP), nothing wider than
a phone. Screenshots at 1280 and 375 px go to /tmp/shots-h23b/ (looked at, never committed)."""

from datetime import date
from pathlib import Path

import pytest

from dossiers.models import DossierImport, TargetMeasure
from monitoring.models import Result
from monitoring.services import result_override
from tests.browser.conftest import DESKTOP, PHONE
from tests.dossiers.test_measures import store_eleven
from tests.monitoring.conftest import add_objective, publish_set

SHOTS = Path("/tmp/shots-h23b")
TODAY = date(2025, 7, 15)

pytestmark = pytest.mark.browser


def _shoot(pages, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = pages.page
    for size, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(size)
        page.wait_for_timeout(50)
        page.screenshot(path=str(SHOTS / f"{name}-{suffix}.png"), full_page=True)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            pages.overflowing.append(f"{name}-{suffix}")
    page.set_viewport_size(DESKTOP)


def test_the_iso_officer_binds_a_target_from_its_report_page(
    agency, department, people, browser, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    objective_set = publish_set(agency, year=2025)
    target = add_objective(
        objective_set,
        content="Thực hiện tốt công tác kiểm soát thủ tục hành chính, tỷ lệ hồ sơ giải quyết "
        "đúng hạn và trước hạn đạt ít nhất 96% đối với hồ sơ một cửa.",
        targets=[{"wording": "đạt ít nhất 96%"}],
    ).targets.get()
    add_objective(objective_set, content="Không có khiếu nại, phản ánh về thái độ phục vụ.")
    store_eleven(agency, department)
    job = DossierImport.objects.create(
        agency=agency,
        original_name="ho-so-mot-cua-quy-1.csv",
        status=DossierImport.Status.DONE,
        rows_total=11,
        created_by=people["iso_officer"],
    )
    DossierImport.objects.filter(pk=job.pk).update(finished_at=job.created_at)
    report = f"/monitoring/{agency.pk}/agency/2025-Q1/"

    with browser() as pages:
        pages.login("iso_officer")
        pages.goto(report)
        offered = pages.page.locator("[data-testid=target-panel]").first.inner_text()
        _shoot(pages, "report-page-offer")
        pages.page.locator("[data-testid=target-panel-bind]").first.click()
        pages.page.locator("[data-testid=picked-target]").wait_for()
        chosen = pages.page.locator("#id_target").input_value()
        _shoot(pages, "bind-form-picked")
        pages.page.select_option("#id_measure", "on_time_rate")
        pages.page.get_by_label(department.name).check()
        pages.page.locator("[data-testid=bind-form] button[type=submit]").click()
        pages.page.locator("[data-testid=period-figures]").first.wait_for()
        pages.goto(report)
        bound_text = pages.page.locator("main").inner_text()
        _shoot(pages, "report-page-bound")
        pages.goto(f"/monitoring/{agency.pk}/2025/")
        dashboard = pages.page.locator("main").inner_text()
        _shoot(pages, "dashboard-computed")
        assert not pages.console_errors, pages.console_errors
        assert not pages.overflowing, pages.overflowing

    assert "Tính từ hồ sơ một cửa" in offered and chosen == str(target.pk)
    bound = TargetMeasure.objects.get(target=target)
    assert list(bound.departments.all()) == [department]
    assert "6/9 hồ sơ" in bound_text and "Lần nhập hồ sơ ngày" in bound_text
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn · " + department.name in bound_text
    assert "hồ sơ" in dashboard and "Tính tự động" in dashboard

    result = Result.objects.get(target=target, period_key="2025-Q1")
    result_override(
        result=result,
        actor=people["iso_officer"],
        reason="Hai hồ sơ nhập sai ngày hẹn trả",
        numerator=8,
        denominator=9,
    )
    with browser() as pages:
        pages.login("iso_officer")
        pages.goto(report)
        _shoot(pages, "report-page-overridden")
        pages.page.get_by_text("Trở lại kết quả tính từ hồ sơ…").click()
        pages.page.locator("[data-testid=restore]").wait_for()
        _shoot(pages, "measure-detail-overridden")
        pages.page.locator("[data-testid=restore]").click()
        pages.page.locator("[data-testid=restore]").wait_for(state="detached")
        pages.page.locator("#k-2025-Q1 summary").click()  # the history of corrections
        history = pages.page.locator("#k-2025-Q1 [data-testid=corrections]").inner_text()
        _shoot(pages, "measure-detail-restored")
        assert not pages.console_errors, pages.console_errors
        assert not pages.overflowing, pages.overflowing

    result.refresh_from_db()
    assert result.is_computed and (result.numerator, result.denominator) == (6, 9)
    assert "Trở lại kết quả tính tự động" in history and "8/9 → 6/9" in history
