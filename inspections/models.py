"""The inspecting unit's work under Thông tư 26/2014/TT-BKHCN (arts. 33–40).

The annual plan (InspectionPlan, PlanEntry): every agency in the oversight body's scope that
year is checked on paper, at least a third of them on site too, each in a month; the plan is a
document of the oversight body's own agency ("KẾ HOẠCH Kiểm tra việc áp dụng, duy trì và cải
tiến Hệ thống quản lý chất lượng … năm …"), issued through the same workflow as every other
document. The inspections themselves follow below.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import OversightRole
from documents.models import (
    IssuableDocument,
    IssueMethod,
    Status,
    one_in_force_constraints,
    refuse_if_frozen,
    revision_fields,
)
from inspections.checklist import ITEM_CHOICES, Result, item_number
from objectives.models.sets import FrozenWithSetMixin
from qms_objectives.fields import LONG_PARAGRAPH_MAX_LENGTH, LongTextField, TextLineField


class InspectionMode(models.TextChoices):
    # Every agency is checked on paper each year (the reports and records it sends in); the
    # on-site ones are checked at the agency as well (TT 26 art. 34).
    PAPER = "paper", _("Kiểm tra qua hồ sơ, báo cáo")
    ON_SITE = "on_site", _("Kiểm tra trực tiếp tại cơ quan")


class InspectionPlan(IssuableDocument):
    """The oversight body's plan for a year; `agency` is the body's own agency (the issuer)."""

    # Drafted by the body's inspectors (documents.oversight_documents).
    ISSUED_BY_OVERSIGHT_BODY = True

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


# ---------------------------------------------------------------------------------------------
# The inspection of one agency (one per plan entry), its art. 36 checklist and its minutes.


class Inspection(models.Model):
    """One agency of the plan, checked on one day by a team of the inspecting unit: the art. 36
    checklist (Finding) and the minutes both sides sign (InspectionMinutes)."""

    plan_entry = models.OneToOneField(
        PlanEntry,
        on_delete=models.PROTECT,
        related_name="inspection",
        verbose_name=_("dòng kế hoạch"),
    )
    body = models.ForeignKey(
        "agencies.OversightBody",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("đơn vị quản lý"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("cơ quan được kiểm tra"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    mode = models.CharField(_("hình thức kiểm tra"), max_length=10, choices=InspectionMode.choices)
    inspected_on = models.DateField(_("ngày kiểm tra"))
    venue = TextLineField(
        _("địa điểm"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ “Trụ sở Văn phòng UBND tỉnh”; để trống khi kiểm tra qua hồ sơ."),
    )
    team_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("trưởng đoàn kiểm tra"),
    )
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("thành viên đoàn kiểm tra"),
    )
    agency_representatives = LongTextField(
        _("đại diện cơ quan được kiểm tra"),
        blank=True,
        help_text=_("Mỗi người một dòng: họ tên – chức vụ."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộc kiểm tra")
        verbose_name_plural = _("cuộc kiểm tra")
        ordering = ["body", "-year", "inspected_on", "id"]
        indexes = [
            models.Index(fields=["body", "year"]),
            models.Index(fields=["agency", "year"]),
        ]

    def __str__(self):
        return f"{self.agency} – {self.inspected_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("inspections:inspection_detail", args=[self.pk])

    @property
    def is_on_site(self) -> bool:
        return self.mode == InspectionMode.ON_SITE


class Finding(models.Model):
    """The finding on one checklist item: conforms, an observation or a nonconformity, with
    what was seen. Frozen once the minutes are approved (they print it)."""

    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("cuộc kiểm tra"),
    )
    item = models.CharField(_("nội dung kiểm tra"), max_length=40, choices=ITEM_CHOICES)
    result = models.CharField(_("kết quả"), max_length=20, choices=Result.choices, blank=True)
    text = LongTextField(_("ghi nhận"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả kiểm tra một nội dung")
        verbose_name_plural = _("kết quả kiểm tra")
        ordering = ["inspection", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "item"], name="inspection_finding_once_per_item"
            )
        ]

    def __str__(self):
        return f"{self.get_item_display()}: {self.get_result_display()}"

    def save(self, *args, **kwargs):
        refuse_if_frozen(InspectionMinutes.objects.filter(inspection_id=self.inspection_id))
        super().save(*args, **kwargs)

    @property
    def is_nonconformity(self) -> bool:
        return self.result == Result.NONCONFORMITY

    @property
    def number(self) -> int:
        return item_number(self.item)


class InspectionMinutes(IssuableDocument):
    """ "BIÊN BẢN Kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng …":
    a document of the oversight body's own agency (`agency`; numbered in its register), signed
    by both sides — the team leader for the inspecting unit (`signer`, `signing_lines`) and the
    inspected agency's head (`agency_signer`, `agency_signing_lines`), fixed when the minutes are
    approved. Digitally one after the other (two incremental PAdES signatures), or on paper and
    the scan registered."""

    # Drafted and read by the body's own people (documents/rulebook.py, OVERSIGHT_GRANTS).
    ISSUED_BY_OVERSIGHT_BODY = True

    inspection = models.OneToOneField(
        Inspection,
        on_delete=models.PROTECT,
        related_name="minutes",
        verbose_name=_("cuộc kiểm tra"),
    )
    conclusion = LongTextField(
        _("kết luận của đoàn kiểm tra"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi đoạn một dòng."),
    )
    agency_opinion = LongTextField(
        _("ý kiến của cơ quan được kiểm tra"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi đoạn một dòng."),
    )
    agency_signing_lines = models.JSONField(_("dòng ký của cơ quan được kiểm tra"), default=list)
    agency_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ký của cơ quan được kiểm tra"),
    )
    agency_signer_name = TextLineField(
        _("họ tên người ký của cơ quan được kiểm tra"), max_length=120, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biên bản kiểm tra")
        verbose_name_plural = _("biên bản kiểm tra")
        ordering = ["agency", "-year", "id"]
        indexes = [models.Index(fields=["agency", "year", "status"])]

    def get_absolute_url(self):
        return reverse("inspections:inspection_detail", args=[self.inspection_id])

    # The inspection's page holds every step of the minutes (edit, approve, sign).
    get_edit_url = get_review_url = get_issue_url = get_absolute_url

    @property
    def display_title(self) -> str:
        return f"Biên bản kiểm tra Hệ thống quản lý chất lượng năm {self.year}"

    @property
    def subject(self) -> str:
        return (
            "Kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
            "theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015"
        )

    # Two signatures one after the other. `prepared_file` holds, while the minutes are approved:
    # the numbered final PDF still unsigned, for the inspecting unit to sign with its own USB
    # token (issue_method "external_signing"); then the file the inspecting unit signed, which
    # waits for the agency's signature.
    @property
    def awaiting_unit_token(self) -> bool:
        return (
            self.status == Status.APPROVED
            and bool(self.prepared_file)
            and self.issue_method == IssueMethod.EXTERNAL_SIGNING
        )

    @property
    def awaiting_agency(self) -> bool:
        return (
            self.status == Status.APPROVED
            and bool(self.prepared_file)
            and not self.awaiting_unit_token
        )

    def file_downloadable_by(self, user) -> bool:
        """Whoever may see the inspection (the inspected agency, the body's overseers), besides
        the readers of the body's own documents."""
        from_rulebook = super().file_downloadable_by(user)
        return from_rulebook or user.has_perm("inspections.view_inspection", self.inspection)


class InspectionReminder(models.Model):
    """One person told that the corrective actions of an inspection fall due: once per person
    and inspection, whatever the step and however often the daily task runs."""

    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("cuộc kiểm tra"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("người được nhắc"),
    )
    sent_on = models.DateField(_("ngày nhắc"))
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("người đã được nhắc khắc phục sau kiểm tra")
        verbose_name_plural = _("người đã được nhắc khắc phục sau kiểm tra")
        ordering = ["-sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "user"], name="inspection_reminder_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.inspection} – {self.user}"


# ---------------------------------------------------------------------------------------------
# The body's documents beyond the plan and the minutes: its reports and a decision per inspection.


class BodyReport(IssuableDocument):
    """A report of the oversight body for a year, its figures frozen (`snapshot`) when it is
    created and each time it is refreshed while a draft: what the head approves and issuing
    prints unchanged (inspections.report_documents)."""

    ISSUED_BY_OVERSIGHT_BODY = True
    # The body's administrators prepare the reports too (documents.oversight_documents).
    OVERSIGHT_GRANTS = {
        "draft": frozenset({OversightRole.INSPECTOR, OversightRole.ADMINISTRATOR}),
    }
    KIND = ""

    body = models.ForeignKey(
        "agencies.OversightBody",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị quản lý"),
    )
    snapshot = models.JSONField(_("số liệu đã chốt"), default=dict, blank=True)
    snapshot_at = models.DateTimeField(_("chốt số liệu lúc"), null=True, blank=True)

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return reverse("inspections:body_document", args=[self.KIND, self.pk])

    get_edit_url = get_review_url = get_issue_url = get_absolute_url


class NovemberReport(BodyReport):
    """The inspecting unit's November summary of its inspections, to the Sở and the People's
    Committee."""

    KIND = "november"

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo kết quả kiểm tra (tháng 11)")
        verbose_name_plural = _("báo cáo kết quả kiểm tra (tháng 11)")
        ordering = ["body", "-year", "-id"]
        constraints = one_in_force_constraints("november_report")

    @property
    def display_title(self) -> str:
        return f"Báo cáo kết quả kiểm tra Hệ thống quản lý chất lượng năm {self.year}"


class DecemberReport(BodyReport):
    """The province's December report to the Ministry of Science and Technology."""

    KIND = "december"

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo tình hình áp dụng hệ thống quản lý chất lượng (tháng 12)")
        verbose_name_plural = _("báo cáo tình hình áp dụng hệ thống quản lý chất lượng (tháng 12)")
        ordering = ["body", "-year", "-id"]
        constraints = one_in_force_constraints("december_report")

    @property
    def display_title(self) -> str:
        return f"Báo cáo tình hình áp dụng Hệ thống quản lý chất lượng năm {self.year}"


class InspectionDecision(IssuableDocument):
    """ "QUYẾT ĐỊNH Về việc kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất
    lượng … tại <cơ quan>" (TT 26 arts. 33–40: a decision per inspection): a document of the
    oversight body's own agency, its texts and the team fixed from the inspection when created
    and refreshed while a draft. The inspected agency reads it once issued, never a draft."""

    ISSUED_BY_OVERSIGHT_BODY = True
    KIND = "decision"

    inspection = models.OneToOneField(
        Inspection,
        on_delete=models.PROTECT,
        related_name="decision",
        verbose_name=_("cuộc kiểm tra"),
    )
    legal_bases = LongTextField(
        _("căn cứ"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi căn cứ một dòng."),
    )
    # The inspection's facts as printed (agency, mode, date, venue, team, content).
    facts = models.JSONField(_("nội dung đã chốt"), default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định kiểm tra")
        verbose_name_plural = _("quyết định kiểm tra")
        ordering = ["agency", "-year", "id"]

    def get_absolute_url(self):
        return reverse("inspections:body_document", args=[self.KIND, self.pk])

    get_edit_url = get_review_url = get_issue_url = get_absolute_url

    @property
    def display_title(self) -> str:
        return f"Quyết định kiểm tra Hệ thống quản lý chất lượng năm {self.year}"

    @property
    def subject(self) -> str:
        return (
            "Về việc kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
            "theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 tại "
            f"{self.facts.get('agency_name') or self.inspection.agency.name}"
        )

    def file_downloadable_by(self, user) -> bool:
        """The issued decision: the inspected agency reads it too (never a draft: there is no
        file before issuing)."""
        from_rulebook = super().file_downloadable_by(user)
        return from_rulebook or (
            self.is_frozen and user.has_perm("inspections.view_inspection", self.inspection)
        )
