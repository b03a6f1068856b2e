"""The Excel import as a job of the task engine (issue 16): the request keeps the upload
(set_import_queue), the task runs the import once (set_import_process), a bug is recorded
(set_import_fail). The import itself, its checks and its rules are import_.set_import_xlsx."""

from dataclasses import asdict

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from objectives.excel.import_ import set_import_xlsx
from objectives.excel.problems import ImportRejected, Problem
from objectives.models import SetImport
from objectives.services.starting import require_may_start
from qms_objectives.errors import WorkflowError
from qms_objectives.text import to_nfc


def set_import_queue(*, agency, department, year: int, actor, data: bytes, filename: str):
    """A QUEUED SetImport keeping the file privately; WorkflowError (code "forbidden") at once
    when the actor may not start this set, before anything is stored."""
    require_may_start(actor, agency, department)
    job = SetImport(
        agency=agency,
        department=department,
        year=year,
        created_by=actor,
        original_name=to_nfc(filename)[:255],
    )
    # Stored as .xlsx (what the form proved it is), never under the name the user gave.
    job.file.save("import.xlsx", ContentFile(data), save=False)
    job.save()
    return job


def set_import_process(*, import_id: int) -> bool:
    """Run the QUEUED import `import_id` as its uploader (the same rules as in a request): DONE
    with the new Draft, or DONE with the problems that refused the file (nothing else saved).
    The row is locked for the whole run and the set is committed with the DONE mark, so a
    second worker given the same message waits, then finds it DONE and returns False."""
    with transaction.atomic():
        # No select_related: PostgreSQL refuses FOR UPDATE on the outer join a null department
        # makes; the row alone is what must be locked.
        job = SetImport.objects.select_for_update().filter(pk=import_id).first()
        if job is None or job.status != SetImport.Status.QUEUED:
            return False
        with job.file.open("rb") as stored:
            data = stored.read()
        try:
            job.objective_set = set_import_xlsx(
                agency=job.agency,
                department=job.department,
                year=job.year,
                actor=job.created_by,
                data=data,
                filename=job.original_name,
            )
        except ImportRejected as rejected:
            job.problems = [asdict(problem) for problem in rejected.problems]
        except WorkflowError as refusal:  # the uploader lost the right since the upload
            job.problems = [asdict(Problem(str(refusal.message)))]
        job.status = SetImport.Status.DONE
        job.finished_at = timezone.now()
        job.save(update_fields=["objective_set", "problems", "status", "finished_at"])
    return True


def set_import_fail(*, import_id: int, error: BaseException) -> None:
    """Give up on a QUEUED import: FAILED, with the error (for the administrator)."""
    SetImport.objects.filter(pk=import_id, status=SetImport.Status.QUEUED).update(
        status=SetImport.Status.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        finished_at=timezone.now(),
    )


def import_problems(job) -> list[Problem]:
    return [Problem(**problem) for problem in job.problems]
