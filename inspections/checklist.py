"""The art. 36 checklist (Thông tư 26/2014/TT-BKHCN): what the inspecting unit checks at each
agency, and the three findings an item may get.

The items are product data, in the order the minutes print them; their codes are stored with
each finding (inspections.Finding.item), so a reworded label never changes a past finding, and
the reports count findings per code.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Result(models.TextChoices):
    CONFORMS = "conforms", _("Phù hợp")
    OBSERVATION = "observation", _("Khuyến nghị")
    NONCONFORMITY = "nonconformity", _("Không phù hợp")


# Document text (always Vietnamese) for the printed minutes and reports.
RESULT_PRINTED = {
    Result.CONFORMS: "Phù hợp",
    Result.OBSERVATION: "Khuyến nghị",
    Result.NONCONFORMITY: "Không phù hợp",
    "": "Chưa đánh giá",
}


@dataclass(frozen=True)
class Item:
    code: str
    label: object  # lazy text for the pages
    printed: str  # the same item as the minutes and reports print it (Vietnamese)
    # The agency's published objectives and the year's results are shown next to this item.
    shows_objectives: bool = False


ITEMS: tuple[Item, ...] = (
    Item(
        "scope",
        _("Phạm vi áp dụng bao quát toàn bộ thủ tục hành chính của cơ quan"),
        "Phạm vi áp dụng bao quát toàn bộ thủ tục hành chính của cơ quan",
    ),
    Item(
        "dissemination",
        _("Các quy trình được phổ biến đến cán bộ, công chức liên quan"),
        "Các quy trình được phổ biến đến cán bộ, công chức liên quan",
    ),
    Item(
        "policy_objectives",
        _("Tuân thủ chính sách chất lượng và mục tiêu chất lượng"),
        "Tuân thủ chính sách chất lượng và mục tiêu chất lượng",
        shows_objectives=True,
    ),
    Item(
        "processes",
        _("Các quy trình được thực hiện đúng như đã ban hành"),
        "Các quy trình được thực hiện đúng như đã ban hành",
    ),
    Item(
        "management_review",
        _("Thực hiện xem xét của lãnh đạo"),
        "Thực hiện xem xét của lãnh đạo",
    ),
    Item(
        "internal_audit",
        _("Thực hiện đánh giá nội bộ"),
        "Thực hiện đánh giá nội bộ",
    ),
    Item(
        "corrective_action",
        _("Thực hiện hành động khắc phục"),
        "Thực hiện hành động khắc phục",
    ),
    Item(
        "complaints",
        _("Giải quyết phản ánh, kiến nghị của tổ chức, cá nhân"),
        "Giải quyết phản ánh, kiến nghị của tổ chức, cá nhân",
    ),
    Item(
        "leadership",
        _("Sự tham gia của lãnh đạo cơ quan"),
        "Sự tham gia của lãnh đạo cơ quan",
    ),
    Item(
        "head_confirmation",
        _("Xác nhận của người đứng đầu cơ quan về hiệu lực của hệ thống"),
        "Xác nhận của người đứng đầu cơ quan về hiệu lực của hệ thống",
    ),
    Item(
        "announcement",
        _("Công bố hệ thống phù hợp tiêu chuẩn: đã thông báo và niêm yết"),
        "Công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015: "
        "đã thông báo bằng văn bản và niêm yết",
    ),
    Item(
        "legal_updates",
        _("Cập nhật hệ thống trong 03 tháng khi văn bản pháp luật thay đổi"),
        "Cập nhật hệ thống trong thời hạn 03 tháng khi văn bản quy phạm pháp luật liên quan "
        "thay đổi",
    ),
)
BY_CODE = {item.code: item for item in ITEMS}
CODES = tuple(BY_CODE)
ITEM_CHOICES = [(item.code, item.label) for item in ITEMS]


def item_number(code: str) -> int:
    """The item's number as printed (1-based)."""
    return CODES.index(code) + 1
