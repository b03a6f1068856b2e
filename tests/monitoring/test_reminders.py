from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from post_office.models import STATUS, Email

from monitoring.models import SentReminder
from monitoring.reminders import reminders_send
from monitoring.selectors import DueState, due_reports
from monitoring.services import objective_plan_save
from monitoring.tasks import reminders_send_due
from notifications.models import Notification
from tests.monitoring.conftest import add_objective, publish_set, put


@pytest.fixture
def plans(agency, department, people):
    """The department reports quarterly; the agency level half-yearly, with a named reporter."""
    department_target = add_objective(publish_set(agency, department=department)).targets.get()
    agency_objective = add_objective(publish_set(agency), frequencies=("half_yearly",))
    objective_plan_save(
        objective=agency_objective,
        actor=people["iso_officer"],
        frequency="half_yearly",
        roll_up="average",
        reporter=people["records_officer"],
    )
    return department_target, agency_objective.targets.get()


def states(agency, today, year=2024):
    return {
        (i.unit.department_id, i.period.key): i.state(today)
        for i in due_reports(agency=agency, year=year, today=today)
    }


def test_it_finds_what_is_due_and_overdue(agency, department, plans, people):
    department_target, _agency_target = plans
    assert states(agency, date(2024, 3, 31)) == {}
    assert states(agency, date(2024, 4, 5)) == {(department.pk, "2024-Q1"): DueState.DUE}
    assert states(agency, date(2024, 4, 11)) == {(department.pk, "2024-Q1"): DueState.OVERDUE}
    put(department_target, "2024-Q1", value=97, user=people["department_head"])
    assert states(agency, date(2024, 4, 11)) == {(department.pk, "2024-Q1"): DueState.TO_CONFIRM}
    assert states(agency, date(2024, 7, 2))[(None, "2024-H1")] == DueState.DUE


def test_it_reminds_each_unit_once_per_period(
    agency, department, plans, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders_send(today=date(2024, 7, 2))
    # Department: Q1 and Q2 missing; agency: first half missing.
    assert sorted((r.department_id or 0, r.period_key) for r in sent) == [
        (0, "2024-H1"),
        (department.pk, "2024-Q1"),
        (department.pk, "2024-Q2"),
    ]
    emails = {tuple(m.to): m for m in Email.objects.all()}
    assert ("department_head@example.gov.vn",) in emails
    assert ("iso_officer@example.gov.vn",) in emails
    assert ("records_officer@example.gov.vn",) in emails  # the named reporter
    assert ("staff@example.gov.vn",) not in emails
    notice = Notification.objects.filter(user=people["department_head"]).first()
    assert notice.kind == "monitoring_reminder"
    message = notice.text
    assert "Quý I/2024" in message or "Quý II/2024" in message
    count = Email.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=date(2024, 7, 3)) == []
    assert Email.objects.count() == count
    assert SentReminder.objects.count() == 3


def test_it_does_not_remind_a_unit_whose_report_is_complete(agency, department, plans, people):
    department_target, _ = plans
    put(department_target, "2024-Q1", value=97, user=people["department_head"])
    sent = reminders_send(today=date(2024, 4, 11))
    assert sent == []


def test_it_reminds_about_last_years_final_period_in_january(agency, department, people):
    add_objective(publish_set(agency, department=department, year=2023))
    sent = reminders_send(today=date(2024, 1, 2))
    assert [(r.department_id, r.period_key) for r in sent][-1] == (department.pk, "2023-Q4")


def test_the_command_takes_a_fixed_date_and_never_repeats(
    agency, plans, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today", "2024-07-02")
    assert "3 reminder(s) queued for 2024-07-02" in capsys.readouterr().out
    call_command("send_reminders", "--today", "2024-07-02")
    assert "0 reminder(s)" in capsys.readouterr().out
    assert Email.objects.count() >= 3


def test_the_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--today", "02/07/2024")


def test_the_database_refuses_a_second_reminder(agency, department):
    from django.db import IntegrityError, transaction

    SentReminder.objects.create(agency=agency, department=None, period_key="2024-Q1")
    SentReminder.objects.create(agency=agency, department=department, period_key="2024-Q1")
    for dept in (None, department):
        with pytest.raises(IntegrityError), transaction.atomic():
            SentReminder.objects.create(agency=agency, department=dept, period_key="2024-Q1")


def test_due_reports_list_the_agency_first_and_a_month_before_its_quarter(agency, department):
    add_objective(publish_set(agency, department=department))
    agency_set = publish_set(agency)
    add_objective(agency_set, frequencies=("monthly",), lead_unit=department)
    add_objective(agency_set, frequencies=("yearly",))
    items = due_reports(agency=agency, year=2024, today=date(2025, 1, 20))
    assert items[0].unit.department_id is None and items[0].period.key == "2024-Y"
    keys = [i.period.key for i in items[1:]]
    assert keys.index("2024-M03") < keys.index("2024-Q1") < keys.index("2024-M04")


def test_the_daily_task_reminds_once_however_often_it_runs(
    plans, monkeypatch, settings, mailoutbox, django_capture_on_commit_callbacks
):
    assert settings.CELERY_BEAT_SCHEDULE["reminders"]["task"] == reminders_send_due.name
    monkeypatch.setattr(timezone, "localdate", lambda: date(2024, 7, 2))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due.delay().get() == 3
    sent = sorted(tuple(m.to) for m in mailoutbox)
    assert ("department_head@example.gov.vn",) in sent

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due.delay().get() == 0  # beat fired twice, a retry, a second beat
    assert sorted(tuple(m.to) for m in mailoutbox) == sent
    assert SentReminder.objects.count() == 3
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}
