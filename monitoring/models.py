"""Monitoring through the year: how each objective of a published set is followed up, the
results recorded per period, their evidence, confirmations that lock them, corrections made
after that, and the reminders sent.

The objectives themselves are frozen once issued: these models only point at them (PROTECT).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import AgencyUnit, department_field
from monitoring.periods import ReportingFrequency, period_from_key
from monitoring.scoring import RollUpRule
from qms_objectives.fields import LongTextField, TextLineField, user_field
from qms_objectives.files import private_upload_to

# Preferred default when an objective allows several frequencies (reference 003: "Báo cáo quý
# hoặc 6 tháng/lần" → quarterly).
DEFAULT_FREQUENCY_ORDER = ("quarterly", "monthly", "half_yearly", "yearly")


def listed_frequencies(objective) -> list[str]:
    """The reporting periods the issued text names (often none: then the plan chooses)."""
    return [f for f in objective.reporting_frequencies or [] if f in ReportingFrequency.values]


def allowed_frequencies(objective) -> list[str]:
    """The frequencies an objective may be followed at: those its text lists, or any at all
    when it lists none (the frequency then belongs to the monitoring plan alone)."""
    return listed_frequencies(objective) or list(ReportingFrequency.values)


def default_frequency(objective) -> str:
    """The preferred frequency the text lists, else the agency's default (quarterly)."""
    listed = listed_frequencies(objective)
    if listed:
        return next((f for f in DEFAULT_FREQUENCY_ORDER if f in listed), listed[0])
    agency_default = objective.objective_set.agency.default_reporting_frequency
    if agency_default in ReportingFrequency.values:
        return agency_default
    return ReportingFrequency.QUARTERLY


class MonitoringPlan(models.Model):
    """How a published set is followed up. Editable at any time; the set stays frozen."""

    objective_set = models.OneToOneField(
        "objectives.ObjectiveSet",
        on_delete=models.PROTECT,
        related_name="monitoring_plan",
        verbose_name=_("bộ mục tiêu"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch theo dõi")
        verbose_name_plural = _("kế hoạch theo dõi")

    def __str__(self):
        return str(self.objective_set)


class ObjectivePlan(models.Model):
    """Per objective: the chosen frequency, the roll-up rule and who reports."""

    plan = models.ForeignKey(
        MonitoringPlan,
        on_delete=models.CASCADE,
        related_name="objective_plans",
        verbose_name=_("kế hoạch theo dõi"),
    )
    objective = models.OneToOneField(
        "objectives.Objective",
        on_delete=models.PROTECT,
        related_name="monitoring",
        verbose_name=_("mục tiêu"),
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan")
    )
    frequency = models.CharField(_("kỳ báo cáo"), max_length=20, choices=ReportingFrequency.choices)
    roll_up = models.CharField(
        _("cách tổng hợp từ các phòng"),
        max_length=20,
        choices=RollUpRule.choices,
        default=RollUpRule.RATIO_OF_SUMS,
    )
    department = models.ForeignKey(
        "agencies.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị báo cáo"),
        help_text=_("Để trống khi cơ quan (Tổ ISO) báo cáo."),
    )
    reporter = user_field(_("người báo cáo"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cách theo dõi mục tiêu")
        verbose_name_plural = _("cách theo dõi mục tiêu")
        ordering = ["plan", "objective__order", "objective_id"]

    def __str__(self):
        return f"{self.objective} – {self.get_frequency_display()}"

    def clean(self):
        if self.objective_id and self.frequency not in allowed_frequencies(self.objective):
            raise ValidationError(
                {"frequency": _("Kỳ báo cáo này không có trong các kỳ mục tiêu cho phép.")}
            )
        if self.department_id and self.department.agency_id != self.agency_id:
            raise ValidationError({"department": _("Đơn vị báo cáo phải thuộc cơ quan.")})


COMPUTED_REFUSAL = _(
    "Kết quả này được tính tự động từ hồ sơ nên không nhập đè được. Muốn sửa, hãy nhập lại "
    "hồ sơ, hoặc ghi đè kết quả và nêu lý do."
)


class Result(models.Model):
    """The actual value of one target for one period (or one dated entry)."""

    target = models.ForeignKey(
        "objectives.Target",
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("chỉ tiêu"),
    )
    period_key = models.CharField(_("kỳ"), max_length=12)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    value = models.DecimalField(_("kết quả"), max_digits=14, decimal_places=4, null=True)
    numerator = models.DecimalField(_("tử số"), max_digits=14, decimal_places=4, null=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=14, decimal_places=4, null=True)
    assessment = LongTextField(_("đánh giá bằng văn bản"), blank=True)
    note = LongTextField(_("ghi chú"), blank=True)
    recorded_by = user_field(_("người nhập"), optional=False)
    recorded_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # A result computed from records (e.g. the dossiers of a one-stop-shop import) rather than
    # typed: its source is any object a higher app registers (monitoring/result_sources.py), so
    # monitoring never imports that app. A computed result is not typed over; an explained
    # manual override turns it into a typed one (the explanation stays, the correction too).
    is_computed = models.BooleanField(_("tính tự động"), default=False)
    source_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loại nguồn số liệu"),
    )
    source_id = models.PositiveBigIntegerField(_("mã nguồn số liệu"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    # From 1 January to the period's end computed as one period (a pending dossier counts once,
    # not once per quarter): what the year to date of a computed rate reads.
    to_date_numerator = models.DecimalField(
        _("tử số lũy kế"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    to_date_denominator = models.DecimalField(
        _("mẫu số lũy kế"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    override_reason = LongTextField(_("lý do ghi đè kết quả tính tự động"), blank=True)

    class Meta:
        verbose_name = _("kết quả thực hiện")
        verbose_name_plural = _("kết quả thực hiện")
        ordering = ["target", "period_start", "period_end"]
        constraints = [
            models.UniqueConstraint(fields=["target", "period_key"], name="result_one_per_period")
        ]
        indexes = [models.Index(fields=["target", "period_start"])]

    def __str__(self):
        return f"{self.target} · {self.period.label}"

    @property
    def period(self):
        return period_from_key(self.period_key)

    def snapshot(self) -> dict:
        """What a correction records as old and new."""
        return {
            "value": None if self.value is None else str(self.value),
            "numerator": None if self.numerator is None else str(self.numerator),
            "denominator": None if self.denominator is None else str(self.denominator),
            "assessment": self.assessment,
            "note": self.note,
        }

    @property
    def was_overridden(self) -> bool:
        return bool(self.override_reason)


class Evidence(models.Model):
    """A file proving a result: stored privately, served only to members of the agency."""

    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("kết quả")
    )
    file = models.FileField(_("tệp minh chứng"), upload_to=private_upload_to("evidence"))
    original_name = TextLineField(_("tên tệp gốc"), max_length=255)
    kind = models.CharField(_("loại tệp"), max_length=10)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = user_field(_("người tải lên"), optional=False)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["result", "uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class Correction(models.Model):
    """A change to a result after its period was confirmed: who, why, what was and what is."""

    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("kết quả")
    )
    by = user_field(_("người sửa"), optional=False)
    at = models.DateTimeField(_("sửa lúc"), auto_now_add=True)
    reason = LongTextField(_("lý do sửa"))
    old = models.JSONField(_("trước khi sửa"), default=dict, blank=True)
    new = models.JSONField(_("sau khi sửa"), default=dict)

    class Meta:
        verbose_name = _("đính chính kết quả")
        verbose_name_plural = _("đính chính kết quả")
        ordering = ["result", "at", "id"]

    def __str__(self):
        return f"{self.result} · {self.reason[:60]}"


def _unit_constraints(prefix: str) -> list:
    """One row per agency (or department), period: NULL departments need their own rule."""
    return [
        models.UniqueConstraint(
            fields=["agency", "period_key"],
            condition=Q(department__isnull=True),
            name=f"{prefix}_once_per_agency_period",
        ),
        models.UniqueConstraint(
            fields=["agency", "department", "period_key"],
            condition=Q(department__isnull=False),
            name=f"{prefix}_once_per_department_period",
        ),
    ]


class UnitPeriod(AgencyUnit):
    """A reporting unit (the agency itself, or a department) and a period."""

    department = department_field(verbose_name=_("đơn vị báo cáo"))
    period_key = models.CharField(_("kỳ"), max_length=12)

    DEPARTMENT_ERROR = _("Đơn vị báo cáo phải thuộc cơ quan.")

    class Meta:
        abstract = True

    @property
    def period(self):
        return period_from_key(self.period_key)


class PeriodConfirmation(UnitPeriod):
    """The unit head confirms the unit's report for a period: every result of the unit dated
    within the period is locked; later changes need a reason (Correction)."""

    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    confirmed_by = user_field(_("người xác nhận"), optional=False)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("xác nhận báo cáo kỳ")
        verbose_name_plural = _("xác nhận báo cáo kỳ")
        ordering = ["agency", "department", "period_start"]
        constraints = _unit_constraints("confirmation")

    def __str__(self):
        return f"{self.department or self.agency} · {self.period.label}"


class SentReminder(UnitPeriod):
    """A reminder queued for a unit's missing report before reminders escalated person by
    person (PersonReminder): kept as the record of what was sent then; no longer written."""

    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    recipients = models.JSONField(_("người nhận"), default=list)

    class Meta:
        verbose_name = _("nhắc báo cáo đã gửi")
        verbose_name_plural = _("nhắc báo cáo đã gửi")
        ordering = ["-sent_at", "id"]
        constraints = _unit_constraints("reminder")

    def __str__(self):
        return f"{self.department or self.agency} · {self.period.label}"


class ReminderStep(models.TextChoices):
    """Who a missing report is brought to, in order: the reporter on the due date, then the
    head of the unit, then the ISO officers (after the agency's working-day delays)."""

    REPORTER = "reporter", _("người báo cáo")
    HEAD = "head", _("trưởng đơn vị")
    ISO_OFFICER = "iso_officer", _("cán bộ ISO")


class PersonReminder(UnitPeriod):
    """One person reminded of a unit's missing report for a period: each person once per
    unit and period, whatever the step and however often the daily task runs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("người được nhắc"),
    )
    step = models.CharField(_("bậc nhắc"), max_length=20, choices=ReminderStep.choices)
    sent_on = models.DateField(_("ngày nhắc"))
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("người đã được nhắc báo cáo")
        verbose_name_plural = _("người đã được nhắc báo cáo")
        ordering = ["-sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "period_key", "user"],
                condition=Q(department__isnull=True),
                name="person_reminder_once_per_agency_period",
            ),
            models.UniqueConstraint(
                fields=["agency", "department", "period_key", "user"],
                condition=Q(department__isnull=False),
                name="person_reminder_once_per_department_period",
            ),
        ]

    def __str__(self):
        return f"{self.department or self.agency} · {self.period.label} · {self.user}"


class DashboardVersion(models.Model):
    """A value per agency, replaced in the same transaction as every write that changes what
    its dashboard shows (monitoring/dashboard_cache.py). Cached dashboards carry it in their
    key, so a new value retires them on every app server at once. Random rather than counted:
    a database restored or rolled back to an earlier state never meets a page cached later
    under the same value. A table of its own, not a field of Agency, so that saving a stale
    Agency cannot bring an old value back; no foreign key, so that rows written while an
    agency is being deleted cannot block the deletion (a leftover row is harmless)."""

    agency_id = models.PositiveBigIntegerField(primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("phiên bản trang theo dõi")
        verbose_name_plural = _("phiên bản trang theo dõi")

    def __str__(self):
        return f"{self.agency_id}: {self.value}"
