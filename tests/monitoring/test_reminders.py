"""Reminders escalate person by person (issue 19, finding 7): the reporter on the due date, the
unit head after 3 working days, the ISO officers after 5 (the agency's settings), each person
once per unit and period, until the report is complete or confirmed.

Q1 2024 ends on Sunday 31 March; its report is due on Wednesday 10 April. Three working days
later is Monday 15 April (the weekend of 13–14 April does not count), five is Wednesday 17."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from monitoring.models import PeriodConfirmation, PersonReminder
from monitoring.periods import add_working_days
from monitoring.reminders import reminders_send
from monitoring.selectors import DueState, due_reports
from monitoring.services import objective_plan_save
from monitoring.tasks import reminders_send_due
from notifications.models import Notification
from tests.monitoring.conftest import add_objective, publish_set, put

DUE = date(2024, 4, 10)  # Wednesday: Q1's due date
HEAD_DAY = date(2024, 4, 15)  # Monday: 3 working days later
ISO_DAY = date(2024, 4, 17)  # Wednesday: 5 working days later


@pytest.fixture
def plans(agency, department, people):
    """The department reports quarterly, by a named reporter (staff); the agency level
    half-yearly, by the records officer."""
    department_objective = add_objective(publish_set(agency, department=department))
    objective_plan_save(
        objective=department_objective,
        actor=people["iso_officer"],
        frequency="quarterly",
        roll_up="ratio_of_sums",
        department=department,
        reporter=people["staff"],
    )
    agency_objective = add_objective(publish_set(agency), frequencies=("half_yearly",))
    objective_plan_save(
        objective=agency_objective,
        actor=people["iso_officer"],
        frequency="half_yearly",
        roll_up="average",
        reporter=people["records_officer"],
    )
    return department_objective.targets.get(), agency_objective.targets.get()


def reminded(today, capture) -> set:
    with capture(execute=True):
        sent = reminders_send(today=today)
    return {(r.user.username, r.step, r.period_key) for r in sent}


def states(agency, today, year=2024):
    return {
        (i.unit.department_id, i.period.key): i.state(today)
        for i in due_reports(agency=agency, year=year, today=today)
    }


def test_working_days_skip_the_weekend():
    assert add_working_days(DUE, 0) == DUE
    assert add_working_days(DUE, 3) == HEAD_DAY
    assert add_working_days(DUE, 5) == ISO_DAY
    assert add_working_days(date(2024, 4, 13), 1) == date(2024, 4, 15)  # Saturday → Monday


def test_it_finds_what_is_due_and_overdue(agency, department, plans, people):
    department_target, _agency_target = plans
    assert states(agency, date(2024, 3, 31)) == {}
    assert states(agency, date(2024, 4, 5)) == {(department.pk, "2024-Q1"): DueState.DUE}
    assert states(agency, date(2024, 4, 11)) == {(department.pk, "2024-Q1"): DueState.OVERDUE}
    put(department_target, "2024-Q1", value=97, user=people["department_head"])
    assert states(agency, date(2024, 4, 11)) == {(department.pk, "2024-Q1"): DueState.TO_CONFIRM}
    assert states(agency, date(2024, 7, 2))[(None, "2024-H1")] == DueState.DUE


def test_the_chain_reporter_then_head_then_iso_officer_each_once(
    agency, plans, people, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert reminded(date(2024, 4, 9), capture) == set()  # the period ended, not yet due
    assert reminded(DUE, capture) == {("staff", "reporter", "2024-Q1")}
    assert reminded(DUE, capture) == set()  # a second run the same day
    assert reminded(date(2024, 4, 12), capture) == set()  # Friday: 2 working days
    assert reminded(date(2024, 4, 14), capture) == set()  # Sunday: still 3 working days off
    assert reminded(HEAD_DAY, capture) == {("department_head", "head", "2024-Q1")}
    assert reminded(HEAD_DAY, capture) == set()
    assert reminded(date(2024, 4, 16), capture) == set()
    assert reminded(ISO_DAY, capture) == {("iso_officer", "iso_officer", "2024-Q1")}
    assert reminded(date(2024, 4, 18), capture) == set()
    assert reminded(date(2024, 5, 20), capture) == set()  # nobody is told twice

    # Each by the notification centre and by mail, once.
    assert sorted(tuple(m.to) for m in Email.objects.all()) == [
        ("department_head@example.gov.vn",),
        ("iso_officer@example.gov.vn",),
        ("staff@example.gov.vn",),
    ]
    notices = {n.user.username: n for n in Notification.objects.select_related("user")}
    assert set(notices) == {"staff", "department_head", "iso_officer"}
    assert {n.kind for n in notices.values()} == {"monitoring_reminder"}
    assert "Quý I/2024" in notices["staff"].text and "hạn 10/04/2024" in notices["staff"].text
    assert notices["department_head"].text.startswith("Báo cáo chậm 3 ngày làm việc")
    assert notices["iso_officer"].text.startswith("Báo cáo chậm 5 ngày làm việc")
    assert notices["staff"].url.endswith("/2024-Q1/")


def test_a_late_first_run_catches_up_each_person_once(
    agency, plans, people, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert reminded(ISO_DAY, capture) == {
        ("staff", "reporter", "2024-Q1"),
        ("department_head", "head", "2024-Q1"),
        ("iso_officer", "iso_officer", "2024-Q1"),
    }
    assert reminded(ISO_DAY, capture) == set()
    assert PersonReminder.objects.count() == 3


def test_a_complete_report_stops_the_chain(
    agency, plans, people, django_capture_on_commit_callbacks
):
    department_target, _ = plans
    capture = django_capture_on_commit_callbacks
    assert reminded(DUE, capture) == {("staff", "reporter", "2024-Q1")}
    put(department_target, "2024-Q1", value=97, user=people["staff"])
    assert reminded(HEAD_DAY, capture) == set()
    assert reminded(ISO_DAY, capture) == set()
    assert list(PersonReminder.objects.values_list("user__username", flat=True)) == ["staff"]


def test_a_confirmed_period_stops_the_chain(
    agency, department, plans, people, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert reminded(DUE, capture) == {("staff", "reporter", "2024-Q1")}
    # Confirmed (an objective planned afterwards still has no result): nobody is chased.
    PeriodConfirmation.objects.create(
        agency=agency,
        department=department,
        period_key="2024-Q1",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 3, 31),
        confirmed_by=people["department_head"],
    )
    assert reminded(ISO_DAY, capture) == set()


def test_the_agency_sets_the_delays(agency, plans, people, django_capture_on_commit_callbacks):
    agency.reminder_head_after_days, agency.reminder_iso_after_days = 1, 2
    agency.save()
    capture = django_capture_on_commit_callbacks
    assert reminded(DUE, capture) == {("staff", "reporter", "2024-Q1")}
    assert reminded(date(2024, 4, 11), capture) == {("department_head", "head", "2024-Q1")}
    assert reminded(date(2024, 4, 12), capture) == {("iso_officer", "iso_officer", "2024-Q1")}


def test_the_agency_level_goes_from_its_reporter_to_the_head_then_the_iso_officers(
    agency, plans, people, django_capture_on_commit_callbacks
):
    department_target, _ = plans
    for key in ("2024-Q1", "2024-Q2"):
        put(department_target, key, value=97, user=people["staff"])
    capture = django_capture_on_commit_callbacks
    # First half: due Wednesday 10 July.
    assert reminded(date(2024, 7, 10), capture) == {("records_officer", "reporter", "2024-H1")}
    assert reminded(date(2024, 7, 15), capture) == {("head", "head", "2024-H1")}
    assert reminded(date(2024, 7, 17), capture) == {("iso_officer", "iso_officer", "2024-H1")}


def test_a_department_without_a_head_goes_up_to_the_agency_head(
    agency, department, plans, people, django_capture_on_commit_callbacks
):
    head_membership = people["department_head"].memberships.get(agency=agency)
    head_membership.is_department_head = False
    head_membership.save()
    capture = django_capture_on_commit_callbacks
    assert reminded(HEAD_DAY, capture) == {
        ("staff", "reporter", "2024-Q1"),
        ("head", "head", "2024-Q1"),
    }


def test_without_a_named_reporter_the_unit_head_is_reminded_on_the_due_date(
    agency, department, people, django_capture_on_commit_callbacks
):
    add_objective(publish_set(agency, department=department))
    capture = django_capture_on_commit_callbacks
    assert reminded(DUE, capture) == {("department_head", "reporter", "2024-Q1")}
    assert reminded(HEAD_DAY, capture) == set()  # the head was told already
    assert reminded(ISO_DAY, capture) == {("iso_officer", "iso_officer", "2024-Q1")}


def test_it_reminds_about_last_years_final_period_in_january(agency, department, people):
    add_objective(publish_set(agency, department=department, year=2023))
    first = reminders_send(today=date(2024, 1, 9))  # earlier quarters: the whole chain
    assert "2023-Q4" not in {r.period_key for r in first}
    sent = reminders_send(today=date(2024, 1, 10))
    assert [(r.department_id, r.period_key, r.step) for r in sent] == [
        (department.pk, "2023-Q4", "reporter")
    ]


def test_the_command_takes_a_fixed_date_and_never_repeats(
    agency, plans, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today", HEAD_DAY.isoformat())
    assert "2 reminder(s) queued for 2024-04-15" in capsys.readouterr().out
    call_command("send_reminders", "--today", HEAD_DAY.isoformat())
    assert "0 reminder(s)" in capsys.readouterr().out
    assert Email.objects.count() == 2


def test_the_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_reminders", "--today", "02/07/2024")


def test_the_database_refuses_to_remind_a_person_twice(agency, department, people):
    user = people["staff"]
    for dept in (None, department):
        PersonReminder.objects.create(
            agency=agency, department=dept, period_key="2024-Q1", user=user, step="reporter",
            sent_on=DUE,
        )  # fmt: skip
        with pytest.raises(IntegrityError), transaction.atomic():
            PersonReminder.objects.create(
                agency=agency, department=dept, period_key="2024-Q1", user=user, step="head",
                sent_on=HEAD_DAY,
            )  # fmt: skip


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
    monkeypatch.setattr(timezone, "localdate", lambda: ISO_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due.delay().get() == 3
    sent = sorted(tuple(m.to) for m in mailoutbox)
    assert ("department_head@example.gov.vn",) in sent

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due.delay().get() == 0  # beat fired twice, a retry, a second beat
    assert sorted(tuple(m.to) for m in mailoutbox) == sent
    assert PersonReminder.objects.count() == 3
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}
