"""Excel in and out: download a set as XLSX, download the blank template, upload a file that
becomes a new Draft. Readers of a set may export it; the template and import are for those who
may start a set (ISO officers, department heads): other members get 403, other agencies 404.

An upload is checked cheaply in the request (size, an XLSX container, who may start the set),
kept as a SetImport and read by the task engine (objectives.tasks.set_import_run); the import's
page waits for it, then goes to the new Draft or lists the problems with the form again. Without
a broker the task runs right after the commit, so the result is there when the redirect lands."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from agencies.models import Agency
from agencies.permissions import is_member
from documents.excel_styles import XLSX_CONTENT_TYPE
from documents.rules import may_view
from objectives.excel.export import set_to_xlsx
from objectives.excel.forms import ImportForm
from objectives.excel.jobs import import_problems, set_import_queue
from objectives.excel.problems import ImportRejected
from objectives.excel.template import blank_template_xlsx
from objectives.models import SetImport
from objectives.rules import may_import_sets, may_see_import
from objectives.tasks import set_import_run
from objectives.views.common import get_set_for
from qms_objectives.errors import WorkflowError
from qms_objectives.tasks import enqueue_on_commit

WAIT_REFRESH_SECONDS = 3


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _importing_agency(user, agency_id: int) -> Agency:
    """404 outside the user's agencies (never reveal them); 403 for a member who may not."""
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None or not is_member(user, agency):
        raise Http404
    if not may_import_sets(user, agency):
        raise PermissionDenied
    return agency


@login_required
@require_safe
def set_export_xlsx(request, pk: int):
    objective_set = get_set_for(request.user, pk, may_view)
    owner = objective_set.department or objective_set.agency
    label = getattr(owner, "abbreviation", "") or getattr(owner, "symbol", "") or owner.name
    filename = f"muc-tieu-chat-luong-{objective_set.year}-{slugify(label) or 'bo'}.xlsx"
    return _xlsx_response(set_to_xlsx(objective_set), filename)


@login_required
@require_safe
def import_template(request, agency_id: int):
    agency = _importing_agency(request.user, agency_id)
    return _xlsx_response(blank_template_xlsx(agency), "mau-muc-tieu-chat-luong.xlsx")


def _get_import_for(user, pk: int) -> SetImport:
    """The import if the user may see it (its uploader, whoever may start the same set); 404
    otherwise, in the agency as outside it: an upload is nobody else's business."""
    job = SetImport.objects.select_related("agency", "department").filter(pk=pk).first()
    if job is None or not may_see_import(user, job):
        raise Http404
    return job


def _import_page(request, form, agency, *, problems=(), job=None, error="", status=200):
    context = {"form": form, "agency": agency, "problems": problems, "job": job, "error": error}
    if job is not None and job.status == SetImport.Status.QUEUED:
        context["refresh_seconds"] = WAIT_REFRESH_SECONDS
    return render(request, "objectives/excel/import.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def set_import(request, agency_id: int):
    agency = _importing_agency(request.user, agency_id)
    form = ImportForm(request.POST or None, request.FILES or None, agency=agency, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = set_import_queue(
                agency=agency,
                department=form.cleaned_data["department"],
                year=form.cleaned_data["year"],
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            enqueue_on_commit(set_import_run, job.pk)
            return redirect(job)
    # A refused upload: nothing was saved, the form keeps what was entered.
    return _import_page(request, form, agency, status=400 if request.method == "POST" else 200)


@login_required
@require_safe
def set_import_detail(request, pk: int):
    job = _get_import_for(request.user, pk)
    if job.status == SetImport.Status.DONE and job.objective_set is not None:
        messages.success(
            request,
            _("Đã tạo dự thảo từ tệp Excel: %(count)s mục tiêu.")
            % {"count": job.objective_set.objectives.count()},
        )
        return redirect(job.objective_set)
    form = ImportForm(
        initial={"year": job.year, "department": job.department_id},
        agency=job.agency,
        user=request.user,
    )
    problems = import_problems(job)
    error = ImportRejected(problems).message if problems else ""
    if job.status == SetImport.Status.FAILED:
        error = _(
            "Không xử lý được tệp do lỗi của hệ thống; chưa có gì được lưu. "
            "Hãy thử tải lên lại, hoặc báo quản trị viên nếu lỗi lặp lại."
        )
    return _import_page(request, form, job.agency, problems=problems, job=job, error=error)
