"""The register of risks and opportunities (ISO 9001:2015, 6.1) of an agency or a department.

Reference 004 asks every department to keep a "Bảng nhận diện, đánh giá, giải quyết rủi ro và
cơ hội". A register is the entries of one agency (or one of its departments) for one year; it
has no row of its own.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import AgencyUnit, department_field
from documents.models import year_validators
from qms_objectives.fields import LongTextField, user_field

SCALE_MIN = 1
SCALE_MAX = 5


class Kind(models.TextChoices):
    RISK = "risk", _("Rủi ro")
    OPPORTUNITY = "opportunity", _("Cơ hội")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Mới nhận diện")
    IN_TREATMENT = "in_treatment", _("Đang xử lý")
    CLOSED = "closed", _("Đã đóng")


class Band(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")
    VERY_HIGH = "very_high", _("Rất cao")


# Level = likelihood × impact, from 1 to 25, in four bands (both ends inclusive):
# 1–4 low, 5–9 medium, 10–16 high, 20–25 very high. No product of two points of 1–5 lies
# between 16 and 20, so the bands leave no level out.
BANDS: tuple[tuple[int, int, Band], ...] = (
    (1, 4, Band.LOW),
    (5, 9, Band.MEDIUM),
    (10, 16, Band.HIGH),
    (20, SCALE_MAX * SCALE_MAX, Band.VERY_HIGH),
)


def band_of(level: int) -> Band:
    if not SCALE_MIN <= level <= SCALE_MAX * SCALE_MAX:
        raise ValueError(level)
    return next(band for _low, high, band in BANDS if level <= high)


def band_range(band: str) -> tuple[int, int]:
    """The lowest and highest level of a band, both inclusive."""
    for low, high, candidate in BANDS:
        if candidate == band:
            return low, high
    raise ValueError(band)


def band_table() -> list[dict]:
    """The bands as the page and the PDF print them: label and level range."""
    return [
        {
            "band": band,
            "label": band.label,
            "low": low,
            "high": high,
            "text": f"{low}–{high}: {str(band.label).lower()}",
        }
        for low, high, band in BANDS
    ]


# What each point of the scales means, printed under the register.
LIKELIHOOD_LABELS = {
    1: _("Rất hiếm khi xảy ra"),
    2: _("Ít khi xảy ra"),
    3: _("Có thể xảy ra"),
    4: _("Thường xảy ra"),
    5: _("Gần như chắc chắn xảy ra"),
}
IMPACT_LABELS = {
    1: _("Không đáng kể"),
    2: _("Nhỏ"),
    3: _("Trung bình"),
    4: _("Lớn"),
    5: _("Nghiêm trọng"),
}
# An opportunity's impact is the good it would do: "nghiêm trọng" is a risk's word.
OPPORTUNITY_IMPACT_LABELS = {
    1: _("Lợi ích không đáng kể"),
    2: _("Lợi ích nhỏ"),
    3: _("Lợi ích trung bình"),
    4: _("Lợi ích lớn"),
    5: _("Lợi ích rất lớn"),
}


def impact_labels(kind: str) -> dict:
    """What each impact point means for a risk or for an opportunity."""
    return OPPORTUNITY_IMPACT_LABELS if kind == Kind.OPPORTUNITY else IMPACT_LABELS


def _scale_validators():
    return [
        MinValueValidator(SCALE_MIN, _("Thang điểm từ 1 đến 5.")),
        MaxValueValidator(SCALE_MAX, _("Thang điểm từ 1 đến 5.")),
    ]


class RiskQuerySet(models.QuerySet):
    def with_level(self):
        return self.annotate(level_value=F("likelihood") * F("impact"))

    def in_band(self, band: str):
        low, high = band_range(band)
        return self.with_level().filter(level_value__gte=low, level_value__lte=high)

    def register(self, *, agency, year: int):
        return self.filter(agency=agency, year=year)


class Risk(AgencyUnit):
    """One risk or opportunity: what it is, why, how likely and how bad, and what is done."""

    department = department_field(
        related_name="risks", help_text=_("Để trống cho bảng của cả cơ quan.")
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=year_validators())
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.RISK)
    description = LongTextField(_("mô tả rủi ro, cơ hội"))
    cause = LongTextField(_("nguyên nhân"), blank=True)
    likelihood = models.PositiveSmallIntegerField(
        _("khả năng xảy ra (1–5)"), default=SCALE_MIN, validators=_scale_validators()
    )
    impact = models.PositiveSmallIntegerField(
        _("mức độ ảnh hưởng (1–5)"), default=SCALE_MIN, validators=_scale_validators()
    )
    treatment = LongTextField(_("biện pháp xử lý"), blank=True)
    owner_department = models.ForeignKey(
        "agencies.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_risks",
        verbose_name=_("đơn vị thực hiện"),
    )
    owner_person = user_field(_("người thực hiện"))
    due_date = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    outcome = LongTextField(_("kết quả xử lý"), blank=True)
    objectives = models.ManyToManyField(
        "objectives.Objective",
        blank=True,
        related_name="risks",
        verbose_name=_("mục tiêu liên quan"),
    )
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    created_by = user_field(_("người tạo"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[objectives])
    objects = RiskQuerySet.as_manager()

    DEPARTMENT_ERROR = _("Phòng, đơn vị phải thuộc chính cơ quan của bảng rủi ro.")

    class Meta:
        verbose_name = _("rủi ro, cơ hội")
        verbose_name_plural = _("rủi ro và cơ hội")
        ordering = ["agency", "-year", "department", "id"]
        indexes = [models.Index(fields=["agency", "year", "department"])]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("risks:risk_detail", args=[self.pk])

    def clean(self):
        errors = self.department_errors("department", "owner_department")
        if errors:
            raise ValidationError(errors)

    @property
    def level(self) -> int:
        """Likelihood × impact: computed, never typed in."""
        return self.likelihood * self.impact

    @property
    def band(self) -> Band:
        return band_of(self.level)

    @property
    def band_text(self) -> str:
        return f"{self.level} · {self.band.label}"

    @property
    def impact_label(self) -> str:
        return str(impact_labels(self.kind).get(self.impact, ""))

    @property
    def is_closed(self) -> bool:
        return self.status == RiskStatus.CLOSED
