"""The services workers' settings with the reminders due every second instead of every morning:
beat fires them many times while the test watches."""

from tests.notifications.worker_settings import *  # noqa: F403

CELERY_BEAT_SCHEDULE = CELERY_BEAT_SCHEDULE | {  # noqa: F405
    "reminders": {"task": "monitoring.tasks.reminders_send_due", "schedule": 1.0},
}
