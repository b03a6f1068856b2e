"""Excel in and out: download a set as XLSX, download the blank template, upload a file that
becomes a new Draft. Readers of a set may export it; the template and import are for those who
may start a set (ISO officers, department heads): other members get 403, other agencies 404."""

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
from objectives.excel.import_ import set_import_xlsx
from objectives.excel.problems import ImportRejected
from objectives.excel.template import blank_template_xlsx
from objectives.rules import may_import_sets
from objectives.views.common import get_set_for
from qms_objectives.errors import WorkflowError


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


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def set_import(request, agency_id: int):
    agency = _importing_agency(request.user, agency_id)
    form = ImportForm(request.POST or None, request.FILES or None, agency=agency, user=request.user)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            objective_set = set_import_xlsx(
                agency=agency,
                department=form.cleaned_data["department"],
                year=form.cleaned_data["year"],
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
            )
        except ImportRejected as rejected:
            form.add_error(None, rejected.message)
            problems = rejected.problems
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Đã tạo dự thảo từ tệp Excel: %(count)s mục tiêu.")
                % {"count": objective_set.objectives.count()},
            )
            return redirect(objective_set)
    return render(
        request,
        "objectives/excel/import.html",
        {"form": form, "agency": agency, "problems": problems},
        status=400 if request.method == "POST" else 200,  # a refused file: nothing was saved
    )
