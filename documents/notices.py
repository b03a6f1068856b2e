"""Who hears of a transition. notification_send writes the in-app notices and queues the emails
once the transaction commits; nothing is sent inside the request."""

from django.db.models import Q
from django.utils.translation import gettext as _

from agencies.models import Membership
from notifications.services import notification_send


def _users(document, condition: Q, actor) -> list:
    memberships = (
        Membership.objects.active()
        .filter(condition, agency_id=document.agency_id)
        .select_related("user")
        .order_by("pk")
    )
    actor_id = getattr(actor, "pk", None)
    return [m.user for m in memberships if m.user_id != actor_id]


def approvers(document, actor=None) -> list:
    return _users(document, Q(is_head=True) | Q(is_deputy=True), actor)


def drafters(document, actor=None) -> list:
    """ISO officers; for a department's document also that department's head."""
    condition = Q(is_iso_officer=True)
    if document.department_id:
        condition |= Q(is_department_head=True, department_id=document.department_id)
    return _users(document, condition, actor)


def records_officers(document, actor=None) -> list:
    return _users(document, Q(is_records_officer=True), actor)


def readers(document, actor=None) -> list:
    """Everyone the published document is for: the agency, or the department's members."""
    if document.department_id:
        return _users(document, Q(department_id=document.department_id), actor)
    return _users(document, Q(), actor)


def _send(document, users, message: str) -> None:
    url = document.get_absolute_url() if hasattr(document, "get_absolute_url") else ""
    notification_send(users=users, agency=document.agency, message=message, url=url)


def document_submitted(document, actor) -> None:
    _send(
        document,
        approvers(document, actor),
        _("“%(document)s” đã được gửi duyệt, chờ ý kiến của lãnh đạo.") % {"document": document},
    )


def document_returned(document, actor, comment: str) -> None:
    _send(
        document,
        drafters(document, actor),
        _("“%(document)s” bị trả lại: %(comment)s") % {"document": document, "comment": comment},
    )


def document_approved(document, actor) -> None:
    told = drafters(document, actor)
    _send(document, told, _("“%(document)s” đã được duyệt.") % {"document": document})
    _send(
        document,
        [u for u in records_officers(document, actor) if u not in told],
        _("“%(document)s” đã được duyệt, chờ cấp số và ban hành.") % {"document": document},
    )


def document_published(document, actor) -> None:
    _send(
        document,
        readers(document, actor),
        _("Đã công bố “%(document)s”. Mời đọc và xác nhận đã đọc.") % {"document": document},
    )
