"""Settings of the Celery workers the services tests start: the project's, with a killed
worker's message back in the queue within seconds (production: the visibility timeout, an hour,
checked every ~100 s by kombu's default throttle)."""

from qms_objectives.settings import *  # noqa: F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 5,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
