"""Settings of the Celery workers the services tests start: the project's, with a killed
worker's message back in the queue within seconds (production: the visibility timeout, an hour,
checked every ~100 s by kombu's default throttle), the mail sender's lock of a killed worker
expiring after 5 s (production: MAIL_BATCH_TIMEOUT + 60 s) and beat's mail run every second
(production: every minute)."""

from qms_objectives.settings import *  # noqa: F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 5,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

MAIL_SEND_LOCK_SECONDS = 5
POST_OFFICE = POST_OFFICE | {"BATCH_DELIVERY_TIMEOUT": 3}  # noqa: F405
CELERY_BEAT_SCHEDULE = {
    "mail-send-queued": {"task": "notifications.tasks.mail_send_queued", "schedule": 1.0},
}
