"""The oversight body's pages in Chromium: the inspector opens the table of several agencies
(filters, a late one marked), drills down into one agency (its published set, never its draft)
and the agency's internal audits; an ISO officer records an internal audit. Screenshots at
1280 and 375 px (var/screenshots/oversight-*)."""

import datetime

import pytest
from django.utils import timezone

from audits.models import InternalAudit, ManagementReview
from documents.models import Status
from oversight.models import Deadline, DeadlineKind
from tests.factories import AgencyFactory, ObjectiveSetFactory
from tests.factories_oversight import OversightScopeFactory, the_oversight

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world(agency, outsider_agency, people):
    users = the_oversight(agency, outsider_agency)
    for user in users.values():
        user.set_password("demo-Password-1")
        user.save()
    body = users["inspector"].oversight_memberships.get().body
    ObjectiveSetFactory(
        agency=agency,
        year=2024,
        published=True,
        published_at=timezone.make_aware(datetime.datetime(2024, 1, 20, 9, 0)),
        with_objectives=3,
        title="Mục tiêu chất lượng năm 2024",
    )  # on time for the body's deadline of 31/01/2024
    ObjectiveSetFactory(
        agency=agency, year=2024, status=Status.DRAFT, revision=1, title="Dự thảo sửa đổi"
    )
    for name, governing, status in (
        ("Sở Tư pháp tỉnh Đồng Nai", "UBND TỈNH ĐỒNG NAI", Status.PUBLISHED),
        ("Sở Y tế tỉnh Đồng Nai", "UBND TỈNH ĐỒNG NAI", Status.SUBMITTED),
        ("UBND xã Phú Lý", "UBND HUYỆN VĨNH CỬU", Status.DRAFT),
        ("Ban Dân tộc tỉnh Đồng Nai", "UBND TỈNH ĐỒNG NAI", None),
    ):
        other = AgencyFactory(name=name, governing_body=governing)
        OversightScopeFactory(body=body, agency=other)
        if status:
            ObjectiveSetFactory(
                agency=other,
                year=2024,
                with_objectives=4,
                **({"published": True} if status == Status.PUBLISHED else {"status": status}),
            )
    InternalAudit.objects.create(
        agency=agency,
        held_on=datetime.date(2024, 11, 20),
        scope="Bộ phận Một cửa; quá trình tiếp nhận và trả kết quả; điều khoản 8.5, 9.1.",
        findings_count=4,
        nonconformities_count=1,
        recorded_by=people["iso_officer"],
    )
    ManagementReview.objects.create(
        agency=agency, held_on=datetime.date(2024, 12, 10), scope="Xem xét đầu vào 9.3.2."
    )
    Deadline.objects.create(
        body=body,
        year=2024,
        kind=DeadlineKind.OBJECTIVES_PUBLISHED,
        due_on=datetime.date(2024, 1, 31),
    )
    return body


def test_the_inspector_reads_the_table_and_drills_down(browser, agency, outsider_agency, people):
    body = _world(agency, outsider_agency, people)
    with browser() as pages:
        pages.login("inspector")
        pages.page.click("[data-testid=nav-oversight]")  # the body's menu
        pages.page.click("[data-testid=nav-oversight-table]")  # this year's table
        pages.page.wait_for_url("**/oversight/**")
        pages.goto(f"/oversight/{body.pk}/2024/")
        pages.page.wait_for_selector("[data-testid=oversight-table]")
        assert pages.page.locator("[data-testid=agency-row]").count() == 5
        pages.shoot("oversight-table")
        pages.page.check("#f-late")
        pages.page.click("form button[type=submit]:has-text('Lọc')")
        pages.page.wait_for_selector("[data-testid=oversight-table]")
        late = pages.page.locator("[data-testid=agency-row]").count()
        pages.goto(f"/oversight/{body.pk}/2024/co-quan/{agency.pk}/")
        text = pages.page.inner_text("main") if pages.page.locator("main").count() else ""
        text = text or pages.page.inner_text("body")
        pages.shoot("oversight-agency")
        pages.goto(f"/audits/agency/{agency.pk}/2024/")
        pages.shoot("oversight-audits")
        errors = pages.console_errors
    assert late == 4  # agency A published on 20/01/2024, before the body's 31/01
    assert "Mục tiêu chất lượng năm 2024" in text and "Dự thảo sửa đổi" not in text
    assert not errors
