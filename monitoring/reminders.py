"""Reminders for missing reports (the task monitoring.tasks.reminders_send_due, daily by Celery
beat, or `manage.py send_reminders`): one per unit and period, ever — the SentReminder row is
written with the email, under a unique constraint."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from agencies.models import Agency, Membership
from monitoring.models import SentReminder
from monitoring.selectors import DueItem, due_reports
from notifications import kinds
from notifications.services import notification_send


def entry_url(agency_id: int, department_id: int | None, period_key: str) -> str:
    if department_id is None:
        return reverse("monitoring:agency_entry", args=[agency_id, period_key])
    return reverse("monitoring:department_entry", args=[agency_id, department_id, period_key])


def _recipients(agency, item: DueItem) -> list:
    """The unit's head(s) (the ISO officers for the agency level) and the named reporters."""
    members = Membership.objects.active().filter(agency=agency)
    if item.unit.department_id is None:
        heads = members.filter(is_iso_officer=True)
    else:
        heads = members.filter(department_id=item.unit.department_id, is_department_head=True)
    user_ids = set(heads.values_list("user_id", flat=True))
    department = item.unit.department
    if department is not None and department.head_id:
        user_ids.add(department.head_id)
    user_ids |= set(members.filter(user_id__in=item.reporters).values_list("user_id", flat=True))
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
    return list(users)


def _params(item: DueItem) -> dict:
    """The parameters of the reminder's sentence (notifications.kinds.MONITORING_REMINDER)."""
    return {
        "unit": item.unit.name,
        "period": item.period.label,
        "missing": item.missing,
        "expected": item.expected,
        "due": item.period.due_on.strftime("%d/%m/%Y"),
    }


def _remind(agency, item: DueItem) -> SentReminder | None:
    users = _recipients(agency, item)
    try:
        with transaction.atomic():
            reminder = SentReminder.objects.create(
                agency=agency,
                department=item.unit.department,
                period_key=item.period.key,
                recipients=[u.email for u in users if u.email],
            )
            notification_send(
                users=users,
                agency=agency,
                kind=kinds.MONITORING_REMINDER,
                params=_params(item),
                url=entry_url(agency.pk, item.unit.department_id, item.period.key),
            )
    except IntegrityError:  # sent meanwhile by another run
        return None
    return reminder


def reminders_send(*, today: date) -> list[SentReminder]:
    """Queue a reminder to every unit whose report for an ended period is still missing
    (this year's periods, and last year's, whose last reports fall due in January)."""
    sent = []
    for agency in Agency.objects.active().order_by("pk"):
        done = set(
            SentReminder.objects.filter(agency=agency).values_list("department_id", "period_key")
        )
        for year in (today.year - 1, today.year):
            for item in due_reports(agency=agency, year=year, today=today):
                key = (item.unit.department_id, item.period.key)
                if item.missing and key not in done:
                    reminder = _remind(agency, item)
                    if reminder is not None:
                        sent.append(reminder)
    return sent
