"""Background work of the objective sets."""

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.db import InterfaceError, OperationalError

from objectives.excel.jobs import set_import_fail, set_import_process
from objectives.search import search_index_all

# Worth trying again: the database was busy, locked or unreachable. Anything else is a bug that
# another try will not fix.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
MAX_RETRIES = 5  # after 10 s, 20 s, 40 s, 80 s, 160 s: about five minutes in all


@shared_task
def search_reindex() -> int:
    """Rebuild the search index of every set (idempotent: the index is recomputed from the set)."""
    return search_index_all()


@shared_task(bind=True, max_retries=MAX_RETRIES)
def set_import_run(self, import_id: int) -> bool:
    """Run one Excel import (idempotent: see objectives.excel.jobs.set_import_process); retried
    with exponential backoff on database errors; FAILED with its error otherwise or at the end."""
    try:
        return set_import_process(import_id=import_id)
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            set_import_fail(import_id=import_id, error=error)
            raise
        countdown = get_exponential_backoff_interval(
            factor=10, retries=self.request.retries, maximum=5 * 60, full_jitter=False
        )
        raise self.retry(exc=error, countdown=countdown)
    except Exception as error:  # a bug, not the database: retrying will not help
        set_import_fail(import_id=import_id, error=error)
        raise
