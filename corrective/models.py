"""Corrective actions (ISO 9001:2015, 10.2): for something not met — an objective missing its
target in a period or the year, later an inspection's finding — the cause, the action, who does it
by when, and how it was closed, with evidence. The thing corrected is named generically (content
type and id) with a text of what was not met, so that any app above this one may point at it."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import AgencyUnit, department_field
from qms_objectives.fields import LongTextField, TextLineField, user_field
from qms_objectives.files import private_upload_to

MIN_YEAR = 2000
MAX_YEAR = 2100


class Status(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã thực hiện, chờ xác nhận")
    CLOSED = "closed", _("Đã đóng")


class CorrectiveActionQuerySet(models.QuerySet):
    def of_year(self, *, agency, year: int):
        return self.filter(agency=agency, year=year)

    def not_closed(self):
        return self.exclude(status=Status.CLOSED)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status=Status.OPEN, due_date__lt=today)


class CorrectiveAction(AgencyUnit):
    """One nonconformity and what is done about it."""

    department = department_field(related_name="corrective_actions")
    year = models.PositiveSmallIntegerField(
        _("năm"),
        validators=[
            MinValueValidator(MIN_YEAR, _("Năm phải từ %(limit_value)s trở đi.")),
            MaxValueValidator(MAX_YEAR, _("Năm không được quá %(limit_value)s.")),
        ],
    )
    source_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loại đối tượng không đạt"),
    )
    source_id = models.PositiveBigIntegerField(_("mã đối tượng không đạt"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    # Where the source can be opened (a monitoring page…), written by the app that made it.
    source_url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    nonconformity = LongTextField(_("điều không đạt"))
    cause = LongTextField(_("nguyên nhân"))
    action = LongTextField(_("hành động khắc phục"))
    owner_department = models.ForeignKey(
        "agencies.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_corrective_actions",
        verbose_name=_("đơn vị thực hiện"),
    )
    owner_person = user_field(_("người thực hiện"))
    due_date = models.DateField(_("thời hạn"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    done_at = models.DateTimeField(_("báo đã thực hiện lúc"), null=True, blank=True)
    done_by = user_field(_("người báo đã thực hiện"))
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    closed_by = user_field(_("người đóng"))
    outcome = LongTextField(_("kết quả"), blank=True)
    reminded_on = models.DateField(_("nhắc lần cuối"), null=True, blank=True)
    created_by = user_field(_("người ghi nhận"))
    created_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()
    objects = CorrectiveActionQuerySet.as_manager()

    DEPARTMENT_ERROR = _("Phòng, đơn vị phải thuộc chính cơ quan.")

    class Meta:
        verbose_name = _("hành động khắc phục")
        verbose_name_plural = _("hành động khắc phục")
        ordering = ["agency", "-year", "due_date", "id"]
        indexes = [
            models.Index(fields=["agency", "year", "status"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self):
        return self.nonconformity[:80]

    def get_absolute_url(self):
        return reverse("corrective:detail", args=[self.pk])

    def clean(self):
        errors = self.department_errors("department", "owner_department")
        if not self.owner_department_id and not self.owner_person_id:
            errors["owner_person"] = _("Hãy chọn đơn vị hoặc người thực hiện.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == Status.OPEN and self.due_date < today


class Evidence(models.Model):
    """A file proving the action was done: kept privately, proven by its content."""

    action = models.ForeignKey(
        CorrectiveAction,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("hành động khắc phục"),
    )
    file = models.FileField(_("tệp minh chứng"), upload_to=private_upload_to("corrective"))
    original_name = TextLineField(_("tên tệp gốc"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=10)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = user_field(_("người tải lên"), optional=False)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    PRIVATE_FILE_FIELDS = ("file",)

    class Meta:
        verbose_name = _("minh chứng khắc phục")
        verbose_name_plural = _("minh chứng khắc phục")
        ordering = ["action", "uploaded_at", "id"]

    def __str__(self):
        return self.original_name

    def file_downloadable_by(self, user) -> bool:
        return user.has_perm("corrective.view_action", self.action)
