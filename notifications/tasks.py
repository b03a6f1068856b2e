"""The mail tasks. email_send is enqueued for each outbox row after its transaction commits;
the sweep enqueues again what a broker outage or a lost message left QUEUED; the purge keeps
the outbox small."""

import smtplib
from datetime import timedelta

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.utils import timezone

from notifications.delivery import email_deliver, email_fail
from notifications.models import OutboundEmail

# Worth trying again later: the server or the network failed, or the server said "not now"
# (4xx). A 5xx answer (recipient unknown, message refused) will not change: FAILED at once.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError)
MAX_RETRIES = 5  # after 30 s, 1, 2, 4, 8 min: about a quarter of an hour in all
SENT_KEPT_DAYS = 90


def _permanent(error: BaseException) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


@shared_task(bind=True, max_retries=MAX_RETRIES)
def email_send(self, email_id: int) -> bool:
    """Send one outbox row (idempotent: see notifications.delivery.email_deliver); retried with
    exponential backoff on SMTP and network errors; FAILED with its error when they persist."""
    try:
        return email_deliver(email_id=email_id)
    except TRANSIENT_ERRORS as error:
        if _permanent(error) or self.request.retries >= self.max_retries:
            email_fail(email_id=email_id, error=error)
            raise
        countdown = get_exponential_backoff_interval(
            factor=30, retries=self.request.retries, maximum=10 * 60, full_jitter=False
        )
        raise self.retry(exc=error, countdown=countdown)
    except Exception as error:  # a bug, not the network: retrying will not help
        email_fail(email_id=email_id, error=error)
        raise


@shared_task
def email_queue_sweep(*, older_than_minutes: int = 30) -> int:
    """Enqueue again every email still QUEUED long after its last attempt: its message was lost
    (the broker was down at enqueue time, or lost it). Sending it is idempotent."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    stale = OutboundEmail.objects.filter(state=OutboundEmail.State.QUEUED, created_at__lt=cutoff)
    stale = stale.exclude(last_attempt_at__gte=cutoff)
    ids = list(stale.values_list("pk", flat=True)[:1000])
    for email_id in ids:
        email_send.delay(email_id)
    return len(ids)


@shared_task
def email_purge(*, days: int = SENT_KEPT_DAYS) -> int:
    """Delete SENT emails older than `days` (FAILED ones stay until an administrator acts)."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = OutboundEmail.objects.filter(
        state=OutboundEmail.State.SENT, sent_at__lt=cutoff
    ).delete()
    return deleted
