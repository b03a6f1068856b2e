"""Steps every transition shares: lock the row, check, save the changed fields, record the event.

Each transition in workflow.py and issuing.py reads like: lock(), require_right(),
require_status(), change fields, transition_save().
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.models import DocumentEvent, Status
from qms_objectives.errors import WorkflowError

# What the user tried to do, as it reads in "Không thể <action> văn bản đang ở trạng thái …".
ACTIONS = {
    "submit": gettext_lazy("gửi duyệt"),
    "return": gettext_lazy("trả lại"),
    "approve": gettext_lazy("duyệt"),
    "issue": gettext_lazy("ban hành"),
    "prepare_external": gettext_lazy("chuẩn bị ký số ngoài hệ thống"),
    "register_external": gettext_lazy("đăng ký văn bản ban hành ngoài hệ thống"),
    "publish": gettext_lazy("công bố"),
    "withdraw": gettext_lazy("hủy"),
    "revise": gettext_lazy("lập bản sửa đổi từ"),
    "copy": gettext_lazy("sao chép"),
    "derive": gettext_lazy("xây dựng mục tiêu của phòng từ"),
    "edit": gettext_lazy("sửa"),
}


def lock(document):
    """The document's row, read again and locked until the transaction ends. Transitions work on
    this fresh copy, so the caller's instance is never left half-changed by a refusal."""
    model = type(document)
    return model._default_manager.select_for_update().get(pk=document.pk)


def require_right(allowed: bool) -> None:
    if not allowed:
        raise WorkflowError(
            _("Bạn không có quyền thực hiện thao tác này với văn bản này."), code="forbidden"
        )


def require_status(document, allowed, action: str) -> None:
    if document.status not in allowed:
        raise WorkflowError(
            _("Không thể %(action)s văn bản đang ở trạng thái “%(status)s”.")
            % {"action": ACTIONS[action], "status": Status(document.status).label},
            code="state",
        )


def actor_or_none(actor):
    return actor if actor is not None and actor.is_authenticated else None


def event_record(*, document, actor, action: str, from_status: str, comment: str = ""):
    return DocumentEvent.objects.create(
        content_type=ContentType.objects.get_for_model(document),
        object_id=document.pk,
        actor=actor_or_none(actor),
        action=action,
        from_status=from_status,
        to_status=document.status,
        comment=comment,
    )


def fields_save(document, *, actor, fields) -> None:
    """Save only `fields` (workflow fields are accepted even on a frozen document), with the
    actor on the simple_history row."""
    document._history_user = actor_or_none(actor)
    document.save(update_fields=sorted({*fields, "updated_at"}))


def transition_save(document, *, actor, action: str, to_status: str, fields=(), comment=""):
    """Move to `to_status`, save the changed fields, bump the optimistic-lock version (an editor
    still holding the old version cannot save over a transition) and record the event."""
    assert transaction.get_connection().in_atomic_block, "transitions run inside atomic()"
    from_status = document.status
    document.status = to_status
    document.version += 1
    fields_save(document, actor=actor, fields=["status", "version", *fields])
    event_record(
        document=document,
        actor=actor,
        action=action,
        from_status=from_status,
        comment=comment,
    )
    return document
