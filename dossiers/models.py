"""Administrative dossiers of the one-stop shop (issue 23): the records themselves, as imported
from the provincial system's export or pushed, the imports that brought them (the uploaded file
kept as evidence for a while, its SHA-256 and counts for ever), the agency's column mapping and
retention setting, and the Biểu 06 totals of agencies that have only those.

Only what the rules need is stored: codes, the processing unit, the channel, dates, the status
and the supplement requests. Names, identity numbers and addresses in an export are never read
into any of these rows (Nghị định 13/2023/NĐ-CP)."""

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qms_objectives.fields import TextLineField, user_field
from qms_objectives.files import private_upload_to


class Channel(models.IntegerChoices):
    """How the dossier was lodged (the national portal's codes)."""

    IN_PERSON = 1, _("Trực tiếp")
    ONLINE = 2, _("Trực tuyến")
    POST = 3, _("Dịch vụ bưu chính")


class DossierStatus(models.IntegerChoices):
    """TrangThaiHoSo of the national portal's exchange (1–10)."""

    REGISTERED = 1, _("Mới đăng ký")
    RECEIVED = 2, _("Được tiếp nhận")
    NOT_RECEIVED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT_REQUESTED = 5, _("Yêu cầu bổ sung giấy tờ")
    FEE_REQUESTED = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    PROCESSED = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


# Dossiers that count nowhere: withdrawn by the citizen, stopped, or never accepted.
VOID_STATUSES = frozenset(
    {DossierStatus.NOT_RECEIVED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED}
)


def is_void_status(status: int | None) -> bool:
    return status in VOID_STATUSES


class DossierSettings(models.Model):
    """The agency's choices for its dossier records (one row per agency, made on first use)."""

    agency = models.OneToOneField(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="dossier_settings",
        verbose_name=_("cơ quan"),
    )
    file_retention_days = models.PositiveSmallIntegerField(
        _("giữ tệp đã tải lên (ngày)"),
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=_(
            "Tệp xuất từ hệ thống một cửa chứa dữ liệu cá nhân của người dân: hết thời hạn này "
            "tệp bị xoá, chỉ giữ mã SHA-256 và số dòng (Nghị định 13/2023/NĐ-CP)."
        ),
    )

    class Meta:
        verbose_name = _("thiết lập hồ sơ TTHC")
        verbose_name_plural = _("thiết lập hồ sơ TTHC")

    def __str__(self):
        return str(self.agency)

    @property
    def file_retention(self) -> timedelta:
        return timedelta(days=self.file_retention_days)


class DossierImport(models.Model):
    """One file (or pushed batch) of dossiers or of Biểu 06 totals. The task engine runs it once
    while QUEUED: DONE with the counts, REJECTED with every bad row located (nothing written),
    FAILED on a bug. The file is deleted after the agency's retention period; its SHA-256 and
    counts stay."""

    class Kind(models.TextChoices):
        DOSSIERS = "dossiers", _("Danh sách hồ sơ")
        TOTALS = "totals", _("Biểu 06 (số liệu tổng hợp)")
        PUSH = "push", _("Hồ sơ gửi qua API")

    class Status(models.TextChoices):
        MAPPING = "mapping", _("Chờ xác nhận cột")
        QUEUED = "queued", _("Đang chờ xử lý")
        DONE = "done", _("Đã nhập")
        REJECTED = "rejected", _("Không nhập: tệp có lỗi")
        FAILED = "failed", _("Lỗi khi xử lý")

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="dossier_imports",
        verbose_name=_("cơ quan"),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.DOSSIERS)
    file = models.FileField(
        _("tệp đã tải lên"), upload_to=private_upload_to("dossiers"), blank=True
    )
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    file_format = models.CharField(_("định dạng"), max_length=5, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0)
    # The file's header row (column names, never cells) and the mapping it was read with.
    headers = models.JSONField(_("tiêu đề cột"), default=list, blank=True)
    mapping = models.JSONField(_("cột đã dùng"), default=dict, blank=True)
    created_by = user_field(_("người tải lên"))
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("số dòng"), default=0)
    rows_created = models.PositiveIntegerField(_("hồ sơ mới"), default=0)
    rows_updated = models.PositiveIntegerField(_("hồ sơ cập nhật"), default=0)
    columns_dropped = models.PositiveSmallIntegerField(_("số cột không lưu"), default=0)
    problems = models.JSONField(_("các dòng lỗi"), default=list, blank=True)
    problems_total = models.PositiveIntegerField(_("số lỗi"), default=0)
    error = models.TextField(_("lỗi khi xử lý"), blank=True)
    file_deleted_at = models.DateTimeField(_("tệp đã xoá lúc"), null=True, blank=True)

    PRIVATE_FILE_FIELDS = ("file",)

    class Meta:
        verbose_name = _("lần nhập hồ sơ TTHC")
        verbose_name_plural = _("các lần nhập hồ sơ TTHC")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name or self.get_kind_display()} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("dossiers:import_detail", args=[self.pk])

    def file_downloadable_by(self, user) -> bool:
        return user.has_perm("dossiers.view_import_file", self)


class DossierColumnMapping(models.Model):
    """Which column of the agency's export holds which field, saved once and suggested from the
    headers. `columns` maps a field key (dossiers.mapping.FIELDS) to the header text."""

    agency = models.OneToOneField(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="dossier_column_mapping",
        verbose_name=_("cơ quan"),
    )
    columns = models.JSONField(_("cột"), default=dict, blank=True)
    updated_by = user_field(_("người lưu"))
    updated_at = models.DateTimeField(_("lưu lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cách đọc cột tệp hồ sơ")
        verbose_name_plural = _("cách đọc cột tệp hồ sơ")

    def __str__(self):
        return str(self.agency)


class Dossier(models.Model):
    """One administrative dossier (hồ sơ TTHC) of an agency, identified by its code (MaHoSo).
    Re-importing updates it by code. Times are aware date-times (the export's local time)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="dossiers",
        verbose_name=_("cơ quan"),
    )
    code = TextLineField(_("mã hồ sơ"), max_length=64)
    procedure_code = TextLineField(_("mã thủ tục"), max_length=64, blank=True)
    processing_unit = TextLineField(_("đơn vị xử lý"), max_length=255, blank=True)
    department = models.ForeignKey(
        "agencies.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phòng, đơn vị"),
    )
    channel = models.PositiveSmallIntegerField(
        _("hình thức nộp"), choices=Channel.choices, null=True, blank=True
    )
    received_at = models.DateTimeField(_("ngày tiếp nhận"))
    due_at = models.DateTimeField(_("ngày hẹn trả"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ngày kết thúc xử lý"), null=True, blank=True)
    returned_at = models.DateTimeField(_("ngày trả kết quả"), null=True, blank=True)
    status = models.PositiveSmallIntegerField(
        _("trạng thái"), choices=DossierStatus.choices, null=True, blank=True
    )
    # Derived from status at import (is_void_status): withdrawn, stopped or not accepted.
    is_void = models.BooleanField(_("đã rút hoặc dừng"), default=False)
    # How many times the agency asked for a supplement: the requests below, or more when the
    # export gives only the count (two or more makes the dossier late, whatever the dates).
    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    source_import = models.ForeignKey(
        DossierImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("lần nhập"),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ TTHC")
        verbose_name_plural = _("hồ sơ TTHC")
        ordering = ["agency", "received_at", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="dossier_code_unique")
        ]
        indexes = [
            models.Index(fields=["agency", "finished_at"], name="dossier_finished_idx"),
            models.Index(fields=["agency", "received_at"], name="dossier_received_idx"),
        ]

    def __str__(self):
        return self.code


class SupplementRequest(models.Model):
    """The agency asked the citizen to complete the dossier (asked_at) and the citizen did
    (answered_at, empty while waiting). The time between does not count against the agency."""

    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="supplements",
        verbose_name=_("hồ sơ"),
    )
    number = models.PositiveSmallIntegerField(_("lần"), default=1)
    asked_at = models.DateTimeField(_("yêu cầu bổ sung lúc"))
    answered_at = models.DateTimeField(_("người dân bổ sung lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu bổ sung hồ sơ")
        verbose_name_plural = _("yêu cầu bổ sung hồ sơ")
        ordering = ["dossier", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="supplement_number_unique")
        ]

    def __str__(self):
        return f"{self.dossier} #{self.number}"


class DossierPeriodTotals(models.Model):
    """One line of a Biểu 06 report: a processing unit's counts for a period, for agencies that
    have only the totals. The computation uses them instead of dossiers for that unit and period.
    Re-importing the same unit and period replaces the line."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="dossier_period_totals",
        verbose_name=_("cơ quan"),
    )
    processing_unit = TextLineField(_("đơn vị xử lý"), max_length=255)
    department = models.ForeignKey(
        "agencies.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phòng, đơn vị"),
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    received_total = models.PositiveIntegerField(_("tiếp nhận: tổng số"), default=0)
    received_online = models.PositiveIntegerField(_("tiếp nhận trong kỳ: trực tuyến"), default=0)
    received_in_person = models.PositiveIntegerField(
        _("tiếp nhận trong kỳ: trực tiếp, bưu chính"), default=0
    )
    received_carried_over = models.PositiveIntegerField(_("từ kỳ trước chuyển sang"), default=0)
    resolved_total = models.PositiveIntegerField(_("đã giải quyết: tổng số"), default=0)
    resolved_before = models.PositiveIntegerField(_("trước hạn"), default=0)
    resolved_on_time = models.PositiveIntegerField(_("đúng hạn"), default=0)
    resolved_late = models.PositiveIntegerField(_("quá hạn"), default=0)
    pending_total = models.PositiveIntegerField(_("đang giải quyết: tổng số"), default=0)
    pending_within = models.PositiveIntegerField(_("chưa đến hạn"), default=0)
    pending_overdue = models.PositiveIntegerField(_("quá hạn (đang giải quyết)"), default=0)
    source_import = models.ForeignKey(
        DossierImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="period_totals",
        verbose_name=_("lần nhập"),
    )

    class Meta:
        verbose_name = _("số liệu Biểu 06")
        verbose_name_plural = _("số liệu Biểu 06")
        ordering = ["agency", "period_start", "processing_unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "processing_unit", "period_start", "period_end"],
                name="dossier_totals_unique",
            )
        ]

    def __str__(self):
        return f"{self.processing_unit} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"


def dossier_settings_for(agency) -> DossierSettings:
    """The agency's settings, with the defaults when it never saved any (not stored)."""
    found = DossierSettings.objects.filter(agency=agency).first()
    return found or DossierSettings(agency=agency)


__all__ = [
    "Channel",
    "Dossier",
    "DossierColumnMapping",
    "DossierImport",
    "DossierPeriodTotals",
    "DossierSettings",
    "DossierStatus",
    "SupplementRequest",
    "VOID_STATUSES",
    "dossier_settings_for",
    "is_void_status",
]


# --- results computed from the records (issue 23, part two) ----------------------------------


class Measure(models.TextChoices):
    """What a target bound to the dossiers measures (dossiers/measures.py computes it)."""

    ON_TIME_RATE = "on_time_rate", _("Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn")
    BEFORE_RATE = "before_rate", _("Tỷ lệ hồ sơ giải quyết trước hạn")
    LATE_COUNT = "late_count", _("Số hồ sơ giải quyết quá hạn")
    ONLINE_SHARE = "online_share", _("Tỷ lệ hồ sơ tiếp nhận trực tuyến")


class TargetMeasure(models.Model):
    """A target whose result is computed from the agency's dossiers for each reporting period
    rather than typed: the measure, and filters (procedure codes; departments the processing
    units are linked to). A department's target counts that department's dossiers only."""

    target = models.OneToOneField(
        "objectives.Target",
        on_delete=models.CASCADE,
        related_name="dossier_measure",
        verbose_name=_("chỉ tiêu"),
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    measure = models.CharField(_("đại lượng"), max_length=20, choices=Measure.choices)
    procedure_codes = models.JSONField(_("mã thủ tục"), default=list, blank=True)
    departments = models.ManyToManyField(
        "agencies.Department", blank=True, related_name="+", verbose_name=_("phòng, đơn vị xử lý")
    )
    created_by = user_field(_("người gắn"))
    created_at = models.DateTimeField(_("gắn lúc"), auto_now_add=True)
    computed_at = models.DateTimeField(_("tính lần cuối lúc"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[departments])

    class Meta:
        verbose_name = _("chỉ tiêu tính từ hồ sơ")
        verbose_name_plural = _("chỉ tiêu tính từ hồ sơ")
        ordering = ["agency", "target_id"]

    def __str__(self):
        return f"{self.target} · {self.get_measure_display()}"

    @property
    def is_count(self) -> bool:
        return self.measure == Measure.LATE_COUNT


class MeasureFigure(models.Model):
    """One period's counts behind a computed result, per department (None: dossiers of a
    processing unit linked to no department): the agency's result is their sum."""

    measure = models.ForeignKey(
        TargetMeasure, on_delete=models.CASCADE, related_name="figures", verbose_name=_("chỉ tiêu")
    )
    period_key = models.CharField(_("kỳ"), max_length=12)
    department = models.ForeignKey(
        "agencies.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phòng, đơn vị"),
    )
    numerator = models.PositiveIntegerField(_("tử số"), default=0)
    denominator = models.PositiveIntegerField(_("mẫu số"), default=0)
    counts = models.JSONField(_("số hồ sơ theo tình trạng"), default=dict)
    from_totals = models.BooleanField(_("từ Biểu 06"), default=False)

    class Meta:
        verbose_name = _("số liệu kỳ của chỉ tiêu tính từ hồ sơ")
        verbose_name_plural = _("số liệu kỳ của chỉ tiêu tính từ hồ sơ")
        ordering = ["measure", "period_key", "department__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period_key", "department"],
                condition=Q(department__isnull=False),
                name="measure_figure_once_per_department",
            ),
            models.UniqueConstraint(
                fields=["measure", "period_key"],
                condition=Q(department__isnull=True),
                name="measure_figure_once_unlinked",
            ),
        ]

    def __str__(self):
        return f"{self.measure} · {self.period_key} · {self.numerator}/{self.denominator}"
