"""Notifications in real headless Chromium: the head sees the bell's count rise when a document
is issued and waits for publication, follows it from the notification centre and publishes;
a staff member then finds "Chưa đọc" on their home page, reads the set, and after "Tôi đã đọc"
the item (and the bell's count) is gone. The home page of each role and the centre are
photographed at 1280 and 375 px (var/screenshots/notifications/); none scrolls sideways."""

import re

import pytest
from django.utils import timezone

from documents import workflow
from documents.models import Status
from notifications import kinds
from notifications.models import Notification
from objectives.models import Acknowledgement, ObjectiveSet
from tests.browser.conftest import SCREENSHOTS
from tests.objectives.views_support import set_with_objectives

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fast_render"),
]


def bell(page) -> str:
    badge = page.locator("[data-testid=bell-badge]")
    return badge.inner_text().split()[0] if badge.count() else "0"


def shoot(pages, name: str) -> None:
    pages.shoot(f"notifications/{name}")


def check_clean(pages) -> None:
    assert pages.console_errors == [], pages.console_errors
    assert pages.overflowing == [], f"pages wider than 375 px: {pages.overflowing}"


def test_the_head_is_told_to_publish_and_staff_to_read(agency, people, browser):
    (SCREENSHOTS / "notifications").mkdir(parents=True, exist_ok=True)
    document = set_with_objectives(agency, status=Status.APPROVED, approved=True)
    set_with_objectives(agency, year=2026, status=Status.RETURNED, return_comment="Bổ sung.")

    with browser() as pages:
        page = pages.page
        pages.login("head")
        assert bell(page) == "0"
        shoot(pages, "home-head-before")
        pages.logout()

    workflow.document_issue(  # the records officer issues: the publishers are told
        document=document,
        actor=people["records_officer"],
        number=None,
        symbol="QĐ-VP",
        issued_on=timezone.localdate(),
    )
    assert Notification.objects.filter(user=people["head"], kind=kinds.DOCUMENT_TO_PUBLISH).exists()

    with browser() as pages:
        page = pages.page
        pages.login("head")
        assert bell(page) == "1"
        assert page.locator("[data-testid=home-to-publish] a").count() == 1
        shoot(pages, "home-head")
        page.click("[data-testid=nav-bell]")
        page.wait_for_url(re.compile(r"/notifications/$"))
        assert "chờ công bố" in page.locator("[data-testid=notification-group]").inner_text()
        shoot(pages, "centre-head")
        page.click("[data-testid=notification-open]")
        page.wait_for_url(re.compile(rf"/sets/{document.pk}/$"))
        assert bell(page) == "0"  # opened: read
        page.click("[data-testid=publish-set]")
        page.locator("[data-testid=message]").first.wait_for()
        pages.goto("/notifications/preferences/")
        shoot(pages, "preferences")
        pages.logout()

        for role in ("iso_officer", "records_officer"):
            pages.login(role)
            shoot(pages, f"home-{role}")
            pages.logout()
        check_clean(pages)

    assert ObjectiveSet.objects.get(pk=document.pk).status == Status.PUBLISHED
    assert Notification.objects.filter(
        user=people["staff"], kind=kinds.DOCUMENT_PUBLISHED, read_at__isnull=True
    ).exists()

    with browser() as pages:
        page = pages.page
        pages.login("staff")
        item = page.locator("[data-testid=to-read-item]")
        assert item.count() == 1 and "Chưa đọc" in item.inner_text()
        assert bell(page) == "1"
        assert page.locator("[data-testid=home-to-approve]").count() == 0
        shoot(pages, "home-staff")
        pages.goto("/notifications/")
        shoot(pages, "centre-staff")
        pages.goto("/")
        item.locator("a").click()
        page.click("[data-testid=acknowledge-button]")
        page.locator("[data-testid=acknowledged]").wait_for()
        pages.goto("/")
        assert page.locator("[data-testid=to-read-item]").count() == 0
        assert bell(page) == "0"
        shoot(pages, "home-staff-read")
        check_clean(pages)

    assert Acknowledgement.objects.filter(user=people["staff"], objective_set=document).exists()
