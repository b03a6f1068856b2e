"""Objective sets, their sections, objectives and measurable targets (ISO 9001:2015, 6.2)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.models import (
    IssuableDocument,
    Status,
    one_in_force_constraints,
    refuse_if_frozen,
    revision_fields,
)
from qms_objectives.fields import LongTextField, TextLineField

DEFAULT_PREAMBLE = (
    "Thông qua việc áp dụng, duy trì, cải tiến thường xuyên Hệ thống quản lý chất lượng, "
    "{agency} đảm bảo thực hiện các mục tiêu sau:"
)


def fields_except(fields: tuple[str, ...], *left_out: str) -> tuple[str, ...]:
    """`fields` in their order without `left_out`, each of which must be one of them (a renamed
    field fails here rather than being quietly kept)."""
    unknown = set(left_out) - set(fields)
    if unknown:
        raise ValueError(f"Not among the fields: {sorted(unknown)}")
    return tuple(name for name in fields if name not in left_out)


class DocumentForm(models.TextChoices):
    LIST = "list", _("Danh sách (Phụ lục 3)")
    TABLE = "table", _("Bảng")
    DECISION = "decision", _("Quyết định kèm phụ lục")


class Orientation(models.TextChoices):
    PORTRAIT = "portrait", _("Khổ dọc")
    LANDSCAPE = "landscape", _("Khổ ngang")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")


class ObjectiveSetQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=Status.PUBLISHED)

    def for_agency_level(self):
        return self.filter(department__isnull=True)


class ObjectiveSet(IssuableDocument):
    """The document "Mục tiêu chất lượng năm YYYY" of an agency, or of one of its departments."""

    # The set's own content, in the editor's order: what its drafters write (the header form),
    # what a copy carries over, what the review compares, what the admin shows. Each of those
    # names its differences from this list where it is used.
    DECISION_FIELDS = (
        "decision_subject",
        "issuing_authority",
        "legal_bases",
        "articles",
        "annex_reference",
    )  # Only the decision form (reference 004) prints these.
    CONTENT_FIELDS = (
        "form",
        "orientation",
        "annex_as_table",
        "iso_standard",
        "title",
        "preamble",
        "set_measures_intro",
        "set_measures",
        "closing_text",
        *DECISION_FIELDS,
        "recipients",
    )

    revision, revises = revision_fields(_("sửa đổi văn bản"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derived_sets",
        verbose_name=_("bộ mục tiêu của cơ quan"),
        help_text=_("Bộ mục tiêu của phòng được xây dựng từ bộ mục tiêu này của cơ quan."),
    )
    form = models.CharField(
        _("hình thức văn bản"),
        max_length=20,
        choices=DocumentForm.choices,
        default=DocumentForm.LIST,
    )
    orientation = models.CharField(
        _("hướng trang"), max_length=20, choices=Orientation.choices, default=Orientation.PORTRAIT
    )
    annex_as_table = models.BooleanField(
        _("phụ lục trình bày dạng bảng"),
        default=False,
        help_text=_("Chỉ dùng cho hình thức quyết định kèm phụ lục."),
    )
    iso_standard = TextLineField(
        _("tiêu chuẩn áp dụng"), max_length=60, default="TCVN ISO 9001:2015"
    )
    title = TextLineField(
        _("tiêu đề"),
        max_length=255,
        blank=True,
        help_text=_("Để trống thì in “MỤC TIÊU CHẤT LƯỢNG NĂM ‹năm›”."),
    )
    preamble = LongTextField(_("lời mở đầu"), blank=True)
    set_measures_intro = LongTextField(_("dẫn nhập biện pháp chung"), blank=True)
    set_measures = LongTextField(
        _("biện pháp chung"), blank=True, help_text=_("Mỗi dòng một biện pháp.")
    )
    closing_text = LongTextField(_("đoạn kết"), blank=True, help_text=_("Mỗi đoạn một dòng."))
    # Decision form (reference 004).
    decision_subject = LongTextField(
        _("trích yếu quyết định"),
        blank=True,
        help_text=_("Ví dụ “Công bố Mục tiêu chất lượng năm 2023 của Văn phòng UBND tỉnh”."),
    )
    issuing_authority = TextLineField(
        _("thẩm quyền ban hành"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ “CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI”."),
    )
    legal_bases = LongTextField(
        _("căn cứ ban hành"), blank=True, help_text=_("Mỗi căn cứ một dòng, kết thúc bằng “;”.")
    )
    articles = LongTextField(
        _("các điều"),
        blank=True,
        help_text=_("Mỗi đoạn một dòng; dòng bắt đầu bằng “Điều 1.” được in đậm phần số điều."),
    )
    annex_reference = TextLineField(
        _("dòng dẫn phụ lục"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ “(Ban hành kèm theo Quyết định số 124/QĐ-VP ngày 05/10/2023 của …)”."),
    )
    template_key = models.CharField(_("mẫu khởi tạo"), max_length=60, blank=True)

    history = HistoricalRecords()
    objects = ObjectiveSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ mục tiêu chất lượng")
        verbose_name_plural = _("bộ mục tiêu chất lượng")
        ordering = ["agency", "-year", "department", "-revision"]
        # "In force" means Published: one per agency (or department) and year.
        constraints = one_in_force_constraints("set")
        indexes = [models.Index(fields=["agency", "year", "status"])]

    def get_absolute_url(self):
        return reverse("objectives:set_detail", args=[self.pk])

    # Where each step of the workflow is done (the inbox and the home page link there).
    def get_edit_url(self):
        return reverse("objectives:set_edit", args=[self.pk])

    def get_review_url(self):
        return reverse("objectives:set_review", args=[self.pk])

    def get_issue_url(self):
        return reverse("objectives:set_issue", args=[self.pk])

    def get_reading_url(self):
        return reverse("objectives:reading_detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        return self.title or f"Mục tiêu chất lượng năm {self.year}"


def lineage_fields(copied_from_name, parent_name) -> tuple[models.ForeignKey, models.ForeignKey]:
    """An objective's or target's links: `copied_from`, the row of last year's (or the revised)
    set it continues, and `parent`, the agency's row a department's row derives from."""
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continuations",
        verbose_name=copied_from_name,
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derived",
        verbose_name=parent_name,
    )
    return copied_from, parent


class FrozenWithSetMixin:
    """Sections, objectives and targets of an issued set are read-only: saving a change to one,
    or deleting it, raises WorkflowError (code "frozen"). Adding new rows is refused by the
    services and forms (ensure_editable) and the admin; test fixtures may still build them."""

    def _own_set(self):
        raise NotImplementedError

    def save(self, *args, **kwargs):
        if not self._state.adding:
            refuse_if_frozen(self._own_set())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_if_frozen(self._own_set())
        return super().delete(*args, **kwargs)


class Section(FrozenWithSetMixin, models.Model):
    objective_set = models.ForeignKey(
        ObjectiveSet,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("bộ mục tiêu"),
    )
    title = TextLineField(
        _("tiêu đề mục"), max_length=255, help_text=_("Ví dụ “I. Đối với cơ quan:”.")
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    # Its title is edited in place: a rename merges over the version its form was opened with.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        ordering = ["objective_set", "order", "id"]

    def __str__(self):
        return self.title

    def _own_set(self):
        return ObjectiveSet.objects.filter(pk=self.objective_set_id)


class Objective(FrozenWithSetMixin, models.Model):
    # What a drafter writes for an objective (its set, order, links and version are kept by the
    # services), in the editor's order. Its targets: Target.CONTENT_FIELDS.
    CONTENT_FIELDS = (
        "section",
        "content",
        "measures",
        "resources",
        "lead_unit",
        "supporting_units",
        "responsible_person",
        "timeframe",
        "deadline",
        "reporting_frequencies",
        "reporting_wording",
        "evaluation_method",
        "printed_targets",
        "printed_measures",
        "printed_time",
    )

    objective_set = models.ForeignKey(
        ObjectiveSet,
        on_delete=models.CASCADE,
        related_name="objectives",
        verbose_name=_("bộ mục tiêu"),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="objectives",
        verbose_name=_("mục"),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    content = LongTextField(_("nội dung mục tiêu"))
    measures = LongTextField(_("biện pháp thực hiện"), blank=True)
    resources = LongTextField(_("nguồn lực"), blank=True)
    lead_unit = models.ForeignKey(
        "agencies.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_objectives",
        verbose_name=_("đơn vị chủ trì"),
    )
    supporting_units = models.ManyToManyField(
        "agencies.Department",
        blank=True,
        related_name="supported_objectives",
        verbose_name=_("đơn vị phối hợp"),
    )
    responsible_person = TextLineField(
        _("người hoặc bộ phận chịu trách nhiệm"), max_length=255, blank=True
    )
    timeframe = TextLineField(_("thời gian, thời hạn"), max_length=255, blank=True)
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    reporting_frequencies = models.JSONField(
        _("kỳ báo cáo cho phép"),
        default=list,
        blank=True,
        help_text=_(
            "Tập con của: monthly, quarterly, half_yearly, yearly. Để trống khi cập nhật liên tục."
        ),
    )
    reporting_wording = TextLineField(
        _("kỳ báo cáo (in)"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ “Báo cáo quý hoặc 6 tháng/lần”."),
    )
    evaluation_method = LongTextField(_("cách đánh giá"), blank=True)
    printed_targets = LongTextField(
        _("ô “Chỉ tiêu thực hiện” (in thay)"),
        blank=True,
        help_text=_("Để trống thì in cách ghi của các chỉ tiêu."),
    )
    printed_measures = LongTextField(
        _("ô “Biện pháp và trách nhiệm” (in thay)"),
        blank=True,
        help_text=_("Để trống thì in biện pháp rồi đơn vị chịu trách nhiệm."),
    )
    printed_time = LongTextField(
        _("ô “Thời gian” (in thay)"),
        blank=True,
        help_text=_("Để trống thì in thời gian và kỳ báo cáo."),
    )
    copied_from, parent = lineage_fields(_("tiếp nối mục tiêu"), _("mục tiêu của cơ quan"))
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    history = HistoricalRecords(m2m_fields=[supporting_units])

    class Meta:
        verbose_name = _("mục tiêu")
        verbose_name_plural = _("mục tiêu")
        ordering = ["objective_set", "order", "id"]

    def __str__(self):
        return self.content[:80]

    def _own_set(self):
        return ObjectiveSet.objects.filter(pk=self.objective_set_id)

    def clean(self):
        errors = {}
        unknown = set(self.reporting_frequencies or []) - set(Frequency.values)
        if unknown:
            errors["reporting_frequencies"] = _("Kỳ báo cáo không hợp lệ: %(values)s.") % {
                "values": ", ".join(sorted(unknown))
            }
        agency_id = self.objective_set.agency_id if self.objective_set_id else None
        if self.lead_unit_id and agency_id and self.lead_unit.agency_id != agency_id:
            errors["lead_unit"] = _("Đơn vị chủ trì phải thuộc cơ quan của bộ mục tiêu.")
        if self.section_id and self.section.objective_set_id != self.objective_set_id:
            errors["section"] = _("Mục phải thuộc cùng bộ mục tiêu.")
        if errors:
            raise ValidationError(errors)

    @property
    def frequency_labels(self) -> list[str]:
        return [Frequency(f).label for f in self.reporting_frequencies if f in Frequency.values]


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("Tối thiểu (≥)")
    AT_MOST = "at_most", _("Tối đa (≤)")
    EXACTLY = "exactly", _("Bằng (=)")
    GREATER_THAN = "greater_than", _("Trên (>)")
    LESS_THAN = "less_than", _("Dưới (<)")
    INCREASE_BY = "increase_by", _("Tăng so với mốc")
    DECREASE_BY = "decrease_by", _("Giảm so với mốc")
    NOT_SCORED = "not_scored", _("Không chấm điểm (đánh giá định tính)")


class Target(FrozenWithSetMixin, models.Model):
    """A measurable target of an objective: number, comparison, unit and the printed wording."""

    # What a drafter writes for a target (its objective, order and links are kept by the
    # services), in the editor's order.
    CONTENT_FIELDS = (
        "indicator",
        "comparison",
        "value",
        "unit",
        "baseline",
        "is_cumulative",
        "wording",
        "wording_in_content",
    )

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="targets", verbose_name=_("mục tiêu")
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    indicator = TextLineField(
        _("chỉ số"),
        max_length=255,
        blank=True,
        help_text=_("Đại lượng được đo, ví dụ “Tỷ lệ hồ sơ giải quyết đúng hạn”."),
    )
    comparison = models.CharField(
        _("phép so sánh"), max_length=20, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    value = models.DecimalField(
        _("giá trị"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0), _("Giá trị không được âm."))],
    )
    unit = TextLineField(
        _("đơn vị"), max_length=40, blank=True, help_text=_("Ví dụ “%”, “lần/năm”.")
    )
    baseline = models.DecimalField(
        _("mốc so sánh"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_(
            "Cho chỉ tiêu tăng/giảm so với năm trước; để trống thì dùng kết quả năm trước."
        ),
    )
    is_cumulative = models.BooleanField(
        _("cộng dồn trong năm"),
        default=False,
        help_text=_("Ví dụ “ít nhất 01 lần/năm”: cộng các kỳ để so với chỉ tiêu."),
    )
    wording = TextLineField(
        _("cách ghi trên văn bản"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ “100%”, “bằng không”, “ít nhất 01 lần/năm”."),
    )
    wording_in_content = models.BooleanField(
        _("cách ghi đã có trong nội dung mục tiêu"),
        default=False,
        help_text=_("Khi đó hình thức danh sách không in lại chỉ tiêu."),
    )
    copied_from, parent = lineage_fields(_("tiếp nối chỉ tiêu"), _("chỉ tiêu của cơ quan"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["objective", "order", "id"]

    def __str__(self):
        return self.wording or f"{self.get_comparison_display()} {self.value or ''}{self.unit}"

    def _own_set(self):
        return ObjectiveSet.objects.filter(objectives=self.objective_id)

    @property
    def is_percentage(self) -> bool:
        return self.unit.strip() == "%"

    def clean(self):
        errors = {}
        if self.comparison != Comparison.NOT_SCORED and self.value is None:
            errors["value"] = _("Chỉ tiêu đo lường được phải có giá trị.")
        if (
            self.is_percentage
            and self.value is not None
            and self.comparison not in (Comparison.INCREASE_BY, Comparison.DECREASE_BY)
            and not (0 <= self.value <= 100)
        ):
            errors["value"] = _("Tỷ lệ phần trăm phải từ 0 đến 100.")
        if errors:
            raise ValidationError(errors)
