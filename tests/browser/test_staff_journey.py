"""Staff read the published objectives, and an administrator manages the agency's people, in
real headless Chromium. Every page is photographed at 1280 and 375 px (var/screenshots/), none
scrolls sideways, and axe-core finds no serious or critical accessibility violation.

axe-core is injected from tests/browser/axe/ into a browser context that bypasses the Content
Security Policy: only the test browser does that; the pages themselves keep the strict policy.
"""

import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from objectives.models import Acknowledgement
from tests.browser.conftest import CHROMIUM_ARGS, DESKTOP, SCREENSHOTS, Pages
from tests.objectives.reading_data import published_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "axe" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""


class AxePages(Pages):
    """Pages that also run axe-core on every screenshot."""

    def __init__(self, page, base_url: str):
        super().__init__(page, base_url)
        self.violations: dict[str, list[str]] = {}

    def shoot(self, name: str) -> None:
        super().shoot(name)
        self.page.add_script_tag(path=str(AXE))
        found = self.page.evaluate(AXE_RUN)
        if found:
            self.violations[name] = found


@pytest.fixture
def axe_browser(chromium, live_server):
    """`with axe_browser() as pages:` — Chromium whose context bypasses CSP to inject axe."""
    from playwright.sync_api import sync_playwright

    @contextmanager
    def open_browser():
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            context = instance.new_context(viewport=DESKTOP, locale="vi-VN", bypass_csp=True)
            context.set_default_timeout(15_000)
            try:
                yield AxePages(context.new_page(), live_server.url)
            finally:
                context.close()
                instance.close()

    return open_browser


def check_clean(pages) -> None:
    """No script or CSP errors (a page answered 4xx on purpose logs one line: that is fine)."""
    errors = [e for e in pages.console_errors if "responded with a status of 4" not in e]
    assert errors == [], errors
    assert pages.overflowing == [], f"pages wider than 375 px: {pages.overflowing}"
    assert pages.violations == {}, pages.violations


def message(page) -> str:
    return page.locator("[data-testid=message]").first.inner_text()


def test_staff_read_and_administrators_manage_people(agency, department, people, axe_browser):
    old = published_set(agency, year=2024, status="superseded")
    current = published_set(agency, year=2025, revises=old, revision=1)
    published_set(agency, department=department, year=2025)

    with axe_browser() as pages:
        page = pages.page
        pages.login("staff")
        page.click("[data-testid=nav-reading]")
        page.wait_for_url(re.compile(r"/reading/$"))
        pages.shoot("reading-list")
        page.fill("[data-testid=reading-search-input]", "dong nai")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/reading/search/"))
        assert page.locator("[data-testid=reading-item]").count() == 3
        pages.shoot("reading-search")
        pages.goto(f"/reading/{old.pk}/")
        pages.shoot("reading-superseded")
        pages.goto(f"/reading/{current.pk}/")
        pages.shoot("reading-detail")
        page.emulate_media(media="print")
        assert not page.locator("nav.navbar").is_visible()
        assert not page.locator("[data-testid=acknowledge-box]").is_visible()
        page.screenshot(path=str(SCREENSHOTS / "reading-detail-print.png"), full_page=True)
        page.emulate_media(media="screen")
        page.click("[data-testid=acknowledge-button]")
        page.locator("[data-testid=acknowledged]").wait_for()
        pages.shoot("reading-acknowledged")
        pages.logout()

        pages.login("iso_officer")
        pages.goto(f"/reading/{current.pk}/")
        page.click("[data-testid=readers-link]")
        assert "Staff" in page.locator("[data-testid=has-read-list]").inner_text()
        pages.shoot("reading-readers")
        pages.logout()

        pages.login("administrator")
        page.click("[data-testid=nav-people]")
        page.wait_for_url(re.compile(r"/people/\d+/$"))
        people_url = page.url
        pages.shoot("people-list")
        page.click("[data-testid=member-add]")
        page.fill("#id_email", "staff@example.gov.vn")
        page.click("[data-testid=member-add-submit]")
        assert (
            "đã là thành viên"
            in page.locator("#id_email ~ .invalid-feedback, .invalid-feedback").first.inner_text()
        )
        pages.shoot("people-add-error")
        page.goto(people_url)
        page.click("[data-testid=member-import]")
        page.set_input_files(
            "#id_file",
            files=[
                {
                    "name": "nhan-su.csv",
                    "mimeType": "text/csv",
                    "buffer": "họ tên,email\nLê Thị Hoa,sai-email\n".encode(),
                }
            ],
        )
        page.click("[data-testid=import-submit]")
        page.locator("[data-testid=import-errors]").wait_for()
        pages.shoot("people-import-errors")
        page.goto(people_url)
        page.locator("[data-testid=member-row] a").first.click()
        pages.shoot("people-edit")
        check_clean(pages)

    assert Acknowledgement.objects.filter(objective_set=current, user=people["staff"]).exists()
