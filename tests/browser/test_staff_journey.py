"""The whole journey, and the staff and people pages, in real headless Chromium.

The ISO officer drafts from last year, the head returns it, the deputy approves "KT.", the
records officer issues it, the ISO officer publishes it; a staff member finds it without
diacritics, reads it, acknowledges it and downloads the PDF; the ISO officer sees who has read
it; an outsider gets 404 for every URL of the set. An administrator manages the people.

Every page is photographed at 1280 and 375 px (var/screenshots/, the journey in
var/screenshots/journey/), none scrolls sideways, and axe-core finds no serious or critical
accessibility violation. axe-core is injected from tests/browser/axe/ into a browser context
that bypasses the Content Security Policy: only the test browser does that; the pages
themselves keep the strict policy.
"""

import re
import warnings
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from documents.models import Status
from objectives.models import Acknowledgement, ObjectiveSet
from tests.browser.conftest import CHROMIUM_ARGS, DESKTOP, SCREENSHOTS, Pages
from tests.browser.test_drafting_journey import (
    RETURN_COMMENT,
    deputy_approves,
    officer_drafts_from_last_year,
    officer_fixes_and_resubmits,
    pdf_text,
    records_officer_issues,
    renderer_is_placeholder,
)
from tests.objectives.reading_data import published_set
from tests.objectives.views_support import set_with_objectives

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


# --- the whole journey ------------------------------------------------------------------------


class JourneyPages(AxePages):
    """Screenshots of the journey go to var/screenshots/journey/."""

    def shoot(self, name: str) -> None:
        (SCREENSHOTS / "journey").mkdir(parents=True, exist_ok=True)
        super().shoot(f"journey/{name}")


@pytest.fixture
def journey_browser(chromium, live_server):
    from playwright.sync_api import sync_playwright

    @contextmanager
    def open_browser():
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            context = instance.new_context(
                viewport=DESKTOP, locale="vi-VN", bypass_csp=True, accept_downloads=True
            )
            context.set_default_timeout(15_000)
            try:
                yield JourneyPages(context.new_page(), live_server.url)
            finally:
                context.close()
                instance.close()

    return open_browser


def head_returns(pages) -> None:
    page = pages.page
    pages.login("head")
    page.click("[data-testid=nav-inbox]")
    page.locator("[data-testid=inbox] a").first.click()
    page.wait_for_url(re.compile(r"/review/$"))
    pages.shoot("review-head")
    page.fill("textarea[name=comment]", RETURN_COMMENT)
    page.click("[data-testid=return]")
    page.wait_for_url(re.compile(r"/inbox/$"))
    assert "Đã trả lại" in message(page)
    pages.logout()


def officer_publishes(pages, set_url: str) -> None:
    page = pages.page
    pages.login("iso_officer")
    pages.goto(set_url)
    pages.shoot("before-publish")
    page.click("[data-testid=publish-set]")
    page.locator("[data-testid=message]").first.wait_for()
    pages.shoot("published")
    pages.logout()


def staff_find_read_acknowledge_download(pages) -> bytes:
    page = pages.page
    pages.login("staff")
    page.click("[data-testid=nav-reading]")
    pages.shoot("staff-reading-list")
    page.fill("[data-testid=reading-search-input]", "phan mem mot cua")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/reading/search/"))
    assert page.locator("[data-testid=reading-item]").count() == 1
    pages.shoot("staff-search")
    page.locator("[data-testid=reading-item] a").first.click()
    page.wait_for_url(re.compile(r"/reading/\d+/$"))
    assert "phần mềm một cửa" in page.locator("[data-testid=reading-document]").inner_text()
    pages.shoot("staff-reads")
    page.click("[data-testid=acknowledge-button]")
    page.locator("[data-testid=acknowledged]").wait_for()
    pages.shoot("staff-acknowledged")
    with page.expect_download() as download_info:
        page.click("[data-testid=download-pdf]")
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as downloaded:
        content = downloaded.read()
    pages.logout()
    return content


def officer_sees_the_reader(pages, reading_url: str) -> None:
    page = pages.page
    pages.login("iso_officer")
    pages.goto(reading_url)
    page.click("[data-testid=readers-link]")
    assert "Staff" in page.locator("[data-testid=has-read-list]").inner_text()
    assert "Staff" not in page.locator("[data-testid=not-read-list]").inner_text()
    pages.shoot("readers")
    pages.logout()


def outsider_gets_404_everywhere(pages, get_urls, post_urls) -> None:
    page = pages.page
    pages.login("outsider")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    for url in get_urls:
        assert page.request.get(pages.base_url + url).status == 404, url
    for url in post_urls:
        response = page.request.post(pages.base_url + url, headers={"X-CSRFToken": token})
        assert response.status == 404, url
    pages.logout()


def set_urls(objective_set) -> tuple[list[str], list[str]]:
    pk = objective_set.pk
    get_urls = [
        f"/sets/{pk}/",
        f"/sets/{pk}/edit/",
        f"/sets/{pk}/review/",
        f"/sets/{pk}/issue/",
        f"/sets/{pk}/preview.pdf",
        f"/reading/{pk}/",
        f"/reading/{pk}/pdf/",
        f"/reading/{pk}/readers/",
        f"/reading/{pk}/readers.xlsx",
        f"/reading/{pk}/readers.csv",
        f"/files/{objective_set.issued_file.name}",
    ]
    post_urls = [
        f"/sets/{pk}/submit/",
        f"/sets/{pk}/return/",
        f"/sets/{pk}/approve/",
        f"/sets/{pk}/withdraw/",
        f"/sets/{pk}/revise/",
        f"/sets/{pk}/publish/",
        f"/reading/{pk}/acknowledge/",
    ]
    return get_urls, post_urls


def test_the_whole_journey_from_draft_to_staff_reading(agency, people, journey_browser):
    agency.governing_body = "UBND TỈNH ĐỒNG NAI"
    agency.save()
    set_with_objectives(
        agency,
        year=2024,
        status=Status.PUBLISHED,
        number=12,
        symbol="QĐ-VP",
        issued_on=date(2024, 1, 5),
    )

    with journey_browser() as pages:
        editor_url, _ = officer_drafts_from_last_year(pages)
        head_returns(pages)
        check_clean(pages)
    draft = ObjectiveSet.objects.get(year=2025)
    assert (draft.status, draft.return_comment) == (Status.RETURNED, RETURN_COMMENT)

    with journey_browser() as pages:
        officer_fixes_and_resubmits(pages, editor_url)
        deputy_approves(pages)
        records_officer_issues(pages)
        officer_publishes(pages, draft.get_absolute_url())
        check_clean(pages)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.signing_lines == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    with draft.issued_file.open("rb") as issued:
        issued_bytes = issued.read()

    reading_url = reverse("objectives:reading_detail", args=[draft.pk])
    with journey_browser() as pages:
        downloaded = staff_find_read_acknowledge_download(pages)
        officer_sees_the_reader(pages, reading_url)
        outsider_gets_404_everywhere(pages, *set_urls(draft))
        check_clean(pages)

    assert downloaded == issued_bytes
    assert Acknowledgement.objects.filter(objective_set=draft, user=people["staff"]).count() == 1
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    flat = " ".join(pdf_text(downloaded).split())
    assert "MỤC TIÊU CHẤT LƯỢNG NĂM 2025" in flat.upper()
    if renderer_is_placeholder():
        warnings.warn(
            "documents/render.py is still the placeholder: the downloaded PDF's "
            "number, objectives and signing block are not checked",
            stacklevel=1,
        )
        return
    assert "Số: 01 " in flat and "MTCL" not in flat and "phần mềm một cửa" in flat
    assert "KT. CHÁNH VĂN PHÒNG" in flat
