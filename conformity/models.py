"""An agency's announcement that its quality management system conforms to TCVN ISO 9001
(Quyết định 19/2014/QĐ-TTg, Thông tư 26/2014/TT-BKHCN): a decision in the form of QĐ 19 Phụ lục I,
issued through the same workflow as every document of the agency (or signed on paper and its
scan registered), posted at the office and on the website, the inspecting unit told.

The agency keeps its current scope (ConformityScope: the fields of activity and the
administrative procedures its system covers); when it no longer matches the announcement on
file, the agency re-announces.
"""

from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.models import IssuableDocument, one_in_force_constraints, revision_fields
from qms_objectives.fields import (
    LONG_PARAGRAPH_MAX_LENGTH,
    LongTextField,
    TextLineField,
    user_field,
)

STANDARD = "TCVN ISO 9001:2015"
WEBSITE_ERROR = _("Hãy nhập địa chỉ trang web đầy đủ, bắt đầu bằng https:// hoặc http://.")
website_validator = URLValidator(schemes=["http", "https"], message=WEBSITE_ERROR)


def scope_lines(text: str) -> list[str]:
    """A multi-line scope field as its items: one a line, a typed leading dash dropped."""
    return [
        line.strip().removeprefix("-").strip()
        for line in (text or "").splitlines()
        if line.strip().removeprefix("-").strip()
    ]


def scope_key(text: str) -> tuple[str, ...]:
    """What two scopes are compared by: the items, case and spacing aside, in any order."""
    return tuple(sorted({" ".join(item.casefold().split()) for item in scope_lines(text)}))


class ConformityAnnouncement(IssuableDocument):
    revision, revises = revision_fields(_("công bố lại thay cho"))
    standard = TextLineField(_("tiêu chuẩn"), max_length=40, default=STANDARD)
    activities = LongTextField(
        _("lĩnh vực hoạt động"),
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Các lĩnh vực hoạt động áp dụng hệ thống, mỗi lĩnh vực một dòng."),
    )
    procedures = LongTextField(
        _("thủ tục hành chính thuộc phạm vi"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi thủ tục hành chính một dòng; in thành danh mục kèm theo quyết định."),
    )
    legal_bases = LongTextField(
        _("căn cứ"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi căn cứ một dòng, kết thúc bằng dấu chấm phẩy."),
    )
    proposer = TextLineField(
        _("xét đề nghị của"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ “Trưởng Ban chỉ đạo ISO” (dòng “Xét đề nghị của …”)."),
    )
    posted_at_office = TextLineField(
        _("nơi niêm yết tại trụ sở"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ “Bảng tin tầng 1, Bộ phận Tiếp nhận và Trả kết quả”."),
    )
    website_url = TextLineField(
        _("địa chỉ đăng trên trang thông tin điện tử"),
        max_length=500,
        blank=True,
        # Checked by the form and the service (website_validator), not here: every text field
        # of the project is cleaned alike (tests/qms/test_text_hygiene.py).
        help_text=_("Địa chỉ trang đăng quyết định công bố, bắt đầu bằng https://."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định công bố hệ thống quản lý chất lượng")
        verbose_name_plural = _("quyết định công bố hệ thống quản lý chất lượng")
        ordering = ["agency", "-year", "-revision"]
        constraints = one_in_force_constraints("conformity")
        indexes = [models.Index(fields=["agency", "status"])]

    def get_absolute_url(self):
        return reverse("conformity:detail", args=[self.pk])

    # The announcement's own page holds every step of its workflow (edit, approve, issue).
    get_edit_url = get_review_url = get_issue_url = get_absolute_url

    def file_downloadable_by(self, user) -> bool:
        """The issued decision: its readers, the overseers of the agency included."""
        return user.has_perm("conformity.view_announcement", self)

    @property
    def display_title(self) -> str:
        return "Quyết định công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001"

    @property
    def subject(self) -> str:
        """The line under "QUYẾT ĐỊNH" (QĐ 19 Phụ lục I)."""
        return (
            "Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia "
            f"{self.standard}"
        )


class ConformityScope(models.Model):
    """The agency's scope as it is now: what a new announcement starts from and what the
    announcement on file is compared with."""

    agency = models.OneToOneField(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="conformity_scope",
        verbose_name=_("cơ quan"),
    )
    activities = LongTextField(
        _("lĩnh vực hoạt động"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi lĩnh vực một dòng."),
    )
    procedures = LongTextField(
        _("thủ tục hành chính thuộc phạm vi"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi thủ tục hành chính một dòng."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = user_field(_("người cập nhật"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phạm vi hệ thống quản lý chất lượng")
        verbose_name_plural = _("phạm vi hệ thống quản lý chất lượng")

    def __str__(self):
        return str(self.agency)

    def differs_from(self, announcement) -> bool:
        return scope_key(self.activities) != scope_key(announcement.activities) or scope_key(
            self.procedures
        ) != scope_key(announcement.procedures)
