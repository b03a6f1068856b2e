"""The mail tasks: they drive django-post-office's queue (notifications/mail.py).
mail_send_queued is enqueued after every commit that queued mail (receivers.py) and by beat
every minute (what waited for a retry, or for a worker that died holding the lock); mail_purge
runs nightly."""

from celery import shared_task
from django.dispatch import receiver
from post_office.signals import email_queued

from notifications.mail import mail_purge as _mail_purge
from notifications.mail import mail_send_queued as _mail_send_queued
from qms_objectives.tasks import enqueue_on_commit


@shared_task(ignore_result=True)
def mail_send_queued() -> int:
    """Send what waits, one sender in the installation at a time; after
    MAIL_SEND_SLICE_SECONDS, go on in a new task (a task never nears CELERY_TASK_TIME_LIMIT)."""
    sent, more = _mail_send_queued()
    if more:
        mail_send_queued.delay()
    return sent


@shared_task
def mail_purge(*, days: int | None = None) -> int:
    """Delete sent mail older than MAIL_SENT_KEPT_DAYS (failed and waiting mail stays)."""
    return _mail_purge(days=days)


@receiver(email_queued, dispatch_uid="notifications.mail_send_after_commit")
def mail_send_after_commit(sender, emails, **kwargs) -> None:
    """The library queued mail (EMAIL_BACKEND): send it once the transaction commits (nothing if
    it rolls back: the rows go with it). A broker that is down is logged; beat sends it later."""
    enqueue_on_commit(mail_send_queued)
