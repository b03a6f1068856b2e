"""The oversight body's view across its agencies.

AgencyYearSummary: one row per agency and year with everything the body's table shows, kept up
to date inside the transaction of every write it shows (oversight/summaries.py: receivers on
the sets, objectives, targets, plans, results, evaluation reports, audits and announcements), so
the table of 300 agencies is a handful of queries whatever their size.

Deadline: what the body asks of its agencies (objectives published by 31/01, results within 10
days after each quarter…); agencies past one are "late" on the table and reminded once per
deadline, agency and period (DeadlineReminder).
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency, OversightBody
from qms_objectives.fields import LongTextField, TextLineField, user_field

MIN_YEAR, MAX_YEAR = 2000, 2100


class ObjectivesStatus(models.TextChoices):
    NONE = "none", _("Chưa lập")
    DRAFT = "draft", _("Đang dự thảo")
    SUBMITTED = "submitted", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    ISSUED = "issued", _("Đã ban hành")
    PUBLISHED = "published", _("Đã công bố")


class AgencyYearSummary(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    objectives_status = models.CharField(
        _("tình trạng mục tiêu"),
        max_length=12,
        choices=ObjectivesStatus.choices,
        default=ObjectivesStatus.NONE,
    )
    objective_set_id = models.PositiveBigIntegerField(_("bộ mục tiêu"), null=True, blank=True)
    started_on = models.DateField(_("bắt đầu soạn"), null=True, blank=True)
    approved_on = models.DateField(_("ngày duyệt"), null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    published_on = models.DateField(_("ngày công bố"), null=True, blank=True)
    objectives_count = models.PositiveIntegerField(_("số mục tiêu"), default=0)
    # [{"key": "2024-Q1", "end": "2024-03-31", "expected": 5, "recorded": 5,
    #   "complete_on": "2024-04-08" | null}] in period order, every period of the year.
    periods = models.JSONField(_("kết quả theo kỳ"), default=list, blank=True)
    # The targets scored (with a result to judge them on) and those met: see
    # oversight.summaries._targets for what "share of targets met" counts.
    targets_count = models.PositiveIntegerField(_("số chỉ tiêu"), default=0)
    targets_met = models.PositiveIntegerField(_("số chỉ tiêu đạt"), default=0)
    evaluation_issued_on = models.DateField(_("ngày ban hành báo cáo đánh giá năm"), null=True)
    last_internal_audit_on = models.DateField(_("đánh giá nội bộ gần nhất"), null=True)
    last_management_review_on = models.DateField(_("xem xét của lãnh đạo gần nhất"), null=True)
    # Filled by the conformity app's announcements (issue 21) through oversight/summaries.py.
    conformity_reference = TextLineField(_("số quyết định công bố"), max_length=60, blank=True)
    conformity_announced_on = models.DateField(_("ngày công bố phù hợp"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("tổng hợp năm của cơ quan")
        verbose_name_plural = _("tổng hợp năm của cơ quan")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_summary_per_agency_year")
        ]
        indexes = [models.Index(fields=["year", "agency"])]

    def __str__(self):
        return f"{self.agency_id} {self.year}"

    @property
    def targets_met_share(self):
        """Targets met ÷ targets scored, in % (None: none scored yet)."""
        if not self.targets_count:
            return None
        return round(100 * self.targets_met / self.targets_count)

    def period_rows(self) -> list[dict]:
        """The periods with their dates as dates."""
        rows = []
        for period in self.periods or []:
            complete_on = period.get("complete_on")
            rows.append(
                {
                    **period,
                    "end": datetime.date.fromisoformat(period["end"]),
                    "complete_on": datetime.date.fromisoformat(complete_on)
                    if complete_on
                    else None,
                }
            )
        return rows


class DeadlineKind(models.TextChoices):
    OBJECTIVES_PUBLISHED = "objectives_published", _("Công bố mục tiêu chất lượng")
    RESULTS_REPORTED = "results_reported", _("Báo cáo kết quả mỗi kỳ")
    EVALUATION_ISSUED = "evaluation_issued", _("Ban hành báo cáo đánh giá năm")
    INTERNAL_AUDIT = "internal_audit", _("Đánh giá nội bộ")
    MANAGEMENT_REVIEW = "management_review", _("Xem xét của lãnh đạo")


class Deadline(models.Model):
    """One deadline the body sets for a year: a date (objectives published by 31/01, the
    internal audit done by 30/11…) or, for results, a number of days after each period."""

    body = models.ForeignKey(
        OversightBody,
        on_delete=models.CASCADE,
        related_name="deadlines",
        verbose_name=_("đơn vị quản lý"),
    )
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    kind = models.CharField(_("việc phải làm"), max_length=24, choices=DeadlineKind.choices)
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    days_after_period = models.PositiveSmallIntegerField(
        _("số ngày sau khi hết kỳ"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(90)],
        help_text=_("Chỉ cho báo cáo kết quả: ví dụ 10 ngày sau khi hết quý."),
    )
    note = LongTextField(_("ghi chú"), blank=True, max_length=1000)
    created_by = user_field(_("người đặt"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hạn của đơn vị quản lý")
        verbose_name_plural = _("hạn của đơn vị quản lý")
        ordering = ["body", "year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "kind"], name="one_deadline_per_body_year_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"

    @property
    def per_period(self) -> bool:
        return self.kind == DeadlineKind.RESULTS_REPORTED


class DeadlineReminder(models.Model):
    """An agency reminded of a deadline (of one period, for results): once, ever."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(_("kỳ"), max_length=12, blank=True)
    sent_on = models.DateField(_("ngày nhắc"))
    recipients = models.JSONField(_("người nhận"), default=list)
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhắc hạn")
        verbose_name_plural = _("lần nhắc hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "agency", "period_key"], name="one_reminder_per_deadline"
            )
        ]

    def __str__(self):
        return f"{self.deadline} {self.agency_id} {self.period_key}"
