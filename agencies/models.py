import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qms_objectives.fields import LongTextField, TextLineField
from qms_objectives.files import proven_image_upload_to
from qms_objectives.uploads import validate_seal_image, validate_signature_image


class Role(models.TextChoices):
    """What a member may do in an agency. A small ISO team often holds several roles."""

    ISO_OFFICER = "iso_officer", _("Cán bộ ISO")
    RECORDS_OFFICER = "records_officer", _("Văn thư")
    DEPARTMENT_HEAD = "department_head", _("Trưởng phòng")
    HEAD = "head", _("Thủ trưởng cơ quan")
    DEPUTY = "deputy", _("Cấp phó")
    STAFF = "staff", _("Cán bộ, công chức")
    ADMINISTRATOR = "administrator", _("Quản trị cơ quan")


class DefaultFrequency(models.TextChoices):
    """The reporting period an objective is followed at when its issued text names none (the
    same values as monitoring.periods.ReportingFrequency, which this app may not import)."""

    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Agency(models.Model):
    name = TextLineField(_("tên cơ quan"), max_length=255)
    short_name = TextLineField(
        _("tên viết tắt"),
        max_length=80,
        unique=True,
        help_text=_("Dùng trong danh sách và lệnh quản trị, ví dụ “VP UBND Đồng Nai”."),
    )
    name_in_documents = TextLineField(
        _("tên in trên văn bản"),
        max_length=255,
        blank=True,
        help_text=_("Tên cơ quan in hoa ở góc trái văn bản; để trống thì dùng tên cơ quan."),
    )
    governing_body = TextLineField(
        _("cơ quan chủ quản"),
        max_length=255,
        blank=True,
        help_text=_("In phía trên tên cơ quan, ví dụ “UBND TỈNH ĐỒNG NAI”. Có thể để trống."),
    )
    symbol = TextLineField(
        _("chữ viết tắt trong số ký hiệu"),
        max_length=30,
        help_text=_("Ví dụ “VP” trong “Số: 124/QĐ-VP”."),
    )
    place_name = TextLineField(
        _("địa danh"), max_length=100, help_text=_("Ví dụ “Đồng Nai” trong “Đồng Nai, ngày …”.")
    )
    head_title = TextLineField(
        _("chức danh thủ trưởng"), max_length=120, help_text=_("Ví dụ “Chánh Văn phòng”.")
    )
    deputy_title = TextLineField(
        _("chức danh cấp phó"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ “Phó Chánh Văn phòng”."),
    )
    acting_head_title = TextLineField(
        _("chức danh quyền thủ trưởng"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ “Q. Chánh Văn phòng”; để trống thì dùng “Q.” + chức danh thủ trưởng."),
    )
    is_collective = models.BooleanField(
        _("cơ quan tập thể (ký “TM.”)"),
        default=False,
        help_text=_("Ủy ban nhân dân ký “TM. ỦY BAN NHÂN DÂN”."),
    )
    collective_name = TextLineField(
        _("tên tập thể trên dòng TM."),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ “Ủy ban nhân dân”."),
    )
    quality_policy = LongTextField(_("chính sách chất lượng"), blank=True)
    iso_standard = TextLineField(
        _("tiêu chuẩn áp dụng"), max_length=60, default="TCVN ISO 9001:2015"
    )
    address = TextLineField(_("địa chỉ"), max_length=255, blank=True)
    seal_image = models.FileField(
        _("hình con dấu (PNG nền trong)"),
        upload_to=proven_image_upload_to("seals", "seal_image"),
        blank=True,
        validators=[validate_seal_image],
    )
    seal_diameter_mm = models.PositiveSmallIntegerField(
        _("đường kính con dấu (mm)"),
        default=36,
        help_text=_("Con dấu in đúng kích thước thật trên bản điện tử."),
    )
    default_reporting_frequency = models.CharField(
        _("kỳ báo cáo mặc định"),
        max_length=20,
        choices=DefaultFrequency.choices,
        default=DefaultFrequency.QUARTERLY,
        help_text=_("Áp dụng cho mục tiêu mà văn bản ban hành không nêu kỳ báo cáo."),
    )
    reminder_head_after_days = models.PositiveSmallIntegerField(
        _("nhắc trưởng đơn vị sau (ngày làm việc)"),
        default=3,
        help_text=_("Báo cáo còn thiếu sau hạn chừng ấy ngày làm việc thì nhắc trưởng đơn vị."),
    )
    reminder_iso_after_days = models.PositiveSmallIntegerField(
        _("nhắc cán bộ ISO sau (ngày làm việc)"),
        default=5,
        help_text=_("Báo cáo còn thiếu sau hạn chừng ấy ngày làm việc thì nhắc cán bộ ISO."),
    )
    year_grace_days = models.PositiveSmallIntegerField(
        _("thời gian chốt kết quả năm (ngày sau 31/12)"),
        default=31,
        validators=[MaxValueValidator(366)],
        help_text=_(
            "Chưa ban hành báo cáo đánh giá năm thì kết quả năm được chốt khi hết chừng ấy ngày "
            "sau 31/12 (mặc định 31, tức ngày 31/01)."
        ),
    )
    slug = models.SlugField(
        _("địa chỉ công khai"),
        max_length=120,
        blank=True,
        help_text=_(
            "Phần tên cơ quan trong địa chỉ trang công khai, ví dụ “van-phong-ubnd-tinh”; "
            "duy nhất trong một tỉnh."
        ),
    )
    publishes_results = models.BooleanField(
        _("công khai kết quả thực hiện"),
        default=False,
        help_text=_(
            "Bật thì trang công khai và API công khai hiện kết quả từng kỳ; "
            "tắt thì không nơi công khai nào có kết quả."
        ),
    )
    publishes_department_sets = models.BooleanField(
        _("công khai mục tiêu của phòng, đơn vị"),
        default=False,
        help_text=_("Mặc định chỉ công khai mục tiêu cấp cơ quan."),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    history = HistoricalRecords()
    objects = AgencyQuerySet.as_manager()

    PRIVATE_FILE_FIELDS = ("seal_image",)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def file_downloadable_by(self, user) -> bool:
        return user.has_perm("agencies.download_seal", self)

    @property
    def printed_name(self) -> str:
        return self.name_in_documents or self.name


class Department(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="departments", verbose_name=_("cơ quan")
    )
    name = TextLineField(_("tên phòng, đơn vị"), max_length=255)
    abbreviation = TextLineField(
        _("chữ viết tắt"),
        max_length=30,
        blank=True,
        help_text=_("Dùng trong “Lưu: VT, HCTC.”"),
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_departments",
        verbose_name=_("trưởng phòng"),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phòng, đơn vị")
        verbose_name_plural = _("phòng, đơn vị")
        ordering = ["agency", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="department_unique_name")
        ]

    def __str__(self):
        return self.name


def owner_name(agency, department=None) -> str:
    """Whose it is, as a document names them: the department, else the agency."""
    return department.name if department is not None else agency.name


def department_field(*, verbose_name=None, help_text="", related_name="+") -> models.ForeignKey:
    """The optional department of an AgencyUnit; left empty, the row is the agency's own."""
    return models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name or _("phòng, đơn vị"),
        help_text=help_text,
    )


class AgencyUnit(models.Model):
    """A row of an agency, or of one of its departments. A kind that names its department
    otherwise re-declares it with department_field(…), and words DEPARTMENT_ERROR for itself."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan")
    )
    department = department_field()

    # Said on `department` when it is a department of another agency.
    DEPARTMENT_ERROR = _("Phòng, đơn vị phải thuộc chính cơ quan.")

    class Meta:
        abstract = True

    @property
    def owner_name(self) -> str:
        return owner_name(self.agency, self.department)

    def department_errors(self, *fields: str) -> dict:
        """DEPARTMENT_ERROR on each of `fields` (by default `department`) that holds a
        department of another agency than the row's."""
        errors = {}
        for name in fields or ("department",):
            department = getattr(self, name)
            if department is not None and self.agency_id and department.agency_id != self.agency_id:
                errors[name] = self.DEPARTMENT_ERROR
        return errors

    def clean(self):
        super().clean()
        errors = self.department_errors()
        if errors:
            raise ValidationError(errors)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, agency__is_active=True, user__is_active=True)

    def with_role(self, role: str):
        return self.filter(**{Membership.role_field(role): True})


class Membership(models.Model):
    """A user in an agency (optionally in one of its departments), with the roles held there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("người dùng"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("cơ quan")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("phòng, đơn vị"),
    )
    job_title = TextLineField(_("chức vụ"), max_length=120, blank=True)
    is_iso_officer = models.BooleanField(Role.ISO_OFFICER.label, default=False)
    is_records_officer = models.BooleanField(Role.RECORDS_OFFICER.label, default=False)
    is_department_head = models.BooleanField(Role.DEPARTMENT_HEAD.label, default=False)
    is_head = models.BooleanField(Role.HEAD.label, default=False)
    is_deputy = models.BooleanField(Role.DEPUTY.label, default=False)
    is_staff_member = models.BooleanField(Role.STAFF.label, default=True)
    is_administrator = models.BooleanField(Role.ADMINISTRATOR.label, default=False)
    printed_name = TextLineField(
        _("họ tên in dưới chữ ký"),
        max_length=120,
        blank=True,
        help_text=_("Để trống thì dùng họ tên của người dùng."),
    )
    signature_image = models.FileField(
        _("hình chữ ký (PNG nền trong)"),
        upload_to=proven_image_upload_to("signatures", "signature_image"),
        blank=True,
        validators=[validate_signature_image],
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    PRIVATE_FILE_FIELDS = ("signature_image",)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        ordering = ["agency", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_unique_user_agency")
        ]

    def __str__(self):
        return f"{self.display_name} – {self.agency.short_name}"

    def file_downloadable_by(self, user) -> bool:
        return user.has_perm("agencies.download_signature", self)

    def clean(self):
        if self.department_id and self.department.agency_id != self.agency_id:
            raise ValidationError(
                {"department": _("Phòng, đơn vị phải thuộc chính cơ quan của thành viên.")}
            )

    @staticmethod
    def role_field(role: str) -> str:
        return "is_staff_member" if role == Role.STAFF else f"is_{role}"

    def has_role(self, role: str) -> bool:
        return bool(getattr(self, self.role_field(role)))

    @property
    def roles(self) -> list[str]:
        return [role for role in Role.values if self.has_role(role)]

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in self.roles]

    @property
    def display_name(self) -> str:
        return self.printed_name or self.user.get_full_name() or self.user.get_username()


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor cancelled (pending, or expired and waiting to be sent again)."""
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True)


class Invitation(models.Model):
    """An invitation to hold a membership of an agency, with its roles: sent to an email, taken
    only by the owner of that email following the link (a new person sets their name and
    password there; someone with an account logs in and accepts). Nothing of the person is
    shown, and no membership exists, before that. The link's token is kept only as its SHA-256;
    sending again makes a new token (the old link dies); it expires after
    settings.INVITATION_EXPIRY_DAYS and serves once."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("cơ quan"),
    )
    oversight_body = models.ForeignKey(
        "agencies.OversightBody",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("đơn vị quản lý"),
        help_text=_("Lời mời vào đơn vị quản lý thay vì vào một cơ quan (vai trò: OversightRole)."),
    )
    email = models.EmailField(_("email"))
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phòng, đơn vị"),
    )
    roles = models.JSONField(_("vai trò"), default=list)
    job_title = TextLineField(_("chức vụ"), max_length=120, blank=True)
    suggested_name = TextLineField(
        _("họ tên gợi ý"),
        max_length=150,
        blank=True,
        help_text=_("Điền sẵn cho người mới; họ tự sửa khi nhận lời mời."),
    )
    token_hash = models.CharField(_("mã băm của đường dẫn"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người mời"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi lúc"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    accepted_at = models.DateTimeField(_("nhận lúc"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhận lời mời"),
    )
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("lời mời")
        verbose_name_plural = _("lời mời")
        ordering = ["agency", "-sent_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "agency",
                condition=models.Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="invitation_one_open_per_email_and_agency",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "oversight_body",
                condition=models.Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="invitation_one_open_per_email_and_oversight_body",
            ),
            models.CheckConstraint(
                condition=models.Q(agency__isnull=False, oversight_body__isnull=True)
                | models.Q(agency__isnull=True, oversight_body__isnull=False),
                name="invitation_to_an_agency_or_an_oversight_body",
            ),
        ]

    PENDING = "pending"
    EXPIRED = "expired"
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"

    def __str__(self):
        return f"{self.email} – {self.target}"

    @property
    def target(self):
        """The agency or the oversight body the invitation is to."""
        return self.agency if self.agency_id else self.oversight_body

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def state(self, now=None) -> str:
        if self.accepted_at is not None:
            return self.ACCEPTED
        if self.cancelled_at is not None:
            return self.CANCELLED
        if (now or timezone.now()) >= self.expires_at:
            return self.EXPIRED
        return self.PENDING

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None

    @property
    def role_labels(self) -> list[str]:
        if self.oversight_body_id:
            return [OversightRole(r).label for r in OversightRole.values if r in self.roles]
        return [Role(role).label for role in Role.values if role in self.roles]


# ---------------------------------------------------------------------------------------------
# Oversight: the bodies over a set of agencies (the province's Sở Khoa học và Công nghệ under
# Quyết định 19/2014/QĐ-TTg and Thông tư 26/2014/TT-BKHCN, or any body over a set of agencies),
# their people, their dated scope, and the dated governing body of each agency. They live here
# because the "who may view" rules of every app need them.


class OversightRole(models.TextChoices):
    ADMINISTRATOR = "oversight_administrator", _("Quản trị đơn vị quản lý")
    INSPECTOR = "inspector", _("Cán bộ theo dõi, kiểm tra")


class OversightBody(models.Model):
    """A body that oversees the ISO 9001 systems of a set of agencies. It is itself an agency
    (`agency`): its own documents — the inspection plan, the minutes, the reports — are issued
    through the same workflow, numbered in its register and signed by its head."""

    agency = models.OneToOneField(
        Agency,
        on_delete=models.PROTECT,
        related_name="oversight_body",
        verbose_name=_("cơ quan của đơn vị quản lý"),
        help_text=_("Cơ quan ban hành văn bản của đơn vị quản lý, ví dụ Sở Khoa học và Công nghệ."),
    )
    name = TextLineField(
        _("tên đơn vị quản lý"),
        max_length=255,
        help_text=_("Ví dụ “Sở Khoa học và Công nghệ tỉnh Đồng Nai”."),
    )
    region_name = TextLineField(
        _("tỉnh, thành phố"),
        max_length=100,
        help_text=_("Tên địa bàn trên trang công khai, ví dụ “Đồng Nai”."),
    )
    slug = models.SlugField(
        _("địa chỉ công khai"),
        max_length=80,
        unique=True,
        help_text=_("Ví dụ “dong-nai” trong /cong-khai/dong-nai/."),
    )
    inspecting_unit = TextLineField(
        _("đơn vị kiểm tra"),
        max_length=255,
        help_text=_(
            "Đơn vị giúp việc trực tiếp kiểm tra các cơ quan, ví dụ “Chi cục Tiêu chuẩn Đo lường "
            "Chất lượng” hoặc một phòng của Sở sau sắp xếp năm 2025."
        ),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị quản lý")
        verbose_name_plural = _("đơn vị quản lý")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OversightMembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, body__is_active=True)


class OversightMembership(models.Model):
    """A person's roles in an oversight body (apart from any membership of its agency)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oversight_memberships",
        verbose_name=_("người dùng"),
    )
    body = models.ForeignKey(
        OversightBody,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("đơn vị quản lý"),
    )
    job_title = TextLineField(_("chức vụ"), max_length=120, blank=True)
    is_administrator = models.BooleanField(OversightRole.ADMINISTRATOR.label, default=False)
    is_inspector = models.BooleanField(OversightRole.INSPECTOR.label, default=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    history = HistoricalRecords()
    objects = OversightMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên đơn vị quản lý")
        verbose_name_plural = _("thành viên đơn vị quản lý")
        constraints = [
            models.UniqueConstraint(fields=["user", "body"], name="one_oversight_membership")
        ]

    def __str__(self):
        return f"{self.user} – {self.body}"

    @staticmethod
    def role_field(role: str) -> str:
        return {
            OversightRole.ADMINISTRATOR: "is_administrator",
            OversightRole.INSPECTOR: "is_inspector",
        }[role]

    def has_role(self, role: str) -> bool:
        return bool(getattr(self, self.role_field(role)))


class DatedQuerySet(models.QuerySet):
    """Rows valid from `valid_from` to `valid_until` (both inclusive; open-ended when null)."""

    def on(self, day):
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
        )

    def during_year(self, year: int):
        """Rows valid on at least one day of the year."""
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return self.filter(valid_from__lte=last).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=first)
        )


class OversightScope(models.Model):
    """An agency under an oversight body from one date to another. Since 1 July 2025 provinces
    merged (63 → 34): a moved agency keeps its old rows, so a past year shows that year's scope."""

    body = models.ForeignKey(
        OversightBody,
        on_delete=models.PROTECT,
        related_name="scope",
        verbose_name=_("đơn vị quản lý"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="oversight_scopes",
        verbose_name=_("cơ quan"),
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_until = models.DateField(_("đến hết ngày"), null=True, blank=True)

    history = HistoricalRecords()
    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan thuộc phạm vi quản lý")
        verbose_name_plural = _("phạm vi quản lý")
        ordering = ["body", "agency", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="oversight_scope_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["agency", "body"],
                condition=models.Q(valid_until__isnull=True),
                name="oversight_scope_one_open_row_per_agency_and_body",
            ),
        ]

    def __str__(self):
        return f"{self.agency} – {self.body}"


class GoverningBodyTerm(models.Model):
    """The governing body printed above an agency's name ("UBND TỈNH ĐỒNG NAI") from one date
    to another. `Agency.governing_body` is the current one; issued PDFs keep the name they
    were issued under, and a past year's table shows the name of that year."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="governing_body_terms",
        verbose_name=_("cơ quan"),
    )
    name = TextLineField(_("cơ quan chủ quản"), max_length=255)
    valid_from = models.DateField(_("từ ngày"))
    valid_until = models.DateField(_("đến hết ngày"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan chủ quản theo thời gian")
        verbose_name_plural = _("cơ quan chủ quản theo thời gian")
        ordering = ["agency", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="governing_body_term_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(valid_until__isnull=True),
                name="governing_body_term_one_open_row",
            ),
        ]

    def __str__(self):
        return f"{self.agency}: {self.name}"
