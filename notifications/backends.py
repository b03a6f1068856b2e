"""An email backend that only queues: delivery happens later in `send_queued_mail`."""

from django.core.mail.backends.base import BaseEmailBackend

from notifications.models import OutboundEmail


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
                    to=list(message.to) + list(message.cc) + list(message.bcc),
                    subject=str(message.subject)[:255],
                    body=message.body,
                    html_body=html,
                    from_email=message.from_email,
                )
            )
        OutboundEmail.objects.bulk_create(rows)
        return len(rows)
