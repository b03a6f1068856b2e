"""Conformity announcements and the annual inspection plan in Chromium. The ISO officer records
the scope, drafts the announcement (a bad website address is said at its field) and submits
it; once issued, the agency's page shows it on file, and a changed scope the banner offering a
re-announcement; the overseer's list shows it. The body's inspector generates the plan, sets
too few agencies on site and is told how many are needed. Screenshots at 1280 and 375 px
(var/screenshots/conformity-*, plan-*)."""

import datetime

import pytest

from conformity import services as conformity_services
from conformity.models import ConformityAnnouncement
from documents.models import Status
from inspections.models import InspectionPlan
from tests.factories_oversight import the_oversight
from tests.inspections.plan_support import YEAR, plan_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROCEDURES = (
    "Cấp giấy phép xây dựng nhà ở riêng lẻ\nĐăng ký biến động quyền sử dụng đất\n"
    "Chứng thực bản sao từ bản chính"
)


def test_the_iso_officer_drafts_and_the_page_shows_the_announcement_on_file(
    browser, agency, outsider_agency, people
):
    the_oversight(agency, outsider_agency)
    with browser() as pages:
        pages.login("iso_officer")
        pages.goto("/conformity/")
        pages.page.wait_for_selector("[data-testid=scope-form]")
        pages.page.fill("#id_activities", "Xây dựng\nĐất đai\nTư pháp")
        pages.page.fill("#id_procedures", PROCEDURES)
        pages.page.click("[data-testid=scope-form] button[type=submit]")
        pages.page.click("[data-testid=start-announcement]")
        pages.page.wait_for_selector("[data-testid=announcement-form]")
        pages.page.fill("#id_posted_at_office", "Bảng tin Bộ phận Một cửa, tầng 1")
        pages.page.fill("#id_website_url", "trang của văn phòng")
        pages.page.click("[data-testid=save-announcement]")
        pages.page.wait_for_selector("#id_website_url.is-invalid")
        invalid = pages.page.inner_text("[data-testid=announcement-form]")
        pages.shoot("conformity-draft-invalid")
        pages.page.fill("#id_website_url", "https://vpubnd.dongnai.gov.vn/iso")
        pages.page.click("[data-testid=save-announcement]")
        pages.page.click("[data-testid=submit-announcement]")
        pages.page.wait_for_selector("[data-testid=conformity-actions]")
        pages.shoot("conformity-submitted")
        errors = list(pages.console_errors)
    assert "Hãy nhập địa chỉ trang web đầy đủ" in invalid
    announcement = ConformityAnnouncement.objects.get()
    assert announcement.status == Status.SUBMITTED
    assert announcement.posted_at_office == "Bảng tin Bộ phận Một cửa, tầng 1"
    # Issued (as the records officer would) on 05/01/2026, then the scope changes.
    ConformityAnnouncement.objects.filter(pk=announcement.pk).update(
        status=Status.ISSUED, number=12, symbol="QĐ-VP", issued_on=datetime.date(2026, 1, 5)
    )
    conformity_services.scope_save(
        agency=agency,
        actor=people["iso_officer"],
        activities="Xây dựng\nĐất đai\nTư pháp",
        procedures=PROCEDURES + "\nCấp bản sao trích lục hộ tịch",
    )
    with browser() as pages:
        pages.login("iso_officer")
        pages.goto(f"/conformity/agency/{agency.pk}/")
        pages.page.wait_for_selector("[data-testid=scope-differs]")
        on_file = pages.page.inner_text("[data-testid=on-file]")
        pages.shoot("conformity-agency")
        pages.logout()
        pages.login("inspector")
        pages.goto("/conformity/")
        pages.page.wait_for_selector("[data-testid=overseer-announcements]")
        listing = pages.page.inner_text("[data-testid=overseer-announcements]")
        pages.shoot("conformity-overseer")
        errors += pages.console_errors
        overflowing = pages.overflowing
    assert "12/QĐ-VP" in on_file and "05/01/2026" in on_file
    assert "12/QĐ-VP" in listing and "05/01/2026" in listing
    assert not errors and not overflowing


def test_the_inspector_generates_the_plan_and_is_told_how_many_on_site(
    browser, agency, outsider_agency, people
):
    world = plan_world(agency, outsider_agency, people)
    with browser() as pages:
        pages.login("inspector")
        pages.goto("/inspections/plans/")
        pages.page.fill(f"#year-{world['body'].pk}", str(YEAR))
        pages.page.click("[data-testid=start-plan]")
        pages.page.wait_for_selector("[data-testid=plan-form]")
        pages.shoot("plan-draft")
        selects = pages.page.locator("[data-testid=plan-entry] select[name^=mode_]")
        for i in range(selects.count()):
            selects.nth(i).select_option("paper")
        pages.page.click("[data-testid=save-plan]")
        pages.page.wait_for_selector("[data-testid=plan-problems]")
        problems = pages.page.inner_text("[data-testid=plan-problems]")
        pages.page.click("[data-testid=submit-plan]")
        pages.page.wait_for_selector("[data-testid=plan-problems]")
        pages.shoot("plan-refused")
        errors = pages.console_errors
        overflowing = pages.overflowing
    assert "ít nhất một phần ba số cơ quan: 2/6 cơ quan; kế hoạch mới có 0." in problems
    assert InspectionPlan.objects.get().status == Status.DRAFT
    assert not errors and not overflowing
