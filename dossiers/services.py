"""Writes of the dossier records: an upload kept and queued, the mapping saved, the import run
once by the task engine, a failed run recorded, the agency's retention saved, and the daily
deletion of uploaded files past their retention (their SHA-256 and counts stay)."""

import hashlib
import logging
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.importing import ImportRejected, MappingNeeded, Problem, import_dossiers
from dossiers.mapping import FIELDS_BY_KEY
from dossiers.models import (
    DossierColumnMapping,
    DossierImport,
    DossierSettings,
    dossier_settings_for,
)
from dossiers.reading import file_format
from dossiers.rules import may_import_dossiers
from dossiers.totals import import_period_totals
from qms_objectives.errors import WorkflowError
from qms_objectives.text import to_nfc

logger = logging.getLogger(__name__)


def _require_importer(actor, agency) -> None:
    if actor is not None and not may_import_dossiers(actor, agency):
        raise WorkflowError(
            _("Chỉ cán bộ ISO và thủ trưởng cơ quan được nhập hồ sơ TTHC."), code="forbidden"
        )


def dossier_import_queue(
    *, agency, actor, data: bytes, filename: str, kind=DossierImport.Kind.DOSSIERS, period=None
) -> DossierImport:
    """A QUEUED import keeping the file privately with its SHA-256 (the task reads it: the
    header row, then, with the agency's mapping, every row). `period` (start, end) for a
    Biểu 06 whose title does not say it. The caller enqueues dossier_import_run on commit."""
    _require_importer(actor, agency)
    fmt = file_format(data[:4])
    job = DossierImport(
        agency=agency,
        kind=kind,
        original_name=to_nfc(filename)[:255],
        file_format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        created_by=actor,
    )
    if period is not None:
        job.mapping = {"period": [period[0].isoformat(), period[1].isoformat()]}
    # Stored under a random name with the proven format's extension, never the user's name.
    job.file.save(f"export.{fmt}", ContentFile(data), save=False)
    job.save()
    return job


def dossier_mapping_save(*, agency, actor, columns: dict[str, str]) -> DossierColumnMapping:
    """The agency's column mapping ({field key: header}), saved once and used by every import;
    the imports waiting for it are queued again (the caller enqueues them on commit)."""
    _require_importer(actor, agency)
    columns = {k: to_nfc(v) for k, v in columns.items() if k in FIELDS_BY_KEY and v}
    mapping, _created = DossierColumnMapping.objects.update_or_create(
        agency=agency, defaults={"columns": columns, "updated_by": actor}
    )
    return mapping


def dossier_import_requeue(*, job, actor) -> DossierImport:
    """An import waiting for its mapping goes back to the queue (after the mapping is saved)."""
    _require_importer(actor, job.agency)
    with transaction.atomic():
        job = DossierImport.objects.select_for_update().get(pk=job.pk)
        if job.status != DossierImport.Status.MAPPING:
            raise WorkflowError(_("Lần nhập này không còn chờ xác nhận cột."), code="state")
        job.status = DossierImport.Status.QUEUED
        job.save(update_fields=["status"])
    return job


def _saved_columns(agency) -> dict[str, str]:
    saved = DossierColumnMapping.objects.filter(agency=agency).first()
    return dict(saved.columns) if saved else {}


def _run(job: DossierImport, stream):
    if job.kind == DossierImport.Kind.TOTALS:
        period = job.mapping.get("period")
        if period:
            period = (date.fromisoformat(period[0]), date.fromisoformat(period[1]))
        return import_period_totals(agency=job.agency, job=job, stream=stream, period=period)
    columns = _saved_columns(job.agency)
    return import_dossiers(
        agency=job.agency, job=job, stream=stream, fmt=job.file_format, columns=columns
    )


def dossier_import_process(*, import_id: int) -> bool:
    """Run the QUEUED import `import_id` once: MAPPING when the agency's columns must be
    confirmed first, DONE with the counts, or REJECTED with the located problems (nothing
    written). The row is locked for the run, so a second delivery of the task finds it done."""
    with transaction.atomic():
        job = (
            DossierImport.objects.select_for_update(of=("self",))
            .select_related("agency")
            .filter(pk=import_id)
            .first()
        )
        if job is None or job.status != DossierImport.Status.QUEUED or not job.file:
            return False
        fields = ["status", "finished_at", "headers", "mapping", "problems", "problems_total"]
        with job.file.open("rb") as stream:
            try:
                outcome = _run(job, stream)
            except MappingNeeded as needed:
                # The agency's saved columns do not fit this file: the user confirms them.
                job.status = DossierImport.Status.MAPPING
                job.headers = needed.headers
                job.save(update_fields=["status", "headers"])
                return True
            except ImportRejected as rejected:
                job.status = DossierImport.Status.REJECTED
                job.problems = rejected.as_dicts()
                job.problems_total = rejected.total
                job.rows_total = rejected.rows_total
                fields.append("rows_total")
            else:
                job.status = DossierImport.Status.DONE
                job.rows_total = outcome.rows_total
                job.rows_created = outcome.rows_created
                job.rows_updated = outcome.rows_updated
                job.columns_dropped = outcome.columns_dropped
                job.problems, job.problems_total = [], 0
                job.headers = outcome.headers
                fields += ["rows_total", "rows_created", "rows_updated", "columns_dropped"]
        if job.kind == DossierImport.Kind.DOSSIERS:
            job.mapping = {**job.mapping, "columns": _saved_columns(job.agency)}
        job.finished_at = timezone.now()
        job.save(update_fields=fields)
    logger.info(
        "dossier import %s: %s, %s rows, %s problems",
        job.pk,
        job.status,
        job.rows_total,
        job.problems_total,
    )
    return True


def dossier_import_fail(*, import_id: int, error: BaseException) -> None:
    """Give up on a QUEUED import: FAILED, with the error's type only (an error's text could
    quote a cell of the file, and the file may hold personal data)."""
    DossierImport.objects.filter(pk=import_id, status=DossierImport.Status.QUEUED).update(
        status=DossierImport.Status.FAILED,
        error=type(error).__name__,
        finished_at=timezone.now(),
    )


def dossier_settings_save(*, agency, actor, file_retention_days: int) -> DossierSettings:
    _require_importer(actor, agency)
    found = dossier_settings_for(agency)
    found.file_retention_days = file_retention_days
    found.save()
    return found


def dossier_files_expire(*, now=None) -> int:
    """Delete the uploaded files kept longer than their agency's retention; the imports keep
    their SHA-256, counts and problems. Returns how many files were deleted."""
    now = now or timezone.now()
    deleted = 0
    kept = DossierImport.objects.exclude(file="").select_related("agency")
    retention = {}
    for job in kept.iterator():
        if job.agency_id not in retention:
            retention[job.agency_id] = dossier_settings_for(job.agency).file_retention
        if job.created_at + retention[job.agency_id] > now:
            continue
        name = job.file.name
        job.file.storage.delete(name)
        job.file = ""
        job.file_deleted_at = now
        if job.status in (DossierImport.Status.QUEUED, DossierImport.Status.MAPPING):
            job.status = DossierImport.Status.FAILED
            job.error = "expired"
        job.save(update_fields=["file", "file_deleted_at", "status", "error"])
        deleted += 1
    return deleted


def problem_rows(job) -> list[Problem]:
    return [Problem(**problem) for problem in job.problems]
