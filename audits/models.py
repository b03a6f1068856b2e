"""Internal audits and management reviews an agency records (ISO 9001:2015 9.2 and 9.3; Quyết
định 19/2014/QĐ-TTg asks for each at least once a year): when, what was covered, the report or
minutes (a proven PDF or DOCX, kept privately) and how many findings and nonconformities it
noted. The oversight body's table shows the last of each in the year; its inspectors find them
on the agency's page."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from qms_objectives.fields import LongTextField, TextLineField, user_field
from qms_objectives.files import private_upload_to

MAX_REPORT_BYTES = 20 * 1024 * 1024
REPORT_KINDS = frozenset({"pdf", "docx"})


class AgencyRecord(models.Model):
    """What an internal audit and a management review share."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    held_on = models.DateField(_("ngày thực hiện"))
    findings_count = models.PositiveSmallIntegerField(
        _("số phát hiện"), default=0, validators=[MaxValueValidator(999)]
    )
    nonconformities_count = models.PositiveSmallIntegerField(
        _("số điểm không phù hợp"), default=0, validators=[MaxValueValidator(999)]
    )
    report = models.FileField(
        _("báo cáo, biên bản (PDF, DOCX)"), upload_to=private_upload_to("audits"), blank=True
    )
    report_name = TextLineField(_("tên tệp gốc"), max_length=255, blank=True)
    report_kind = models.CharField(_("loại tệp"), max_length=10, blank=True)
    recorded_by = user_field(_("người ghi nhận"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    PRIVATE_FILE_FIELDS = ("report",)
    # The URL segment of the kind (audits.urls) and its name in messages.
    SLUG = ""

    class Meta:
        abstract = True
        ordering = ["-held_on", "-pk"]

    def get_absolute_url(self):
        return reverse("audits:detail", args=[self.SLUG, self.pk])

    @property
    def year(self) -> int:
        return self.held_on.year

    def file_downloadable_by(self, user) -> bool:
        return user.has_perm("audits.view_record", self)


class InternalAudit(AgencyRecord):
    scope = LongTextField(
        _("phạm vi, nội dung đánh giá"),
        help_text=_("Các quá trình, đơn vị, điều khoản ISO 9001 đã đánh giá."),
    )

    history = HistoricalRecords()
    SLUG = "danh-gia-noi-bo"

    class Meta(AgencyRecord.Meta):
        verbose_name = _("đánh giá nội bộ")
        verbose_name_plural = _("đánh giá nội bộ")
        indexes = [models.Index(fields=["agency", "held_on"])]

    def __str__(self):
        return _("Đánh giá nội bộ ngày %(day)s") % {"day": self.held_on.strftime("%d/%m/%Y")}


class ManagementReview(AgencyRecord):
    scope = LongTextField(
        _("nội dung cuộc họp xem xét"),
        help_text=_("Các đầu vào đã xem xét (ISO 9001 9.3.2) và các quyết định chính."),
    )

    history = HistoricalRecords()
    SLUG = "xem-xet-lanh-dao"

    class Meta(AgencyRecord.Meta):
        verbose_name = _("xem xét của lãnh đạo")
        verbose_name_plural = _("xem xét của lãnh đạo")
        indexes = [models.Index(fields=["agency", "held_on"])]

    def __str__(self):
        return _("Xem xét của lãnh đạo ngày %(day)s") % {"day": self.held_on.strftime("%d/%m/%Y")}


KINDS = {model.SLUG: model for model in (InternalAudit, ManagementReview)}
