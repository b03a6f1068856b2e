"""Background work of the dossier records: an import run once, and the daily deletion of the
uploaded exports past their agency's retention."""

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import InterfaceError, OperationalError

from dossiers.services import dossier_files_expire, dossier_import_fail, dossier_import_process

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
MAX_RETRIES = 5


@shared_task(bind=True, max_retries=MAX_RETRIES)
def dossier_import_run(self, import_id: int) -> bool:
    """Run one import (idempotent: dossier_import_process locks the row and runs it only while
    QUEUED); retried on database errors, FAILED otherwise or at the end."""
    try:
        return dossier_import_process(import_id=import_id)
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            dossier_import_fail(import_id=import_id, error=error)
            raise
        countdown = get_exponential_backoff_interval(
            factor=10, retries=self.request.retries, maximum=5 * 60, full_jitter=False
        )
        raise self.retry(exc=error, countdown=countdown)
    except Exception as error:
        dossier_import_fail(import_id=import_id, error=error)
        raise


@shared_task
def dossier_files_delete_expired() -> int:
    """Daily (beat): delete uploaded exports kept past their agency's retention."""
    return dossier_files_expire()
