"""The inspecting unit's work under Thông tư 26/2014/TT-BKHCN (arts. 33–40).

The annual plan (InspectionPlan, PlanEntry): every agency in the oversight body's scope that
year is checked on paper, at least a third of them on site too, each in a month; the plan is a
document of the oversight body's own agency ("KẾ HOẠCH Kiểm tra việc áp dụng, duy trì và cải
tiến Hệ thống quản lý chất lượng … năm …"), issued through the same workflow as every other
document. The inspections themselves follow below.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.models import IssuableDocument, one_in_force_constraints, revision_fields
from objectives.models.sets import FrozenWithSetMixin
from qms_objectives.fields import LONG_PARAGRAPH_MAX_LENGTH, LongTextField, TextLineField


class InspectionMode(models.TextChoices):
    # Every agency is checked on paper each year (the reports and records it sends in); the
    # on-site ones are checked at the agency as well (TT 26 art. 34).
    PAPER = "paper", _("Kiểm tra qua hồ sơ, báo cáo")
    ON_SITE = "on_site", _("Kiểm tra trực tiếp tại cơ quan")


class InspectionPlan(IssuableDocument):
    """The oversight body's plan for a year; `agency` is the body's own agency (the issuer)."""

    body = models.ForeignKey(
        "agencies.OversightBody",
        on_delete=models.PROTECT,
        related_name="inspection_plans",
        verbose_name=_("đơn vị quản lý"),
    )
    revision, revises = revision_fields(_("sửa đổi kế hoạch"))
    purpose = LongTextField(
        _("mục đích, yêu cầu"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi ý một dòng."),
    )
    content = LongTextField(
        _("nội dung kiểm tra"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi nội dung một dòng."),
    )
    organisation = LongTextField(
        _("tổ chức thực hiện"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi đoạn một dòng: đơn vị, người chịu trách nhiệm, kinh phí."),
    )
    legal_bases = LongTextField(
        _("căn cứ"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi căn cứ một dòng."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kế hoạch kiểm tra")
        ordering = ["body", "-year", "-revision"]
        constraints = one_in_force_constraints("inspection_plan")
        indexes = [models.Index(fields=["body", "year", "status"])]

    def get_absolute_url(self):
        return reverse("inspections:plan_detail", args=[self.pk])

    # The plan's own page holds every step of its workflow (edit, approve, issue).
    get_edit_url = get_review_url = get_issue_url = get_absolute_url

    @property
    def display_title(self) -> str:
        return f"Kế hoạch kiểm tra Hệ thống quản lý chất lượng năm {self.year}"

    @property
    def subject(self) -> str:
        """The line under "KẾ HOẠCH" (NĐ30 Mẫu 1.4: type name, then the subject)."""
        return (
            "Kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
            f"theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 năm {self.year}"
        )


class PlanEntry(FrozenWithSetMixin, models.Model):
    """One agency of the plan: how it is checked and in which month."""

    plan = models.ForeignKey(
        InspectionPlan,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("kế hoạch"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="inspection_plan_entries",
        verbose_name=_("cơ quan được kiểm tra"),
    )
    mode = models.CharField(
        _("hình thức kiểm tra"),
        max_length=10,
        choices=InspectionMode.choices,
        default=InspectionMode.PAPER,
    )
    month = models.PositiveSmallIntegerField(
        _("tháng"),
        validators=[
            MinValueValidator(1, _("Tháng phải từ 1 đến 12.")),
            MaxValueValidator(12, _("Tháng phải từ 1 đến 12.")),
        ],
    )
    note = TextLineField(_("ghi chú"), max_length=255, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan trong kế hoạch kiểm tra")
        verbose_name_plural = _("cơ quan trong kế hoạch kiểm tra")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "agency"], name="plan_entry_once_per_agency"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="plan_entry_month_1_to_12"
            ),
        ]

    def __str__(self):
        return f"{self.agency} – {self.get_mode_display()} – {self.month:02d}"

    @property
    def is_on_site(self) -> bool:
        return self.mode == InspectionMode.ON_SITE

    def _own_set(self):
        # FrozenWithSetMixin refuses changes once the plan is approved or issued.
        return InspectionPlan.objects.filter(pk=self.plan_id)
