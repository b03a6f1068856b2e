"""Corrective actions in real headless Chromium (issue 19, finding 14): at year end the ISO
officer sees a missed target on the dashboard with "Ghi nhận nguyên nhân, hành động khắc phục",
follows it, is told a missing cause next to the field, records the action; the list shows it
overdue later; the staff member who carries it out reports it done; the ISO officer closes it.
Photographed at 1280 and 375 px (var/screenshots/corrective/); none scrolls sideways, no console
error."""

import pytest

from corrective.models import CorrectiveAction, Status
from tests.corrective.test_from_dashboard import _missed_target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_missed_target_gets_its_corrective_action(agency, people, browser, monkeypatch):
    from datetime import date

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2025, 1, 15))
    _missed_target(agency, people)

    with browser() as pages:
        page = pages.page
        pages.login("iso_officer")
        pages.goto(f"/monitoring/{agency.pk}/2024/")
        page.locator("[data-testid=corrective-link]").wait_for()
        pages.shoot("corrective/dashboard-link")
        page.click("[data-testid=corrective-link]")
        page.locator("#id_cause").wait_for()
        page.select_option("#id_owner_person", label="Staff")
        page.fill("#id_action", "Lập sổ theo dõi hồ sơ liên thông, nhắc trước hạn 3 ngày.")
        page.fill("#id_due_date", "2025-01-10")
        page.click("[data-testid=action-submit]")
        assert "bắt buộc" in page.locator(".invalid-feedback").first.inner_text()
        pages.shoot("corrective/form-error")
        page.fill("#id_cause", "Hai hồ sơ đất đai chờ ý kiến của sở quá hạn.")
        page.click("[data-testid=action-submit]")
        page.locator("[data-testid=status]").wait_for()
        pages.shoot("corrective/detail-open")
        pages.goto(f"/corrective/agency/{agency.pk}/2024/")
        page.locator("[data-testid=overdue]").wait_for()
        pages.shoot("corrective/list")
        pages.goto(f"/monitoring/{agency.pk}/2024/")
        page.locator("[data-testid=open-corrective-actions]").wait_for()
        pages.shoot("corrective/dashboard-open-actions")
        pages.logout()
        assert pages.console_errors == [] and pages.overflowing == []

    action = CorrectiveAction.objects.get()
    assert action.status == Status.OPEN

    with browser() as pages:
        page = pages.page
        pages.login("staff")
        pages.goto(action.get_absolute_url())
        page.fill("#id_outcome", "Đã lập sổ, hai hồ sơ đã trả.")
        page.click("text=Báo đã thực hiện")
        page.locator("[data-testid=status]").wait_for()
        pages.shoot("corrective/detail-done")
        pages.logout()
        pages.login("iso_officer")
        pages.goto(f"/corrective/{action.pk}/close/")
        pages.shoot("corrective/close")
        page.fill("#id_outcome", "Quý IV không còn hồ sơ quá hạn.")
        page.click("[data-testid=close-submit]")
        page.locator("[data-testid=history]").wait_for()
        pages.shoot("corrective/detail-closed")
        assert pages.console_errors == [] and pages.overflowing == []

    action.refresh_from_db()
    assert action.status == Status.CLOSED and action.closed_by == people["iso_officer"]
