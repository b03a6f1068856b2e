"""Django's EMAIL_BACKEND for the whole app: it writes each message to the outbox and enqueues
its sending after commit (notifications.services.emails_queue). Password resets and
invitations, sent with Django's send_mail, go the same way as the app's notices."""

from django.core.mail.backends.base import BaseEmailBackend

from notifications.models import OutboundEmail
from notifications.services import emails_queue


class QueueBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        rows = []
        for message in email_messages:
            html = ""
            for content, mimetype in getattr(message, "alternatives", []) or []:
                if mimetype == "text/html":
                    html = content
            rows.append(
                OutboundEmail(
                    to=list(message.to),
                    cc=list(message.cc),
                    bcc=list(message.bcc),
                    subject=str(message.subject)[:255],
                    body=message.body,
                    html_body=html,
                    from_email=message.from_email,
                )
            )
        emails_queue(emails=rows)
        return len(rows)
