"""The oversight side's scheduled work (CELERY_BEAT_SCHEDULE in settings)."""

from celery import shared_task
from django.utils import timezone

from oversight.reminders import deadline_reminders_send


@shared_task
def deadline_reminders_send_due() -> int:
    """Remind the agencies late for their oversight body's deadlines, once per deadline, agency
    and period (oversight/reminders.py). Idempotent."""
    return len(deadline_reminders_send(today=timezone.localdate()))
