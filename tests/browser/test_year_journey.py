"""A year of one agency's published objectives in Chromium (issue 19, "done when"): quarterly
plans for a department without a head's account and one with; Q1 results entered with an
evidence PDF; reminders for a period left unreported, seen by the reporter; the agency head
confirming the department without a head (one step up the line) and the department head their
own; a correction after confirmation, with its reason, in the history; a corrective action for
a "Không đạt"; in January the ISO officer starts the year-end report, the head approves, the
records officer issues it, and the dashboard shows the closed year's verdicts as the report
has them. Nothing wider than a phone, no console or CSP error. Screenshots at 1280 and 375 px
go to /tmp/issue19-year/ (looked at, never committed)."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from corrective.models import CorrectiveAction
from documents.models import DocumentEvent, Status
from evaluation.models import EvaluationReport
from evaluation.selectors import Evaluation
from monitoring.models import PeriodConfirmation, Result
from monitoring.periods import period_from_key
from monitoring.services import objective_plan_save
from notifications.models import Notification
from tests.browser.conftest import DESKTOP, PHONE
from tests.files_support import small_pdf
from tests.monitoring.conftest import add_objective, publish_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/issue19-year")


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


def _message(page) -> str:
    return page.locator("[data-testid=message]").first.inner_text()


def _check_clean(pages):
    errors = [e for e in pages.console_errors if "responded with a status of 4" not in e]
    assert errors == [], errors
    assert pages.overflowing == [], f"pages wider than 375 px: {pages.overflowing}"


def _enter(page, target, numerator, denominator):
    page.fill(f"#id_t{target.pk}-numerator", numerator)
    page.fill(f"#id_t{target.pk}-denominator", denominator)


def test_a_year_of_results_ends_in_the_issued_report(
    agency, department, other_department, people, browser, monkeypatch
):
    clock = {"today": date(2024, 4, 10)}
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: clock["today"])
    objective_set = publish_set(agency)
    # Phòng Kiểm soát TTHC has no head's account: the agency head confirms its periods.
    checked = add_objective(
        objective_set, content="Tỷ lệ hồ sơ TTHC được kiểm soát đúng hạn đạt ít nhất 96%."
    )
    on_time = add_objective(
        objective_set, content="Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt ít nhất 96%."
    )
    for objective, unit, reporter in (
        (checked, other_department, None),
        (on_time, department, people["staff"]),
    ):
        objective_plan_save(
            objective=objective,
            actor=people["iso_officer"],
            frequency="quarterly",
            roll_up="ratio_of_sums",
            department=unit,
            reporter=reporter,
        )
    checked_target, on_time_target = checked.targets.get(), on_time.targets.get()
    base = f"/monitoring/{agency.pk}"
    other_q1 = f"{base}/departments/{other_department.pk}/2024-Q1/"
    own_q1 = f"{base}/departments/{department.pk}/2024-Q1/"
    evidence = {"name": "so-lieu-quy-1.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}

    # --- Q1: results, confirmations, a correction, a corrective action -----------------------
    with browser() as pages:
        page = pages.page
        pages.login("iso_officer")
        pages.goto(other_q1)
        _enter(page, checked_target, "960", "1.000")
        page.set_input_files(f"#id_t{checked_target.pk}-evidence", files=[evidence])
        page.click("[data-testid=save]")
        page.wait_for_url(re.compile(re.escape(other_q1) + "$"))
        saved_message = _message(page)
        entered = page.locator("[data-testid=entry-result]").first.inner_text()
        _shoot(pages, "q1-entered-iso-officer")
        pages.logout()

        pages.login("staff")
        pages.goto(own_q1)
        _enter(page, on_time_target, "880", "1.000")
        page.click("[data-testid=save]")
        page.wait_for_url(re.compile(re.escape(own_q1) + "$"))
        staff_entered = page.locator("[data-testid=entry-result]").first.inner_text()
        _shoot(pages, "q1-entered-reporter")
        pages.logout()

        pages.login("head")
        pages.goto(own_q1)
        head_may_confirm_own = page.locator("[data-testid=confirm]").count()
        pages.goto(other_q1)
        page.click("[data-testid=confirm]")
        page.locator("[data-testid=locked]").wait_for()
        head_confirmed = _message(page)
        _shoot(pages, "q1-confirmed-by-head")
        pages.logout()

        pages.login("department_head")
        pages.goto(own_q1)
        page.click("[data-testid=confirm]")
        department_locked = page.locator("[data-testid=locked]").inner_text()
        _shoot(pages, "q1-confirmed-by-department-head")
        pages.logout()

        pages.login("iso_officer")
        pages.goto(other_q1)
        page.fill(f"#id_t{checked_target.pk}-numerator", "970")
        page.fill("#id_reason", "Sót 10 hồ sơ của bộ phận một cửa")
        page.click("[data-testid=save]")
        page.wait_for_url(re.compile(re.escape(other_q1) + "$"))
        page.locator("details summary").first.click()
        history = page.locator("details").first.inner_text()
        _shoot(pages, "q1-corrected")

        pages.goto(f"{base}/2024/")
        _shoot(pages, "dashboard-q1")
        page.locator("[data-testid=corrective-link]").first.click()
        page.fill("#id_cause", "Thiếu người tiếp nhận hồ sơ trong quý I.")
        page.fill("#id_action", "Bổ sung một công chức tiếp nhận; rà soát hồ sơ hằng tuần.")
        page.select_option("#id_owner_department", str(department.pk))
        page.fill("#id_due_date", "2024-06-30")
        _shoot(pages, "corrective-new")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/corrective/\d+/$"))
        corrective_message = _message(page)
        _shoot(pages, "corrective-recorded")
        _check_clean(pages)

    assert "Đã lưu 1 kết quả." in saved_message
    assert "96" in entered and "960/1.000" in entered
    assert "880/1.000" in staff_entered
    assert head_may_confirm_own == 0  # the department has its head: not the agency head's
    assert head_confirmed == "Đã xác nhận báo cáo kỳ; các kết quả của kỳ đã được khóa."
    assert f"đã được {people['department_head'].get_full_name()} xác nhận" in department_locked
    assert "960/1.000 → 970/1.000" in history and "Sót 10 hồ sơ" in history
    assert "Đã ghi nhận hành động khắc phục." in corrective_message
    result = Result.objects.get(target=checked_target, period_key="2024-Q1")
    assert (result.numerator, result.denominator) == (970, 1000)
    assert result.evidence.get().original_name == "so-lieu-quy-1.pdf"
    assert result.corrections.get().reason == "Sót 10 hồ sơ của bộ phận một cửa"
    confirmations = {
        c.department_id: c.confirmed_by for c in PeriodConfirmation.objects.filter(agency=agency)
    }
    assert confirmations == {
        other_department.pk: people["head"],
        department.pk: people["department_head"],
    }
    action = CorrectiveAction.objects.get()
    assert action.source == on_time_target and action.department == department
    assert action.owner_department == department and "Không đạt" in action.nonconformity

    # --- Q2 left unreported: the reminder on its due date -------------------------------------
    q2_due = period_from_key("2024-Q2").due_on
    clock["today"] = q2_due
    call_command("send_reminders", "--today", q2_due.isoformat())
    reminded = Notification.objects.filter(user=people["staff"], read_at=None)
    assert reminded.exists()

    with browser() as pages:
        page = pages.page
        pages.login("staff")
        bell = page.locator("[data-testid=bell-badge]").first.inner_text()
        to_report = page.locator("[data-testid=home-to-report]").inner_text()
        _shoot(pages, "q2-reminder-home")
        page.click("[data-testid=nav-bell]")
        centre = page.locator("[data-testid=notification]").first.inner_text()
        _shoot(pages, "q2-reminder-centre")
        _check_clean(pages)

    assert bell.split()[0] == str(reminded.count())
    assert "Quý II/2024" in to_report
    assert "Quý II/2024" in centre

    # --- January: the year-end report, approved, issued; the dashboard closes the year -------
    clock["today"] = date(2025, 1, 15)
    with browser() as pages:
        page = pages.page
        pages.login("iso_officer")
        pages.goto(f"{base}/2024/")
        open_counts = page.locator(".state-summary").inner_text()
        pages.goto(f"{base}/2024/evaluation/")
        page.click("[data-testid=start-evaluation]")
        page.wait_for_url(re.compile(r"/evaluation/\d+/$"))
        _shoot(pages, "report-draft")
        page.click("[data-testid=submit-report]")
        page.wait_for_url(re.compile(r"/evaluation/\d+/$"))
        report_url = page.url
        submitted = _message(page)
        pages.logout()

        pages.login("head")
        page.goto(report_url)
        _shoot(pages, "report-review")
        page.click("[data-testid=approve-report]")
        page.wait_for_load_state()
        approved = _message(page)
        pages.logout()

        pages.login("records_officer")
        page.goto(report_url)
        page.click("[data-testid=issue-report]")
        page.wait_for_url(re.compile(r"/issue/$"))
        issue_date = page.input_value("input[name=issued_on]")
        _shoot(pages, "report-issue")
        page.click("[data-testid=issue-submit]")
        page.wait_for_url(re.compile(r"/evaluation/\d+/$"))
        issued = _message(page)
        _shoot(pages, "report-issued")
        pages.logout()

        pages.login("iso_officer")
        pages.goto(f"{base}/2024/")
        closed_counts = page.locator(".state-summary").inner_text()
        closed_states = page.locator("[data-testid=row-state]").all_inner_texts()
        _shoot(pages, "dashboard-closed")
        _check_clean(pages)

    report = EvaluationReport.objects.get()
    assert report.status == Status.ISSUED and report.approved_by == people["head"]
    assert (report.number, report.symbol, report.issued_on) == (1, "BC-VP", date(2025, 1, 15))
    assert issue_date == "15/01/2025" and "Đã ban hành báo cáo số 01/BC-VP." in issued
    events = DocumentEvent.objects.filter(object_id=report.pk, to_status__in=["approved", "issued"])
    approval, issue = events.order_by("at")
    assert (approval.to_status, issue.to_status) == ("approved", "issued")
    assert approval.at <= issue.at and report.approved_at <= issue.at
    assert "Đã gửi" in submitted or "gửi duyệt" in submitted.lower(), submitted
    assert "duyệt" in approved.lower(), approved
    # Open until the report is issued (January is within the grace period), then closed with
    # the verdicts the report froze.
    assert "Đúng tiến độ" in open_counts and "Đạt ·" not in open_counts
    frozen = Evaluation.from_data(report.figures).objectives
    verdicts = {o.objective_id: str(o.outcome) for o in frozen}
    assert verdicts == {checked.pk: "reached", on_time.pk: "not_reached"}
    assert "1 · Đạt" in closed_counts and "1 · Không đạt" in closed_counts
    assert closed_states == ["Đạt", "Không đạt"]
