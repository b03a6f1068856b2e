"""The Celery app: configured from Django's settings (the CELERY_* names), tasks found in each
app's tasks.py. Without CELERY_BROKER_URL every task runs in process (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")

app = Celery("qms_objectives")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
