"""The kinds of notification: what each says and who may choose how to receive it.

A notification stores its kind and the parameters of its sentence (the document's name, the
return comment…), never the sentence: the sentence is written here, translated when shown, in
the reader's language (and in Vietnamese in a mail). Rows from before kinds are LEGACY and keep
the text they were written with.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LEGACY = "legacy"
MEMBER_ADDED = "member_added"
DOCUMENT_SUBMITTED = "document_submitted"
DOCUMENT_RETURNED = "document_returned"
DOCUMENT_APPROVED = "document_approved"
DOCUMENT_TO_ISSUE = "document_to_issue"
DOCUMENT_TO_PUBLISH = "document_to_publish"
DOCUMENT_PUBLISHED = "document_published"
DOCUMENT_SUPERSEDED = "document_superseded"
MONITORING_REMINDER = "monitoring_reminder"
CORRECTIVE_ACTION_DUE = "corrective_action_due"
CONFORMITY_ANNOUNCED = "conformity_announced"
OVERSIGHT_DEADLINE = "oversight_deadline"
INSPECTION_CORRECTIVE_DUE = "inspection_corrective_due"
INSPECTION_PLANNED = "inspection_planned"


@dataclass(frozen=True)
class Kind:
    code: str
    label: object  # lazy text: the kind as the preferences page names it
    text: object  # lazy text with %(name)s parameters
    # Shown on the preferences page (LEGACY is not a kind anyone is sent any more).
    choosable: bool = True
    # The sentence to use instead of `text` when the parameter named is present.
    text_with: tuple[tuple[str, object], ...] = ()


KINDS: dict[str, Kind] = {
    k.code: k
    for k in (
        Kind(LEGACY, _("Thông báo trước đây"), "%(message)s", choosable=False),
        Kind(
            MEMBER_ADDED,
            _("Được thêm vào một cơ quan"),
            _("Bạn đã được thêm vào %(agency)s."),
        ),
        Kind(
            DOCUMENT_SUBMITTED,
            _("Văn bản trình chờ duyệt"),
            _("“%(document)s” đã được gửi duyệt, chờ ý kiến của lãnh đạo."),
        ),
        Kind(
            DOCUMENT_RETURNED,
            _("Văn bản bị trả lại"),
            _("“%(document)s” bị trả lại: %(comment)s"),
        ),
        Kind(
            DOCUMENT_APPROVED,
            _("Văn bản mình soạn đã được duyệt"),
            _("“%(document)s” đã được duyệt."),
        ),
        Kind(
            DOCUMENT_TO_ISSUE,
            _("Văn bản đã duyệt chờ cấp số, ban hành"),
            _("“%(document)s” đã được duyệt, chờ cấp số và ban hành."),
        ),
        Kind(
            DOCUMENT_TO_PUBLISH,
            _("Văn bản đã ban hành chờ công bố"),
            _("“%(document)s” đã ban hành, chờ công bố."),
        ),
        Kind(
            DOCUMENT_PUBLISHED,
            _("Văn bản mới công bố cần đọc"),
            _("Đã công bố “%(document)s”. Mời đọc và xác nhận đã đọc."),
            text_with=(
                (
                    "replaces",
                    _(
                        "Đã công bố “%(document)s”, thay thế “%(replaces)s”. "
                        "Mời đọc và xác nhận đã đọc."
                    ),
                ),
            ),
        ),
        Kind(
            DOCUMENT_SUPERSEDED,
            _("Văn bản đã được thay thế"),
            _("“%(document)s” đã được thay thế bởi “%(new)s”."),
        ),
        Kind(
            MONITORING_REMINDER,
            _("Nhắc báo cáo kết quả theo dõi"),
            _(
                "Nhắc báo cáo: %(unit)s chưa nhập đủ kết quả %(period)s "
                "(còn thiếu %(missing)s/%(expected)s chỉ tiêu, hạn %(due)s)."
            ),
            text_with=(
                (
                    "late",
                    _(
                        "Báo cáo chậm %(late)s ngày làm việc: %(unit)s chưa nhập đủ kết quả "
                        "%(period)s (còn thiếu %(missing)s/%(expected)s chỉ tiêu, hạn %(due)s)."
                    ),
                ),
            ),
        ),
        Kind(
            CORRECTIVE_ACTION_DUE,
            _("Nhắc hành động khắc phục quá hạn"),
            _(
                "Hành động khắc phục đến hạn %(due)s chưa xong: %(action)s "
                "(điều không đạt: %(nonconformity)s)."
            ),
        ),
        Kind(
            CONFORMITY_ANNOUNCED,
            _("Cơ quan công bố hệ thống quản lý chất lượng phù hợp"),
            _(
                "%(agency)s đã công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001 "
                "(Quyết định số %(number)s ngày %(date)s)."
            ),
        ),
        Kind(
            OVERSIGHT_DEADLINE,
            _("Nhắc hạn của đơn vị quản lý"),
            _("%(body)s nhắc: %(what)s — hạn %(due)s đã qua mà cơ quan chưa hoàn thành."),
        ),
        Kind(
            INSPECTION_CORRECTIVE_DUE,
            _("Nhắc hạn khắc phục sau kiểm tra"),
            _(
                "Khắc phục sau kiểm tra tại %(agency)s: còn %(open)s điểm không phù hợp chưa "
                "khắc phục xong, hạn %(due)s (02 tháng kể từ biên bản ngày %(minutes)s)."
            ),
        ),
        Kind(
            INSPECTION_PLANNED,
            _("Cơ quan có tên trong kế hoạch kiểm tra"),
            _(
                "%(body)s ban hành kế hoạch kiểm tra năm %(year)s (số %(number)s): %(agency)s "
                "được kiểm tra %(mode)s vào tháng %(month)s."
            ),
        ),
    )
}

# The two ways of being told, as the preferences page offers them.
IN_APP_ONLY = pgettext_lazy("notification delivery", "Chỉ trong ứng dụng")
IN_APP_AND_MAIL = pgettext_lazy("notification delivery", "Trong ứng dụng và qua thư điện tử")


def choosable_kinds() -> list[Kind]:
    return [k for k in KINDS.values() if k.choosable]


def notification_text(notification) -> str:
    """The sentence of a notification (anything with kind, params, message) in the active
    language. An unknown kind (a kind removed since) shows its stored message or nothing."""
    kind = KINDS.get(notification.kind)
    params = dict(notification.params or {})
    if kind is None or kind.code == LEGACY:
        return notification.message
    text = next((t for name, t in kind.text_with if name in params), kind.text)
    try:
        return str(text) % params
    except (KeyError, TypeError, ValueError):
        return notification.message or str(kind.label)
