"""Notifications in the app and by email. Emails are queued after commit, never sent inline."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from notifications.models import Notification, OutboundEmail


def notification_send(*, users: Iterable, agency, message: str, url: str = "") -> None:
    """Show `message` to each user in the app and queue one email each, once the transaction
    commits (a returned or refused action sends nothing)."""
    users = [u for u in users if u.is_active]
    if not users:
        return

    def _write():
        Notification.objects.bulk_create(
            Notification(user=u, agency=agency, message=message[:500], url=url) for u in users
        )
        link = f"{settings.SITE_URL}{url}" if url else settings.SITE_URL
        OutboundEmail.objects.bulk_create(
            OutboundEmail(
                to=[u.email],
                subject=message[:255],
                body=f"{message}\n\n{link}\n",
                from_email=settings.DEFAULT_FROM_EMAIL,
            )
            for u in users
            if u.email
        )

    transaction.on_commit(_write)


def queued_mail_send(*, limit: int = 100, max_attempts: int = 5) -> tuple[int, int]:
    """Deliver up to `limit` queued emails with EMAIL_DELIVERY_BACKEND; returns (sent, failed)."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    sent = failed = 0
    pending = OutboundEmail.objects.filter(
        state=OutboundEmail.State.QUEUED, attempts__lt=max_attempts
    ).order_by("created_at", "id")[:limit]
    for mail in pending:
        message = EmailMultiAlternatives(
            mail.subject, mail.body, mail.from_email, mail.to, connection=connection
        )
        if mail.html_body:
            message.attach_alternative(mail.html_body, "text/html")
        mail.attempts += 1
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - any transport error is recorded and retried
            mail.last_error = str(error)[:2000]
            if mail.attempts >= max_attempts:
                mail.state = OutboundEmail.State.FAILED
            failed += 1
        else:
            mail.state = OutboundEmail.State.SENT
            mail.sent_at = timezone.now()
            sent += 1
        mail.save(update_fields=["attempts", "last_error", "state", "sent_at"])
    return sent, failed
