"""Monitoring's scheduled work: the daily reminders (CELERY_BEAT_SCHEDULE in settings)."""

from celery import shared_task
from django.utils import timezone

from monitoring.reminders import reminders_send


@shared_task
def reminders_send_due() -> int:
    """Remind, step by step, the people of every unit whose report for an ended period is
    missing (monitoring/reminders.py). Idempotent: each person is reminded of a unit's period
    once, ever (PersonReminder's unique constraint), however often it runs."""
    return len(reminders_send(today=timezone.localdate()))
