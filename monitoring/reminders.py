"""Reminders for missing reports (the task monitoring.tasks.reminders_send_due, daily by Celery
beat, or `manage.py send_reminders --today`), escalating person by person while a unit's report
for an ended period is missing:

- on the due date, the reporter (the people named in the plan; else whoever records for the
  unit: its department head, or the ISO officers at the agency level);
- after the agency's `reminder_head_after_days` working days (default 3), the head of the unit
  (the department head; where a department has no head, and for the agency level, the agency's
  head — whoever confirms the period, monitoring.rules.may_confirm_period);
- after `reminder_iso_after_days` working days (default 5), the ISO officers.

Working days are Monday to Friday. Each person is reminded once per unit and period, ever (a
PersonReminder row, under a unique constraint, written with the notice), so a second run the
same day sends nothing; a report completed or confirmed ends the chain.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse

from agencies.models import Agency, Membership
from monitoring.models import PersonReminder, ReminderStep
from monitoring.periods import add_working_days
from monitoring.selectors import DueItem, due_reports
from notifications import kinds
from notifications.services import notification_send


def entry_url(agency_id: int, department_id: int | None, period_key: str) -> str:
    if department_id is None:
        return reverse("monitoring:agency_entry", args=[agency_id, period_key])
    return reverse("monitoring:department_entry", args=[agency_id, department_id, period_key])


@dataclass
class _Members:
    """The agency's active memberships, read once per run (with their users)."""

    rows: list

    def users(self, condition) -> list:
        seen, users = set(), []
        for membership in self.rows:
            if condition(membership) and membership.user_id not in seen:
                seen.add(membership.user_id)
                users.append(membership.user)
        return users

    def with_ids(self, user_ids: Iterable[int]) -> list:
        wanted = set(user_ids)
        return self.users(lambda m: m.user_id in wanted)

    def department_heads(self, department) -> list:
        heads = self.users(lambda m: m.department_id == department.pk and m.is_department_head)
        if department.head_id and all(u.pk != department.head_id for u in heads):
            heads += self.with_ids([department.head_id])
        return heads

    def agency_heads(self) -> list:
        return self.users(lambda m: m.is_head) or self.users(lambda m: m.is_deputy)

    def iso_officers(self) -> list:
        return self.users(lambda m: m.is_iso_officer)


def _members(agency) -> _Members:
    rows = (
        Membership.objects.active()
        .filter(agency=agency, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    return _Members(list(rows))


def _steps(agency, item: DueItem, members: _Members) -> list[tuple[str, date, list]]:
    """Each step of the chain: who, from which day."""
    due = item.period.due_on
    department = item.unit.department
    if department is None:
        recorders = members.iso_officers()
        heads = members.agency_heads()
    else:
        recorders = heads = members.department_heads(department) or members.agency_heads()
    reporters = members.with_ids(item.reporters) or recorders
    return [
        (ReminderStep.REPORTER, due, reporters),
        (ReminderStep.HEAD, add_working_days(due, agency.reminder_head_after_days), heads),
        (
            ReminderStep.ISO_OFFICER,
            add_working_days(due, agency.reminder_iso_after_days),
            members.iso_officers(),
        ),
    ]


def _params(item: DueItem, step: str, today: date) -> dict:
    """The parameters of the reminder's sentence (notifications.kinds.MONITORING_REMINDER);
    an escalation also says how late the report is."""
    params = {
        "unit": item.unit.name,
        "period": item.period.label,
        "missing": item.missing,
        "expected": item.expected,
        "due": item.period.due_on.strftime("%d/%m/%Y"),
    }
    if step != ReminderStep.REPORTER:
        params["late"] = _working_days_between(item.period.due_on, today)
    return params


def _working_days_between(start: date, end: date) -> int:
    count, day = 0, start
    while day < end:
        day = add_working_days(day, 1)
        if day <= end:
            count += 1
    return count


def _remind(agency, item: DueItem, step: str, user, today: date) -> PersonReminder | None:
    try:
        with transaction.atomic():
            reminder = PersonReminder.objects.create(
                agency=agency,
                department=item.unit.department,
                period_key=item.period.key,
                user=user,
                step=step,
                sent_on=today,
            )
            notification_send(
                users=[user],
                agency=agency,
                kind=kinds.MONITORING_REMINDER,
                params=_params(item, step, today),
                url=entry_url(agency.pk, item.unit.department_id, item.period.key),
            )
    except IntegrityError:  # reminded meanwhile by another run
        return None
    return reminder


def _open_items(agency, today: date) -> list[DueItem]:
    """Reports of ended periods (this year's, and last year's, whose last reports fall due in
    January) that are still missing results and have reached their due date."""
    items = []
    for year in (today.year - 1, today.year):
        for item in due_reports(agency=agency, year=year, today=today):
            if item.missing and item.confirmation is None and item.period.due_on <= today:
                items.append(item)
    return items


def reminders_send(*, today: date) -> list[PersonReminder]:
    """Remind, step by step, each person whose turn has come for a missing report."""
    sent = []
    for agency in Agency.objects.active().order_by("pk"):
        items = _open_items(agency, today)
        if not items:
            continue
        members = _members(agency)
        done = set(
            PersonReminder.objects.filter(
                agency=agency, period_key__in={i.period.key for i in items}
            ).values_list("department_id", "period_key", "user_id")
        )
        for item in items:
            for step, starts_on, users in _steps(agency, item, members):
                if today < starts_on:
                    continue
                for user in users:
                    key = (item.unit.department_id, item.period.key, user.pk)
                    if key in done:
                        continue
                    done.add(key)
                    reminder = _remind(agency, item, step, user, today)
                    if reminder is not None:
                        sent.append(reminder)
    return sent
