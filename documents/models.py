"""What every document the app issues shares: status, number, date, signing block, issued file;
the number register and the workflow's event log.

Each document kind (objective sets, year-end evaluation reports, …) is a model built on
IssuableDocument in its own app, declared in documents.kinds. The workflow services
(documents.workflow, documents.issuing) work on any of them.
"""

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import AgencyUnit, department_field
from qms_objectives.errors import WorkflowError
from qms_objectives.fields import LongTextField, TextLineField, user_field
from qms_objectives.files import private_upload_to

MIN_YEAR = 2000
MAX_YEAR = 2100


class Status(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Chờ duyệt")
    RETURNED = "returned", _("Trả lại")
    APPROVED = "approved", _("Đã duyệt")
    ISSUED = "issued", _("Đã ban hành")
    PUBLISHED = "published", _("Đã công bố")
    SUPERSEDED = "superseded", _("Đã được thay thế")
    WITHDRAWN = "withdrawn", _("Đã hủy")


# A set is "open" while it is being worked on; at most one per agency, department and year.
OPEN_STATUSES = (Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPROVED)
EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
FROZEN_STATUSES = (Status.ISSUED, Status.PUBLISHED, Status.SUPERSEDED)
# From approval on the content is what the approver approved (documents.body): only the
# workflow's fields change until the document is returned.
CONTENT_FROZEN_STATUSES = (Status.APPROVED, *FROZEN_STATUSES)

# The fields the workflow services write (objectives/services/workflow.py, issuing.py). Once a
# document is frozen, a save is accepted only with update_fields drawn from this list.
# The number, date and header an issue gives a document (documents/issuing.py).
NUMBER_FIELDS = (
    "number",
    "symbol",
    "issued_on",
    "header_governing_body",
    "header_agency_name",
    "place_name",
)
WORKFLOW_FIELDS = frozenset(
    {
        "status",
        "return_comment",
        *NUMBER_FIELDS,
        "signing_lines",
        "signer",
        "signer_name",
        "issue_method",
        "issued_file",
        "issued_sha256",
        "prepared_file",
        "prepared_sha256",
        "is_digitally_signed",
        "verification_code",
        "issued_at",
        "issued_by",
        "approved_at",
        "approved_by",
        "approved_body_sha256",
        "published_at",
        "updated_at",
        "version",
    }
)


def refuse_if_frozen(documents: models.QuerySet) -> None:
    """Model-level backstop of immutability: raise WorkflowError when any of these documents is
    approved (code "approved": its content is what was approved) or issued or later (code
    "frozen"). Services and forms check first with documents.workflow.ensure_editable; this
    catches every other path that saves or deletes a model instance, the admin's included
    (queryset.update() and bulk operations are not covered: issuing checks the approved body's
    hash for those, documents.body)."""
    statuses = set(
        documents.filter(status__in=CONTENT_FROZEN_STATUSES).values_list("status", flat=True)
    )
    if statuses == {Status.APPROVED}:
        raise WorkflowError(
            gettext(
                "Văn bản đã được duyệt nên không sửa được nội dung; "
                "hãy trả lại để sửa rồi gửi duyệt lại."
            ),
            code="approved",
        )
    if statuses:
        raise WorkflowError(
            gettext("Văn bản đã ban hành nên không sửa hoặc xóa được; hãy lập bản sửa đổi."),
            code="frozen",
        )


class IssueMethod(models.TextChoices):
    APP = "app", _("Ban hành trên hệ thống")
    EXTERNAL_SIGNING = "external_signing", _("Ký số ngoài hệ thống")
    REGISTERED = "registered", _("Đăng ký văn bản ban hành ngoài hệ thống")


def one_in_force_constraints(prefix: str) -> list:
    """At most one Published and at most one open (Draft, Returned, Submitted, Approved) document
    per agency, or per department of it, and year. Two partial constraints each, because NULL
    departments never collide in a plain unique constraint."""
    constraints = []
    for kind, status in (
        ("published", {"status": Status.PUBLISHED}),
        ("open", {"status__in": OPEN_STATUSES}),
    ):
        constraints += [
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=Q(department__isnull=True, **status),
                name=f"{prefix}_one_{kind}_per_agency_year",
            ),
            models.UniqueConstraint(
                fields=["agency", "department", "year"],
                condition=Q(department__isnull=False, **status),
                name=f"{prefix}_one_{kind}_per_department_year",
            ),
        ]
    return constraints


def year_validators():
    return [
        MinValueValidator(MIN_YEAR, _("Năm phải từ %(limit_value)s trở đi.")),
        MaxValueValidator(MAX_YEAR, _("Năm không được quá %(limit_value)s.")),
    ]


def revision_fields(revises_name) -> tuple[models.PositiveSmallIntegerField, models.ForeignKey]:
    """A document kind's `revision` (0 as first issued, then 1, 2…) and `revises`, the issued
    document of the same kind that a revision replaces once published."""
    revision = models.PositiveSmallIntegerField(_("lần sửa đổi"), default=0)
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=revises_name,
    )
    return revision, revises


def document_models() -> list[type["IssuableDocument"]]:
    """Every kind of document that goes through the workflow (objective sets, evaluation
    reports): what the inbox and the home page list."""
    return [m for m in apps.get_models() if issubclass(m, IssuableDocument)]


def of_every_kind(queryset_for) -> list["IssuableDocument"]:
    """The documents of every kind that `queryset_for(model)` selects, in its order, kind after
    kind: one query (a UNION ALL of the kinds' primary keys) finds which kinds have any, then one
    query a kind that has. An agency's home costs the same whether the installation holds two
    kinds of document or ten (oversight bodies add five of their own)."""
    querysets = [queryset_for(model) for model in document_models()]
    first, *others = [
        queryset.order_by().annotate(kind_index=models.Value(index)).values_list("kind_index", "pk")
        for index, queryset in enumerate(querysets)
    ]
    found: dict[int, list] = {}
    for index, pk in first.union(*others, all=True):
        found.setdefault(index, []).append(pk)
    return [
        document
        for index, pks in sorted(found.items())
        for document in querysets[index].filter(pk__in=pks)
    ]


class IssuableDocument(AgencyUnit):
    department = department_field(help_text=_("Để trống cho văn bản của cả cơ quan."))
    year = models.PositiveSmallIntegerField(_("năm"), validators=year_validators())
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    return_comment = LongTextField(_("ý kiến khi trả lại"), blank=True)

    # Number and date: "Số: 124/QĐ-VP", "Đồng Nai, ngày 05 tháng 10 năm 2023".
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = TextLineField(_("ký hiệu"), max_length=40, blank=True, help_text=_("Ví dụ “QĐ-VP”."))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)

    # Header and signing data. Empty until approval/issue; then copied from the agency so that a
    # later rename never changes an issued document.
    header_governing_body = TextLineField(_("cơ quan chủ quản (in)"), max_length=255, blank=True)
    header_agency_name = TextLineField(_("tên cơ quan (in)"), max_length=255, blank=True)
    place_name = TextLineField(_("địa danh"), max_length=100, blank=True)
    signing_lines = models.JSONField(
        _("dòng thẩm quyền ký"),
        default=list,
        blank=True,
        help_text=_("Mỗi dòng một phần tử, ví dụ [“KT. TRƯỞNG BAN”, “PHÓ TRƯỞNG BAN”]."),
    )
    signer = user_field(_("người ký"))
    signer_name = TextLineField(_("họ tên người ký (in)"), max_length=120, blank=True)
    recipients = LongTextField(
        _("nơi nhận"),
        blank=True,
        help_text=_("Mỗi dòng một nơi nhận, dòng cuối “Lưu: VT, …”."),
    )

    # The issued file: stored once, served byte for byte ever after.
    issue_method = models.CharField(
        _("cách ban hành"), max_length=20, choices=IssueMethod.choices, blank=True
    )
    issued_file = models.FileField(
        _("tệp đã ban hành"), upload_to=private_upload_to("issued"), blank=True
    )
    issued_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    # Signing outside the app: the unsigned final PDF handed out for signing. The signed upload
    # must begin with exactly these bytes; both files and both hashes are kept.
    prepared_file = models.FileField(
        _("tệp chuẩn bị để ký số"), upload_to=private_upload_to("prepared"), blank=True
    )
    prepared_sha256 = models.CharField(_("SHA-256 của tệp chuẩn bị"), max_length=64, blank=True)
    is_digitally_signed = models.BooleanField(_("đã ký số"), default=False)
    verification_code = models.CharField(
        _("mã xác thực"), max_length=32, unique=True, null=True, blank=True
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = user_field(_("người ban hành"))
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = user_field(_("người duyệt"))
    # SHA-256 of the body approved (documents.body); issuing refuses any other body.
    approved_body_sha256 = models.CharField(
        _("SHA-256 nội dung đã duyệt"), max_length=64, blank=True
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)

    created_by = user_field(_("người tạo"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # Optimistic lock for the header: an edit saves only `WHERE version = n`.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    PRIVATE_FILE_FIELDS = ("issued_file", "prepared_file")
    DEPARTMENT_ERROR = _("Phòng, đơn vị phải thuộc chính cơ quan của văn bản.")

    class Meta:
        abstract = True

    def __str__(self):
        owner = self.department.name if self.department_id else self.agency.short_name
        return f"{self.display_title} – {owner}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        workflow_only = update_fields is not None and set(update_fields) <= WORKFLOW_FIELDS
        if not self._state.adding and not workflow_only:
            refuse_if_frozen(type(self)._default_manager.filter(pk=self.pk))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_if_frozen(type(self)._default_manager.filter(pk=self.pk))
        return super().delete(*args, **kwargs)

    def file_downloadable_by(self, user) -> bool:
        """The issued file, and the unsigned one prepared for external signing: whoever may
        read the document."""
        return user.has_perm("documents.view_document", self)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def number_and_symbol(self) -> str:
        """ "124/QĐ-VP"; numbers under 10 take a leading zero (NĐ30). Empty without a number: a
        symbol alone is no document number."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.symbol}" if self.symbol else f"{self.number:02d}"


class DocumentNumber(models.Model):
    """The records office's register: a number is used once per agency, symbol and year."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="document_numbers",
        verbose_name=_("cơ quan"),
    )
    symbol = TextLineField(_("ký hiệu"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    issued_on = models.DateField(_("ngày ban hành"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "objectives_documentnumber"  # its table from before documents/ was an app
        verbose_name = _("số văn bản đã cấp")
        verbose_name_plural = _("sổ đăng ký văn bản")
        ordering = ["agency", "-year", "symbol", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "symbol", "year", "number"], name="document_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.number:02d}/{self.symbol} ({self.year})"


class DocumentEvent(models.Model):
    """One row per workflow transition of any issuable document: who, from, to, why, when."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    actor = user_field(_("người thực hiện"))
    action = models.CharField(_("thao tác"), max_length=30)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=20, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("sang trạng thái"), max_length=20, choices=Status.choices)
    comment = LongTextField(_("ý kiến"), blank=True)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        db_table = "objectives_documentevent"  # its table from before documents/ was an app
        verbose_name = _("sự kiện quy trình")
        verbose_name_plural = _("lịch sử quy trình")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class RenderedPages(models.Model):
    """The pages of a document's PDF as images, rendered in the background (documents.pages)
    and kept by the hash of the body they show (documents.body): what the review and issue pages
    show, so that the approver sees the very pages the renderer produces. The files are private,
    served only to whoever may view the document (documents.pages_views)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Đang chuẩn bị")
        READY = "ready", _("Sẵn sàng")
        FAILED = "failed", _("Lỗi")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    body_sha256 = models.CharField(_("SHA-256 nội dung"), max_length=64)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.PENDING
    )
    pdf_file = models.FileField(_("tệp PDF"), upload_to=private_upload_to("pages"), blank=True)
    page_files = models.JSONField(_("ảnh các trang"), default=list, blank=True)
    error = LongTextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("trang văn bản đã dựng")
        verbose_name_plural = _("trang văn bản đã dựng")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "body_sha256"], name="rendered_pages_unique"
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.body_sha256[:12]}"

    @property
    def page_count(self) -> int:
        return len(self.page_files)
