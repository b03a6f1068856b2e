"""Pages of the oversight body: the table of its agencies for a year (filters, sort, XLSX),
the read-only page of one agency (its published documents, results, records) and the
deadlines. Only the body's members know these pages (404 for anyone else); only its
administrators set deadlines (403 for its inspectors). An agency outside the body's scope
that year is 404: the body never sees it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agencies.models import Agency, OversightBody
from agencies.oversight import is_oversight_administrator, is_oversight_member
from objectives.reading_exports import attachment_header
from oversight import services
from oversight.drilldown import agency_page
from oversight.exports import table_xlsx
from oversight.forms import DeadlineForm, TableFilterForm
from oversight.models import MAX_YEAR, MIN_YEAR, Deadline, ObjectivesStatus
from oversight.selectors import bodies_of, scope_ids, table
from oversight.table_cache import cached_table
from qms_objectives.errors import WorkflowError

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _body_for(user, body_id: int, year: int) -> OversightBody:
    body = OversightBody.objects.filter(pk=body_id, is_active=True).select_related("agency")
    body = body.first()
    if body is None or not MIN_YEAR <= year <= MAX_YEAR or not is_oversight_member(user, body):
        raise Http404
    return body


@login_required
@require_safe
def home(request):
    bodies = bodies_of(request.user)
    if not bodies:
        raise Http404
    return redirect("oversight:table", bodies[0].pk, timezone.localdate().year)


def _table_data(request, body, year):
    form = TableFilterForm(request.GET or None)
    filters = form.filters()
    return form, filters, table(body=body, year=year, filters=filters, today=timezone.localdate())


@login_required
@require_safe
def agency_table(request, body_id: int, year: int):
    body = _body_for(request.user, body_id, year)
    form = TableFilterForm(request.GET or None)
    filters = form.filters()
    data = cached_table(body=body, year=year, filters=filters, today=timezone.localdate())
    query = request.GET.copy()
    query.pop("sort", None)
    query.pop("desc", None)
    return render(
        request,
        "oversight/table.html",
        {
            "body": body,
            "year": year,
            "form": form,
            "filters": filters,
            "statuses": ObjectivesStatus.choices,
            "base_query": query.urlencode(),
            "full_query": request.GET.urlencode(),
            "may_administer": is_oversight_administrator(request.user, body),
            **data,
        },
    )


@login_required
@require_safe
def agency_table_xlsx(request, body_id: int, year: int):
    body = _body_for(request.user, body_id, year)
    _form, _filters, data = _table_data(request, body, year)
    title = _("Tình hình áp dụng ISO 9001 năm %(year)s — %(body)s") % {
        "year": year,
        "body": body.name,
    }
    response = HttpResponse(table_xlsx(data, title=title), content_type=XLSX_TYPE)
    response["Content-Disposition"] = attachment_header(f"tong-hop-iso-{year}.xlsx")
    return response


@login_required
@require_safe
def agency_detail(request, body_id: int, year: int, agency_id: int):
    body = _body_for(request.user, body_id, year)
    if agency_id not in scope_ids(body, year):
        raise Http404
    agency = get_object_or_404(Agency, pk=agency_id)
    context = agency_page(request.user, agency=agency, year=year)
    return render(
        request, "oversight/agency.html", {"body": body, "year": year, "agency": agency, **context}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def deadlines(request, body_id: int, year: int):
    body = _body_for(request.user, body_id, year)
    may_administer = is_oversight_administrator(request.user, body)
    if request.method == "POST" and not may_administer:
        raise PermissionDenied
    form = DeadlineForm(request.POST or None, year=year) if may_administer else None
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_set(body=body, year=year, actor=request.user, data=form.cleaned_data)
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã lưu hạn."))
            return redirect("oversight:deadlines", body.pk, year)
    return render(
        request,
        "oversight/deadlines.html",
        {
            "body": body,
            "year": year,
            "form": form,
            "deadlines": Deadline.objects.filter(body=body, year=year).order_by("kind"),
            "may_administer": may_administer,
        },
    )


@login_required
@require_POST
def deadline_remove(request, pk: int):
    deadline = get_object_or_404(Deadline.objects.select_related("body"), pk=pk)
    if not is_oversight_member(request.user, deadline.body):
        raise Http404
    try:
        services.deadline_remove(deadline=deadline, actor=request.user)
    except WorkflowError as error:
        raise PermissionDenied(error.message) from None
    messages.success(request, _("Đã xóa hạn."))
    return redirect("oversight:deadlines", deadline.body_id, deadline.year)
