"""Enqueueing background work: always after the transaction that asked for it commits."""

from django.db import transaction


def enqueue_on_commit(task, *args) -> None:
    """Run `task(*args)` on the task engine once the current transaction commits (at once in
    autocommit); nothing if it rolls back. Unlike Celery's `delay_on_commit`, a broker that is
    down does not turn the already committed request into an error (`robust`: logged instead);
    the work's own periodic run (e.g. beat's notifications.tasks.mail_send_queued) does it later."""

    # A named function, not a functools.partial: Django logs a robust hook's failure by its
    # __qualname__, which a partial lacks (the log call itself then raised: a 500 after commit).
    def enqueue():
        task.delay(*args)

    enqueue.__qualname__ = f"enqueue({getattr(task, 'name', task)})"
    transaction.on_commit(enqueue, robust=True)
