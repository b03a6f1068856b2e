"""Scheduled work of inspections (CELERY_BEAT_SCHEDULE in settings)."""

from celery import shared_task
from django.utils import timezone

from inspections import plan_notices
from inspections.reminders_inspection import reminders_send


@shared_task
def inspection_reminders_send_due() -> int:
    """Remind the agencies (and, past the deadline, the team leaders) of corrective actions an
    inspection opened that are not closed two weeks before the two-month deadline."""
    return reminders_send(today=timezone.localdate())


@shared_task
def plan_agencies_tell(plan_id: int) -> int:
    """Each agency of an issued plan is told which inspection, how and when."""
    return plan_notices.plan_agencies_tell(plan_id)
