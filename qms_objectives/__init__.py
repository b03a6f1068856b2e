# The Celery app is loaded with Django, so that @shared_task in every app's tasks.py binds to it.
from qms_objectives.celery import app as celery_app

__all__ = ("celery_app",)
