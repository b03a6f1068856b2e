"""The dashboard of an open year and of a closed one in Chromium (issue 19, findings 4 and 6):
the state's rule on hover, the year's verdict once closed, charts with their period names,
values and target drawn under the CSP (no console error), nothing wider than a phone.
Screenshots at 1280 and 375 px go to /tmp/dashboard-year/ (looked at, never committed)."""

from datetime import date
from pathlib import Path

from tests.browser.conftest import DESKTOP, PHONE
from tests.monitoring.conftest import publish_set
from tests.monitoring.evaluation_support import known_results

SHOTS = Path("/tmp/dashboard-year")


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


def test_open_and_closed_year_dashboards(agency, people, browser, monkeypatch):
    known_results(publish_set(agency), people["iso_officer"])
    path = f"/monitoring/{agency.pk}/2024/"
    for name, day in (("open", date(2024, 7, 15)), ("closed", date(2025, 2, 15))):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, day=day, **k: day)
        with browser() as pages:
            pages.login("iso_officer")
            pages.goto(path)
            badge = pages.page.locator("[data-testid=row-state]").first
            title = badge.get_attribute("title")
            counts = pages.page.locator(".state-summary").inner_text()
            svg = pages.page.locator("svg.trend").first.inner_html()
            _shoot(pages, f"dashboard-{name}")
            assert not pages.console_errors, pages.console_errors
            assert not pages.overflowing, pages.overflowing
        if name == "open":
            assert "kỳ gần nhất" in title and "Đúng tiến độ" in counts
        else:
            assert "lũy kế cả năm" in title
            assert "1 · Đạt" in counts and "2 · Không đạt" in counts
            assert "Đúng tiến độ" not in counts
        assert "QI" in svg and "Chỉ tiêu" in svg
