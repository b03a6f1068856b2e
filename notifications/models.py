from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboundEmail(models.Model):
    """An email in the outbox. Every message the app sends, password resets included, is written
    here and sent by the task `notifications.tasks.email_send`; the row is also what makes that
    task idempotent: it sends only a QUEUED row, under a row lock, and marks it SENT."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Chờ gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi lỗi")

    to = models.JSONField(_("người nhận"), default=list)
    cc = models.JSONField(_("đồng gửi"), default=list, blank=True)
    bcc = models.JSONField(_("gửi ẩn danh"), default=list, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    html_body = models.TextField(_("nội dung HTML"), blank=True)
    from_email = models.CharField(_("người gửi"), max_length=255)
    state = models.CharField(
        _("tình trạng"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("lần thử gần nhất"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("hàng đợi thư")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    def message(self, *, connection=None) -> EmailMultiAlternatives:
        """The message to send: Bcc recipients get it without appearing in any header. Its
        Message-ID comes from the row, so a copy sent again in the one window after a worker
        died (docs/DEPLOYMENT.md) carries the same id and a receiving server may drop it."""
        domain = urlsplit(settings.SITE_URL).hostname or "localhost"
        message = EmailMultiAlternatives(
            self.subject,
            self.body,
            self.from_email,
            self.to,
            cc=self.cc,
            bcc=self.bcc,
            connection=connection,
            headers={"Message-ID": f"<qms-outbox-{self.pk}@{domain}>"},
        )
        if self.html_body:
            message.attach_alternative(self.html_body, "text/html")
        return message


class Notification(models.Model):
    """A message shown in the app to one user (and usually also queued as email)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("người nhận"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan"),
    )
    message = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã xem lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message
