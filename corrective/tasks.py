"""Scheduled work of corrective actions (CELERY_BEAT_SCHEDULE in settings)."""

from celery import shared_task
from django.utils import timezone

from corrective.reminders import reminders_send


@shared_task
def reminders_send_due() -> int:
    """Remind the owners of open actions past due: at the due date, then weekly; at most once a
    day per action however often it runs."""
    return len(reminders_send(today=timezone.localdate()))
