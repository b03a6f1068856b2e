"""Monitoring's scheduled work: the daily reminders (CELERY_BEAT_SCHEDULE in settings)."""

from celery import shared_task
from django.utils import timezone

from monitoring.reminders import reminders_send


@shared_task
def reminders_send_due() -> int:
    """Remind every unit whose report for an ended period is missing. Idempotent: a unit is
    reminded of a period once, ever (SentReminder's unique constraint), however often it runs."""
    return len(reminders_send(today=timezone.localdate()))
