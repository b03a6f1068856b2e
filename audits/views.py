"""Pages of internal audits and management reviews. An agency's records are unknown (404) to
anyone but its ISO officers, head and deputies and the oversight bodies with it in scope that
year; those who read but may not keep them get 403 on the forms. Writes go through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from agencies.membership import current_membership
from agencies.models import Agency
from audits import services
from audits.forms import FORMS
from audits.models import KINDS, InternalAudit, ManagementReview
from audits.rules import may_edit_record, may_keep_records, may_read_records, may_view_record
from audits.selectors import records_of
from qms_objectives.errors import WorkflowError

MIN_YEAR, MAX_YEAR = 2000, 2100


def _model(kind: str):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _agency_for(user, agency_id: int, year: int) -> Agency:
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    if not may_read_records(user, agency, year):
        raise Http404
    return agency


def _record_for(user, kind: str, pk: int, predicate=None):
    """404 unless the user may see the record; 403 if they may see it but not `predicate`."""
    record = get_object_or_404(_model(kind).objects.select_related("agency"), pk=pk)
    if not may_view_record(user, record):
        raise Http404
    if predicate is not None and not predicate(user, record):
        raise PermissionDenied
    return record


@login_required
@require_safe
def home(request):
    membership = current_membership(request)
    if membership is None:
        raise Http404
    return redirect("audits:list", membership.agency_id, timezone.localdate().year)


@login_required
@require_safe
def record_list(request, agency_id: int, year: int):
    agency = _agency_for(request.user, agency_id, year)
    return render(
        request,
        "audits/list.html",
        {
            "agency": agency,
            "year": year,
            "audits": records_of(InternalAudit, agency, year),
            "reviews": records_of(ManagementReview, agency, year),
            "may_add": may_keep_records(request.user, agency),
            "kinds": KINDS,
        },
    )


def _form_page(request, *, form, agency, year, model, record=None):
    return render(
        request,
        "audits/form.html",
        {
            "form": form,
            "agency": agency,
            "year": year,
            "record": record,
            "kind_label": model._meta.verbose_name,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def record_new(request, agency_id: int, year: int, kind: str):
    model = _model(kind)
    agency = _agency_for(request.user, agency_id, year)
    if not may_keep_records(request.user, agency):
        raise PermissionDenied
    form = FORMS[model](
        request.POST or None, request.FILES or None, instance=model(agency=agency), year=year
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_create(
                model=model,
                agency=agency,
                actor=request.user,
                data=form.cleaned_data,
                upload=form.cleaned_data.get("report_file"),
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã ghi nhận: %(record)s.") % {"record": record})
            return redirect("audits:list", agency.pk, record.year)
    return _form_page(request, form=form, agency=agency, year=year, model=model)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def record_edit(request, kind: str, pk: int):
    record = _record_for(request.user, kind, pk, may_edit_record)
    model = type(record)
    form = FORMS[model](request.POST or None, request.FILES or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_update(
                record=record,
                actor=request.user,
                data=form.cleaned_data,
                upload=form.cleaned_data.get("report_file"),
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã lưu: %(record)s.") % {"record": record})
            return redirect(record)
    return _form_page(
        request, form=form, agency=record.agency, year=record.year, model=model, record=record
    )


@login_required
@require_safe
def record_detail(request, kind: str, pk: int):
    record = _record_for(request.user, kind, pk)
    history = record.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request,
        "audits/detail.html",
        {
            "record": record,
            "history": history,
            "may_edit": may_edit_record(request.user, record),
            "kind_label": type(record)._meta.verbose_name,
        },
    )
