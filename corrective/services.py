"""Every write of corrective actions. Each function checks the actor's right, validates, saves
inside one transaction and leaves a history row naming the actor; a refusal is a WorkflowError."""

from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Membership
from corrective.models import CorrectiveAction, Evidence, Status
from corrective.rules import is_action_owner, may_edit_action
from qms_objectives.errors import WorkflowError
from qms_objectives.uploads import EXTENSIONS, proven_kind, upload_bytes

EDITABLE_FIELDS = (
    "department",
    "nonconformity",
    "cause",
    "action",
    "owner_department",
    "owner_person",
    "due_date",
)
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def _refuse(message: str, code: str = "forbidden"):
    raise WorkflowError(message, code=code)


def _check(action: CorrectiveAction) -> None:
    try:
        action.full_clean()
    except ValidationError as error:
        raise WorkflowError(" ".join(error.messages), code="invalid") from error
    if (
        action.owner_person_id
        and not Membership.objects.active()
        .filter(user_id=action.owner_person_id, agency_id=action.agency_id)
        .exists()
    ):
        _refuse(_("Người thực hiện phải là thành viên của cơ quan."), "invalid")


def action_record(
    *, agency, year: int, actor, data: dict, source=None, source_url: str = ""
) -> CorrectiveAction:
    """Record what was not met, its cause and the action decided (by an ISO officer)."""
    fields = {name: data[name] for name in EDITABLE_FIELDS if name in data}
    action = CorrectiveAction(
        agency=agency, year=year, created_by=actor, source_url=source_url, **fields
    )
    if source is not None:
        action.source_type = ContentType.objects.get_for_model(source)
        action.source_id = source.pk
    if not may_edit_action(actor, action):
        _refuse(_("Bạn không có quyền ghi nhận hành động khắc phục."))
    _check(action)
    action._history_user = actor
    action.save()
    return action


def _locked(action: CorrectiveAction) -> CorrectiveAction:
    return CorrectiveAction.objects.select_for_update().get(pk=action.pk)


def action_update(*, action: CorrectiveAction, actor, data: dict) -> CorrectiveAction:
    with transaction.atomic():
        action = _locked(action)
        if not may_edit_action(actor, action):
            _refuse(_("Bạn không có quyền sửa hành động khắc phục này."))
        if action.is_closed:
            _refuse(_("Hành động khắc phục này đã đóng."), "state")
        changed = [name for name in EDITABLE_FIELDS if name in data]
        for name in changed:
            setattr(action, name, data[name])
        _check(action)
        action._history_user = actor
        action.save(update_fields=[*changed, "updated_at"])
    return action


def action_mark_done(*, action: CorrectiveAction, actor, note: str = "") -> CorrectiveAction:
    """The owner says the action is carried out; the ISO officer then verifies and closes."""
    with transaction.atomic():
        action = _locked(action)
        if not (may_edit_action(actor, action) or is_action_owner(actor, action)):
            _refuse(_("Bạn không có quyền báo hành động khắc phục này đã thực hiện."))
        if action.status != Status.OPEN:
            _refuse(_("Chỉ báo đã thực hiện cho hành động đang thực hiện."), "state")
        action.status = Status.DONE
        action.done_at = timezone.now()
        action.done_by = actor
        if note.strip():
            action.outcome = note.strip()
        action._history_user = actor
        action.save(update_fields=["status", "done_at", "done_by", "outcome", "updated_at"])
    return action


def action_close(*, action: CorrectiveAction, actor, outcome: str) -> CorrectiveAction:
    """The ISO officer verifies the result and closes the action, saying what came of it."""
    with transaction.atomic():
        action = _locked(action)
        if not may_edit_action(actor, action):
            _refuse(_("Bạn không có quyền đóng hành động khắc phục này."))
        if action.is_closed:
            _refuse(_("Hành động khắc phục này đã đóng."), "state")
        if not outcome.strip():
            _refuse(_("Hãy ghi kết quả khắc phục trước khi đóng."), "invalid")
        action.status = Status.CLOSED
        action.closed_at = timezone.now()
        action.closed_by = actor
        action.outcome = outcome.strip()
        action._history_user = actor
        action.save(update_fields=["status", "closed_at", "closed_by", "outcome", "updated_at"])
    return action


def action_reopen(*, action: CorrectiveAction, actor) -> CorrectiveAction:
    """Not verified (or closed too soon): back to open."""
    with transaction.atomic():
        action = _locked(action)
        if not may_edit_action(actor, action):
            _refuse(_("Bạn không có quyền mở lại hành động khắc phục này."))
        if action.status == Status.OPEN:
            _refuse(_("Hành động khắc phục này đang thực hiện."), "state")
        action.status = Status.OPEN
        action.closed_at = None
        action.closed_by = None
        action._history_user = actor
        action.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    return action


def evidence_kind(upload) -> str:
    """The proven kind of an upload (PDF, PNG, JPEG, XLSX, DOCX); ValidationError otherwise."""
    data = upload_bytes(upload, MAX_EVIDENCE_BYTES)
    return proven_kind(data)


def evidence_add(*, action: CorrectiveAction, actor, upload) -> Evidence:
    """Attach a file proving the action; its kind is proven by its content, stored privately."""
    if not (may_edit_action(actor, action) or is_action_owner(actor, action)):
        _refuse(_("Bạn không có quyền thêm minh chứng cho hành động khắc phục này."))
    if action.is_closed:
        _refuse(_("Hành động khắc phục này đã đóng."), "state")
    try:
        kind = evidence_kind(upload)
    except ValidationError as error:
        raise WorkflowError(" ".join(error.messages), code="invalid") from error
    data = upload_bytes(upload, MAX_EVIDENCE_BYTES)
    stem = PurePath(upload.name or "minh-chung").stem or "minh-chung"
    name = f"{stem}{EXTENSIONS[kind]}"
    evidence = Evidence(
        action=action, original_name=name[:255], kind=kind, size=len(data), uploaded_by=actor
    )
    evidence.file.save(name, ContentFile(data), save=False)
    evidence.save()
    return evidence
