"""Writes of internal audit and management review records: each checks the right, saves with a
history row (simple_history, the actor named) and refuses with a translated WorkflowError."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from audits.models import MAX_REPORT_BYTES, REPORT_KINDS
from audits.rules import may_edit_record, may_keep_records
from qms_objectives.errors import WorkflowError
from qms_objectives.uploads import EXTENSIONS, proven_kind, upload_bytes

EDITABLE_FIELDS = ("held_on", "scope", "findings_count", "nonconformities_count")


def report_kind(upload) -> str:
    """The proven kind of a report upload (PDF or DOCX); ValidationError otherwise."""
    return proven_kind(upload_bytes(upload, MAX_REPORT_BYTES), REPORT_KINDS)


def _attach(record, upload) -> list[str]:
    if upload is None:
        return []
    try:
        kind = report_kind(upload)
    except ValidationError as error:
        raise WorkflowError(" ".join(error.messages), code="invalid", field="report") from error
    data = upload_bytes(upload, MAX_REPORT_BYTES)
    stem = PurePath(upload.name or "bao-cao").stem or "bao-cao"
    name = f"{stem}{EXTENSIONS[kind]}"
    record.report.save(name, ContentFile(data), save=False)
    record.report_name, record.report_kind = name[:255], kind
    return ["report", "report_name", "report_kind"]


def _check(record) -> None:
    try:
        record.full_clean(exclude=["report", "recorded_by"])
    except ValidationError as error:
        raise WorkflowError(" ".join(error.messages), code="invalid") from error


def record_create(*, model, agency, actor, data: dict, upload=None):
    """Record an internal audit or a management review of `agency` (its ISO officers)."""
    if not may_keep_records(actor, agency):
        raise WorkflowError(_("Bạn không có quyền ghi nhận hồ sơ này."), code="forbidden")
    record = model(agency=agency, recorded_by=actor, **{k: data[k] for k in EDITABLE_FIELDS})
    _check(record)
    with transaction.atomic():
        _attach(record, upload)
        record._history_user = actor
        record.save()
    return record


def record_update(*, record, actor, data: dict, upload=None):
    with transaction.atomic():
        record = type(record).objects.select_for_update().get(pk=record.pk)
        if not may_edit_record(actor, record):
            raise WorkflowError(_("Bạn không có quyền sửa hồ sơ này."), code="forbidden")
        changed = [name for name in EDITABLE_FIELDS if name in data]
        for name in changed:
            setattr(record, name, data[name])
        _check(record)
        changed += _attach(record, upload)
        record._history_user = actor
        record.save(update_fields=[*changed, "updated_at"])
    return record
