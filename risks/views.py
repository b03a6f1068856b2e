"""Pages of the register. Every member of the agency reads it; ISO officers and department heads
(for their own department) write through risks.services. Other agencies' registers are 404;
a member who may read but not write gets 403 on the writing pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agencies.membership import current_membership
from agencies.models import Agency
from documents.excel_styles import XLSX_CONTENT_TYPE
from documents.models import MAX_YEAR, MIN_YEAR
from qms_objectives.errors import WorkflowError
from qms_objectives.text import fold_for_search
from risks import services
from risks.exports import register_context, register_pdf, register_xlsx
from risks.forms import CloseForm, FilterForm, RiskForm
from risks.models import Risk, band_table
from risks.rules import may_add_risks, may_edit_risk, may_read_risks


def _agency_for(user, agency_id: int, year: int, predicate=may_read_risks) -> Agency:
    """404 outside the user's agencies (never reveal them); 403 for a member who may not."""
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None or not may_read_risks(user, agency) or not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    if not predicate(user, agency):
        raise PermissionDenied
    return agency


def _risk_for(user, pk: int, *, edit: bool = False) -> Risk:
    risk = get_object_or_404(Risk.objects.select_related("agency", "department"), pk=pk)
    if not may_read_risks(user, risk.agency):
        raise Http404
    if edit and not may_edit_risk(user, risk):
        raise PermissionDenied
    return risk


@login_required
@require_safe
def register_home(request):
    membership = current_membership(request)
    if membership is None:
        raise Http404
    return redirect("risks:register", membership.agency_id, timezone.localdate().year)


@login_required
@require_safe
def register(request, agency_id: int, year: int):
    agency = _agency_for(request.user, agency_id, year)
    filter_form = FilterForm(request.GET or None, agency=agency)
    context = register_context(agency=agency, year=year, filters=filter_form.filters())
    query = request.GET.urlencode()
    return render(
        request,
        "risks/register.html",
        {
            **context,
            "filter_form": filter_form,
            "query": f"?{query}" if query else "",
            "may_add": may_add_risks(request.user, agency),
            "years": (year - 1, year + 1),
        },
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def register_export(request, agency_id: int, year: int, fmt: str):
    agency = _agency_for(request.user, agency_id, year)
    context = register_context(
        agency=agency, year=year, filters=FilterForm(request.GET, agency=agency).filters()
    )
    # The symbol may hold "Đ" or quotes: an ASCII name keeps the header well formed.
    symbol = slugify(fold_for_search(agency.symbol)) or "co-quan"
    filename = f"rui-ro-co-hoi-{symbol}-{year}"
    if fmt == "xlsx":
        return _download(register_xlsx(context), XLSX_CONTENT_TYPE, f"{filename}.xlsx")
    return _download(register_pdf(context), "application/pdf", f"{filename}.pdf")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def risk_new(request, agency_id: int, year: int):
    agency = _agency_for(request.user, agency_id, year, may_add_risks)
    form = RiskForm(
        request.POST or None,
        instance=Risk(agency=agency, year=year),
        agency=agency,
        year=year,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        objectives = data.pop("objectives")
        try:
            risk = services.risk_create(
                agency=agency, year=year, actor=request.user, data=data, objectives=objectives
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã thêm vào bảng rủi ro và cơ hội."))
            return redirect(risk)
    return render(
        request,
        "risks/risk_form.html",
        {"form": form, "agency": agency, "year": year, "bands": band_table()},
    )


@login_required
@require_safe
def risk_detail(request, pk: int):
    risk = _risk_for(request.user, pk)
    history = risk.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request,
        "risks/risk_detail.html",
        {
            "risk": risk,
            "history": history,
            "may_edit": may_edit_risk(request.user, risk),
            "close_form": CloseForm(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def risk_edit(request, pk: int):
    risk = _risk_for(request.user, pk, edit=True)
    form = RiskForm(
        request.POST or None,
        instance=Risk.objects.get(pk=pk),  # a copy: a refused save must not touch `risk`
        agency=risk.agency,
        year=risk.year,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        objectives = data.pop("objectives")
        try:
            services.risk_update(risk=risk, actor=request.user, data=data, objectives=objectives)
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(risk)
    return render(
        request,
        "risks/risk_form.html",
        {
            "form": form,
            "risk": risk,
            "agency": risk.agency,
            "year": risk.year,
            "bands": band_table(),
        },
    )


@login_required
@require_POST
def risk_close(request, pk: int):
    risk = _risk_for(request.user, pk, edit=True)
    form = CloseForm(request.POST)
    outcome = form.cleaned_data["outcome"] if form.is_valid() else ""
    _run(request, services.risk_close, risk=risk, actor=request.user, outcome=outcome)
    return redirect(risk)


@login_required
@require_POST
def risk_reopen(request, pk: int):
    risk = _risk_for(request.user, pk, edit=True)
    _run(request, services.risk_reopen, risk=risk, actor=request.user)
    return redirect(risk)


def _run(request, service, **kwargs) -> None:
    try:
        service(**kwargs)
    except WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã cập nhật trạng thái."))
