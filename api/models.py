"""API tokens: made in the app by an agency's administrator (for that agency) or an oversight
body's administrator (for the agencies in the body's scope), shown once, kept only as their
SHA-256, revocable, with their last use recorded. A token reads; an agency's token made with the
push scope also writes its dossiers (POST /api/v1/dossiers/), chosen when it is made."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qms_objectives.fields import TextLineField, user_field

TOKEN_PREFIX = "qms_"


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class TokenScope(models.TextChoices):
    """What a token may do: every token reads; only an agency's token may push dossiers."""

    READ = "read", _("Chỉ đọc")
    PUSH_DOSSIERS = "push_dossiers", _("Đọc và đẩy hồ sơ TTHC")


class ApiToken(models.Model):
    name = TextLineField(
        _("tên gợi nhớ"),
        max_length=120,
        help_text=_("Hệ thống nào dùng khóa này, ví dụ “Cổng thông tin điện tử của Sở”."),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_tokens",
        verbose_name=_("cơ quan"),
    )
    oversight_body = models.ForeignKey(
        "agencies.OversightBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="api_tokens",
        verbose_name=_("đơn vị quản lý"),
        help_text=_("Khóa của đơn vị quản lý đọc được các cơ quan trong phạm vi quản lý."),
    )
    scope = models.CharField(
        _("quyền của khóa"),
        max_length=20,
        choices=TokenScope.choices,
        default=TokenScope.READ,
        help_text=_("Chỉ khóa của cơ quan mới được đẩy hồ sơ TTHC; mặc định khóa chỉ đọc."),
    )
    token_hash = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True)
    # The first characters, shown in the list so that a leaked key can be recognised.
    prefix = models.CharField(_("phần đầu của khóa"), max_length=16)
    created_by = user_field(_("người tạo"), optional=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = user_field(_("người thu hồi"))

    history = HistoricalRecords(excluded_fields=["last_used_at"])
    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agency__isnull=False, oversight_body__isnull=True)
                | models.Q(agency__isnull=True, oversight_body__isnull=False),
                name="api_token_for_an_agency_or_an_oversight_body",
            ),
            models.CheckConstraint(
                condition=models.Q(scope="read") | models.Q(agency__isnull=False),
                name="api_token_only_an_agency_token_pushes",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    @property
    def owner(self):
        """The agency or the oversight body the token reads for."""
        return self.agency if self.agency_id else self.oversight_body

    @property
    def may_push_dossiers(self) -> bool:
        return self.scope == TokenScope.PUSH_DOSSIERS and self.agency_id is not None

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
