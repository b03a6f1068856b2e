"""A result computed from the dossiers in Chromium (issue 23): marked "Tính tự động" with its
source import on the dashboard and the entry page, its numerator and denominator ("6/9 hồ sơ"),
the override page, the bindings and one binding's figures; no console error (CSP), nothing
wider than a phone. Screenshots at 1280 and 375 px go to /tmp/computed-results/ (looked at,
never committed)."""

from datetime import date
from pathlib import Path

import pytest

from dossiers.measures import measure_recompute
from dossiers.models import DossierImport, Measure, TargetMeasure
from monitoring.models import Result
from monitoring.reminders import entry_url
from monitoring.selectors import effective_plan
from tests.browser.conftest import DESKTOP, PHONE
from tests.dossiers.test_measures import store_eleven
from tests.monitoring.conftest import add_objective, publish_set

SHOTS = Path("/tmp/computed-results")
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


def test_a_computed_result_on_the_dashboard_and_the_entry_page(
    agency, department, people, browser, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    target = add_objective(
        publish_set(agency, year=2025),
        content="Thực hiện tốt công tác kiểm soát thủ tục hành chính, tỷ lệ hồ sơ giải quyết "
        "đúng hạn và trước hạn đạt ít nhất 96% đối với hồ sơ một cửa.",
        targets=[{"wording": "đạt ít nhất 96%"}],
    ).targets.get()
    store_eleven(agency, department)
    job = DossierImport.objects.create(
        agency=agency,
        original_name="ho-so-mot-cua-quy-1.csv",
        status=DossierImport.Status.DONE,
        rows_total=11,
        created_by=people["iso_officer"],
    )
    DossierImport.objects.filter(pk=job.pk).update(finished_at=job.created_at)
    bound = TargetMeasure.objects.create(
        target=target, agency=agency, measure=Measure.ON_TIME_RATE, created_by=people["iso_officer"]
    )
    measure_recompute(measure=bound, today=TODAY)
    plan = effective_plan(target.objective)
    entry = entry_url(plan.agency_id, plan.department_id, "2025-Q2")
    override = f"/monitoring/results/{Result.objects.get(period_key='2025-Q2').pk}/override/"
    with browser() as pages:
        pages.login("iso_officer")
        pages.goto(f"/monitoring/{agency.pk}/2025/")
        dashboard = pages.page.locator("main").inner_text()
        _shoot(pages, "dashboard")
        pages.goto(entry)
        entry_text = pages.page.locator("main").inner_text()
        readonly = pages.page.locator(f"#id_t{target.pk}-numerator").get_attribute("readonly")
        _shoot(pages, "entry")
        pages.goto(override)
        _shoot(pages, "override")
        pages.goto(f"/dossiers/{agency.pk}/chi-tieu/")
        _shoot(pages, "measures")
        pages.goto(f"/dossiers/chi-tieu/{bound.pk}/")
        detail = pages.page.locator("main").inner_text()
        _shoot(pages, "measure-detail")
        assert not pages.console_errors, pages.console_errors
        assert not pages.overflowing, pages.overflowing
    assert "Tính tự động" in dashboard and "Lần nhập hồ sơ ngày" in dashboard
    assert "Tính tự động" in entry_text and readonly is not None
    assert "Quý I/2025" in detail and "6/9 hồ sơ" in detail
