"""An Excel import waiting for, or done by, the task engine (issue 16): the uploaded file kept
privately, then the set it created or the problems that refused it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qms_objectives.files import private_upload_to


class SetImport(models.Model):
    """One upload of the import page. The task `objectives.tasks.set_import_run` reads it only
    while QUEUED (under a row lock): DONE with the new set or the problems, FAILED on a bug."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ xử lý")
        DONE = "done", _("Đã xử lý")
        FAILED = "failed", _("Lỗi khi xử lý")

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    department = models.ForeignKey(
        "agencies.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phòng, đơn vị"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    file = models.FileField(_("tệp Excel"), upload_to=private_upload_to("imports"))
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    objective_set = models.ForeignKey(
        "objectives.ObjectiveSet",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bộ mục tiêu đã tạo"),
    )
    problems = models.JSONField(_("các lỗi trong tệp"), default=list, blank=True)
    error = models.TextField(_("lỗi khi xử lý"), blank=True)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập từ Excel")
        verbose_name_plural = _("các lần nhập từ Excel")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("objectives:set_import_detail", args=[self.pk])
