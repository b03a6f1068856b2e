from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.kinds import notification_text


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
    """Something one user is told: its kind (notifications/kinds.py), its target (the document it
    is about) and the parameters the kind's text needs. The text is rendered when shown, in the
    reader's language (Notification.text); rows from before kinds keep theirs as a LEGACY kind."""

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
    kind = models.CharField(_("loại"), max_length=40)
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loại đối tượng"),
    )
    target_id = models.PositiveBigIntegerField(_("mã đối tượng"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    # The finished text of a LEGACY row (written before kinds); empty for every other kind.
    message = models.CharField(_("nội dung"), max_length=500, blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã xem lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return str(self.text)

    @property
    def text(self) -> str:
        """The sentence, in the active language (notifications.kinds)."""
        return notification_text(self)


class NotificationPreference(models.Model):
    """How one user wants to be told of one kind: in the app only, or in the app and by mail.
    No row means the default, in the app and by mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("người dùng"),
    )
    kind = models.CharField(_("loại"), max_length=40)
    by_mail = models.BooleanField(_("gửi cả thư điện tử"), default=True)

    class Meta:
        verbose_name = _("lựa chọn nhận thông báo")
        verbose_name_plural = _("lựa chọn nhận thông báo")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}"
