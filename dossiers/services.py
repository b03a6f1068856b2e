"""Writes of the dossier records: an upload kept and queued, the mapping saved, the import run
once by the task engine, a failed run recorded, the agency's retention saved, and the daily
deletion of uploaded files past their retention (their SHA-256 and counts stay)."""

import csv
import hashlib
import io
import logging
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import Status
from dossiers.importing import ImportRejected, MappingNeeded, Problem, import_dossiers
from dossiers.mapping import FIELDS, FIELDS_BY_KEY, SUPPLEMENT_PAIRS
from dossiers.measures import measure_recompute_run, measures_recompute_run
from dossiers.models import (
    DossierColumnMapping,
    DossierImport,
    DossierSettings,
    Measure,
    TargetMeasure,
    dossier_settings_for,
)
from dossiers.reading import file_format
from dossiers.rules import may_bind_measures, may_import_dossiers
from dossiers.totals import import_period_totals
from monitoring.models import Result
from qms_objectives.errors import WorkflowError
from qms_objectives.tasks import enqueue_on_commit
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
        if job.status == DossierImport.Status.DONE:
            # The targets bound to the dossiers are computed again from what was imported.
            enqueue_on_commit(measures_recompute_run, job.agency_id, job.pk)
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


# --- targets computed from the dossiers, and the push (issue 23, part two) ----------------------


def _require_binder(actor, agency) -> None:
    if not may_bind_measures(actor, agency):
        raise WorkflowError(
            _("Chỉ cán bộ ISO của cơ quan được gắn chỉ tiêu với số liệu hồ sơ."), code="forbidden"
        )


def target_measure_bind(
    *, target, actor, measure: str, procedure_codes=(), departments=()
) -> TargetMeasure:
    """Bind a target of the agency's objectives in force to a measure of its dossiers (or change
    the binding); its results are then computed on the task engine, from now on after every
    import. Departments must be the agency's; a department's target counts its own."""
    objective_set = target.objective.objective_set
    agency = objective_set.agency
    _require_binder(actor, agency)
    if objective_set.status != Status.PUBLISHED:
        raise WorkflowError(
            _("Chỉ gắn được chỉ tiêu của bộ mục tiêu đang có hiệu lực (đã công bố)."), code="state"
        )
    if measure not in Measure.values:
        raise WorkflowError(_("Đại lượng không hợp lệ."), code="invalid", field="measure")
    if any(d.agency_id != agency.pk for d in departments):
        raise WorkflowError(
            _("Đơn vị xử lý phải thuộc cơ quan."), code="invalid", field="departments"
        )
    codes = sorted({to_nfc(str(c)).strip() for c in procedure_codes if str(c).strip()})
    with transaction.atomic():
        bound, _created = TargetMeasure.objects.update_or_create(
            target=target,
            defaults={
                "agency": agency,
                "measure": measure,
                "procedure_codes": codes,
                "created_by": actor,
            },
        )
        bound.departments.set(departments)
        enqueue_on_commit(measure_recompute_run, bound.pk, actor.pk)
    return bound


def target_measure_unbind(*, bound: TargetMeasure, actor) -> None:
    """The target is typed again: its computed results stay, as typed ones that may be changed
    (their source is kept), and are no longer recomputed."""
    _require_binder(actor, bound.agency)
    with transaction.atomic():
        Result.objects.filter(target_id=bound.target_id, is_computed=True).update(is_computed=False)
        bound.delete()


def target_measure_recompute(*, bound: TargetMeasure, actor) -> None:
    """On demand: recompute on the task engine (never in the request)."""
    _require_binder(actor, bound.agency)
    enqueue_on_commit(measure_recompute_run, bound.pk, actor.pk)


PUSH_MAX_RECORDS = 5000
# A pushed record's supplements may come as a list of {NgayYeuCauBoSung, NgayBoSung}.
PUSH_SUPPLEMENTS_KEY = "BoSung"


def _push_rows(records) -> tuple[list[str], list[list[str]]]:
    """The records as the rows of an export with the national field names as headers, so that
    they are checked and written exactly as an imported file is. Keys that are not a field the
    rules need (a name, a number, an address) are never read."""
    headers = [field.national for field in FIELDS]
    rows = []
    for record in records:
        record = dict(record) if isinstance(record, dict) else {}
        pairs = record.pop(PUSH_SUPPLEMENTS_KEY, None)
        if isinstance(pairs, list):
            for number, pair in enumerate(pairs[:SUPPLEMENT_PAIRS], start=1):
                pair = pair if isinstance(pair, dict) else {}
                record.setdefault(f"NgayYeuCauBoSung{number}", pair.get("NgayYeuCauBoSung"))
                record.setdefault(f"NgayBoSung{number}", pair.get("NgayBoSung"))
            if len(pairs) > SUPPLEMENT_PAIRS:
                record.setdefault("SoLanBoSung", len(pairs))
        rows.append(["" if record.get(h) is None else str(record.get(h)) for h in headers])
    return headers, rows


def dossiers_push(*, agency, records, actor=None) -> DossierImport:
    """A batch of dossiers pushed by the agency's system (JSON records with the national field
    names): checked like an imported file, upserted by code (a record pushed again updates its
    dossier, never a duplicate), all or nothing. Kept as a DossierImport of kind PUSH (DONE with
    its counts, or REJECTED with every bad record located: "record" is its 1-based position);
    on commit the bound targets are recomputed."""
    if not isinstance(records, list) or not records:
        raise WorkflowError(_("Gửi ít nhất một hồ sơ."), code="invalid")
    if len(records) > PUSH_MAX_RECORDS:
        raise WorkflowError(
            _("Mỗi lần gửi tối đa %(count)s hồ sơ.") % {"count": PUSH_MAX_RECORDS}, code="invalid"
        )
    headers, rows = _push_rows(records)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    with transaction.atomic():
        job = DossierImport.objects.create(
            agency=agency,
            kind=DossierImport.Kind.PUSH,
            original_name="api",
            file_format="json",
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            created_by=actor,
            headers=headers,
        )
        columns = {field.key: field.national for field in FIELDS}
        try:
            outcome = import_dossiers(
                agency=agency, job=job, stream=io.BytesIO(data), fmt="csv", columns=columns
            )
        except ImportRejected as rejected:
            job.status = DossierImport.Status.REJECTED
            job.problems = [
                {**problem, "row": None if problem["row"] is None else problem["row"] - 1}
                for problem in rejected.as_dicts()
            ]
            job.problems_total = rejected.total
            job.rows_total = rejected.rows_total
        else:
            job.status = DossierImport.Status.DONE
            job.rows_total = outcome.rows_total
            job.rows_created, job.rows_updated = outcome.rows_created, outcome.rows_updated
            enqueue_on_commit(measures_recompute_run, agency.pk, job.pk)
        job.finished_at = timezone.now()
        job.save()
    return job
