from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.kinds import notification_text


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
