"""Background work of the objective sets."""

from celery import shared_task

from objectives.search import search_index_all


@shared_task
def search_reindex() -> int:
    """Rebuild the search index of every set (idempotent: the index is recomputed from the set)."""
    return search_index_all()
