"""Notifications in the app and by email. Emails go to the outbox and are sent by a task after
commit, never inline."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from notifications.models import Notification, OutboundEmail
from notifications.tasks import email_send
from qms_objectives.tasks import enqueue_on_commit


def notification_send(*, users: Iterable, agency, message: str, url: str = "") -> None:
    """Show `message` to each user in the app and email each one, once the transaction
    commits (a returned or refused action sends nothing)."""
    users = [u for u in users if u.is_active]
    if not users:
        return

    def _write():
        Notification.objects.bulk_create(
            Notification(user=u, agency=agency, message=message[:500], url=url) for u in users
        )
        link = f"{settings.SITE_URL}{url}" if url else settings.SITE_URL
        emails_queue(
            emails=[
                OutboundEmail(
                    to=[u.email],
                    subject=message[:255],
                    body=f"{message}\n\n{link}\n",
                    from_email=settings.DEFAULT_FROM_EMAIL,
                )
                for u in users
                if u.email
            ]
        )

    transaction.on_commit(_write)


def emails_queue(*, emails: list[OutboundEmail]) -> None:
    """Write `emails` to the outbox and send each with the task email_send once the current
    transaction commits."""
    for email in OutboundEmail.objects.bulk_create(emails):
        enqueue_on_commit(email_send, email.pk)


def emails_requeue(*, emails) -> int:
    """Send FAILED emails again (an administrator fixed the address or the mail server): back to
    QUEUED with their attempts reset, each enqueued after commit; returns how many."""
    ids = list(emails.filter(state=OutboundEmail.State.FAILED).values_list("pk", flat=True))
    OutboundEmail.objects.filter(pk__in=ids).update(state=OutboundEmail.State.QUEUED, attempts=0)
    for email_id in ids:
        enqueue_on_commit(email_send, email_id)
    return len(ids)
