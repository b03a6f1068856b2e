"""Sending one outbox row, exactly once however many workers hold a message for it."""

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from notifications.models import OutboundEmail


def email_deliver(*, email_id: int) -> bool:
    """Send the QUEUED email `email_id` with EMAIL_DELIVERY_BACKEND and mark it SENT, inside one
    transaction holding the row's lock: a second worker given the same message waits, then finds
    it SENT and returns False. A worker that dies before the commit leaves the row QUEUED, so its
    message, delivered again, sends it again — the one window no queue closes (after the SMTP
    server accepted it, before the commit; docs/DEPLOYMENT.md). A failure is recorded on the row
    and raised to the task, which retries."""
    try:
        with transaction.atomic():
            email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
            if email is None or email.state != OutboundEmail.State.QUEUED:
                return False
            connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
            email.message(connection=connection).send()
            email.state = OutboundEmail.State.SENT
            email.sent_at = email.last_attempt_at = timezone.now()
            email.attempts += 1
            email.last_error = ""
            email.save(
                update_fields=["state", "sent_at", "last_attempt_at", "attempts", "last_error"]
            )
    except Exception as error:
        OutboundEmail.objects.filter(pk=email_id, state=OutboundEmail.State.QUEUED).update(
            attempts=F("attempts") + 1, last_error=_describe(error), last_attempt_at=timezone.now()
        )
        raise
    return True


def email_fail(*, email_id: int, error: BaseException) -> None:
    """Give up on a QUEUED email: FAILED, with the error, in the admin's outbox list."""
    OutboundEmail.objects.filter(pk=email_id, state=OutboundEmail.State.QUEUED).update(
        state=OutboundEmail.State.FAILED, last_error=_describe(error)
    )


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]
