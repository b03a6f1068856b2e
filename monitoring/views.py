"""Monitoring pages: dashboard, what is due, a unit's report for a period, the monitoring plan of
a set, evidence files. Thin: fetch for this user (404 for other agencies), call a service."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agencies.membership import current_membership
from agencies.models import Department
from agencies.permissions import membership_in
from monitoring import services
from monitoring.dashboard import Filters, ObjectiveState, state_rule
from monitoring.dashboard_cache import cached_dashboard
from monitoring.forms import (
    CorrectionForm,
    DashboardFilterForm,
    EntryDateForm,
    ObjectivePlanForm,
    ResultForm,
    ResultOverrideForm,
)
from monitoring.models import Evidence, Result
from monitoring.periods import ReportingFrequency, ended_periods, period_from_key, periods_for
from monitoring.reminders import entry_url
from monitoring.rules import may_confirm_period, may_plan_monitoring, may_record_results
from monitoring.selectors import (
    DueState,
    Unit,
    due_reports,
    effective_plan,
    find_confirmation,
    objectives_of,
    unit_report,
    without_frequency,
)
from monitoring.summary import cached_summary_pdf
from monitoring.target_panels import attach_panels
from objectives.views.common import get_set_for
from qms_objectives.errors import WorkflowError


def _agency_for(user, agency_id: int):
    """The agency if the user is a member; 404 otherwise (other agencies are never revealed)."""
    membership = membership_in(user, agency_id)
    if membership is None:
        raise Http404
    return membership.agency


def _department_of(agency, department_id):
    if department_id is None:
        return None
    return get_object_or_404(Department, pk=department_id, agency=agency)


@login_required
@require_safe
def index(request):
    membership = current_membership(request)
    if membership is None:
        raise Http404
    year = timezone.localdate().year
    return redirect("monitoring:dashboard", membership.agency_id, year)


@login_required
@require_safe
def summary_view(request, agency_id: int, year: int):
    """The year's summary as a PDF for meetings (monitoring/summary.py), for every member."""
    agency = _agency_for(request.user, agency_id)
    content = cached_summary_pdf(agency=agency, year=year, today=timezone.localdate())
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"tom-tat-muc-tieu-{year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def report_link(plan, year: int, today: date) -> str:
    """Where to record an objective's results: the last ended period (or the first of the
    year); for continuous updating, today's entry (kept within the year)."""
    if plan.frequency == ReportingFrequency.CONTINUOUS:
        day = min(max(today, date(year, 1, 1)), date(year, 12, 31))
        return entry_url(plan.agency_id, plan.department_id, day.isoformat())
    ended = ended_periods(plan.frequency, year, today)
    period = ended[-1] if ended else periods_for(plan.frequency, year)[0]
    return entry_url(plan.agency_id, plan.department_id, period.key)


@login_required
@require_safe
def dashboard_view(request, agency_id: int, year: int, department_id: int | None = None):
    agency = _agency_for(request.user, agency_id)
    department = _department_of(agency, department_id)
    form = DashboardFilterForm(request.GET or None, agency=agency)
    filters = Filters(department=department)
    if form.is_valid():
        filters.department = department or form.cleaned_data["department"]
        filters.section_id = form.cleaned_data["section"]
        filters.state = form.cleaned_data["state"]
    today = timezone.localdate()

    def render_body(data, rights) -> str:
        may_record, plannable = rights
        for row, can_record in zip(data["rows"], may_record, strict=True):
            row.can_record = can_record
            row.report_url = report_link(row.plan, year, today) if can_record else ""
        context = {
            "agency": agency,
            "year": year,
            "department": department,
            "filters": filters,
            "form": form,
            "departments": list(form.fields["department"].queryset),
            "plannable": plannable,
            "without_frequency": without_frequency((r.objective, r.plan) for r in data["rows"]),
            "state_summary": [
                (value, ObjectiveState(value).label, count)
                for value, count in data["counts"].items()
                if count or value != ObjectiveState.ASSESSED
            ],
            **data,
        }
        return render_to_string("monitoring/_dashboard_body.html", context)

    body = cached_dashboard(
        user=request.user,
        agency=agency,
        year=year,
        filters=filters,
        today=today,
        render=render_body,
    )
    context = {"agency": agency, "year": year, "body": body}
    return render(request, "monitoring/dashboard.html", context)


@login_required
@require_safe
def due_view(request, agency_id: int, year: int):
    agency = _agency_for(request.user, agency_id)
    today = timezone.localdate()
    items = due_reports(agency=agency, year=year, today=today)
    for item in items:
        item.current_state = item.state(today)
        item.url = entry_url(agency.pk, item.unit.department_id, item.period.key)
    context = {
        "agency": agency,
        "year": year,
        "items": items,
        "today": today,
        "DueState": DueState,
        "open_items": [i for i in items if i.current_state in (DueState.DUE, DueState.OVERDUE)],
    }
    return render(request, "monitoring/due.html", context)


def _entry_context(request, agency_id, department_id, period_key):
    agency = _agency_for(request.user, agency_id)
    department = _department_of(agency, department_id)
    try:
        period = period_from_key(period_key)
    except ValueError:
        raise Http404
    unit = Unit(agency.pk, department.pk if department else None, department)
    rows = unit_report(agency=agency, department_id=unit.department_id, period=period)
    for row in rows:
        row.can_record = may_record_results(request.user, row.plan)
    # What higher apps say about each target (computed from the dossiers, or an offer to bind).
    targets = [target for row in rows for target, _r in row.targets]
    attach_panels(request.user, agency, targets, period.key)
    return {
        "agency": agency,
        "unit": unit,
        "period": period,
        "rows": rows,
        "confirmation": find_confirmation(
            agency_id=agency.pk, department_id=unit.department_id, period=period
        ),
        "can_confirm": may_confirm_period(request.user, unit),
        "today": timezone.localdate(),
    }


def _bind_forms(request, rows):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    for row in rows:
        row.forms = [
            (
                target,
                result,
                ResultForm(data, files, target=target, result=result, prefix=f"t{target.pk}")
                if row.can_record
                else None,
            )
            for target, result in row.targets
        ]


def _save(request, rows, *, period_key: str, reason: str) -> int:
    """Record every changed result (all or nothing); returns how many were saved."""
    saved = 0
    with transaction.atomic():
        for row in rows:
            for target, result, form in row.forms:
                if form is None or not form.has_changed():
                    continue
                data = form.cleaned_data
                if form.has_values():
                    result = services.result_record(
                        target=target,
                        period_key=period_key,
                        actor=request.user,
                        value=data.get("value"),
                        numerator=data.get("numerator"),
                        denominator=data.get("denominator"),
                        note=data.get("note", ""),
                        assessment=data.get("assessment", ""),
                        reason=reason,
                    )
                if data.get("evidence"):
                    services.evidence_attach(
                        result=result, actor=request.user, uploaded_file=data["evidence"]
                    )
                saved += 1
    return saved


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_view(request, agency_id: int, period_key: str, department_id: int | None = None):
    if request.GET.get("day"):
        date_form = EntryDateForm({"day": request.GET["day"]})
        if date_form.is_valid():
            day = date_form.cleaned_data["day"].isoformat()
            return redirect(entry_url(agency_id, department_id, day))
    context = _entry_context(request, agency_id, department_id, period_key)
    rows = context["rows"]
    if request.method == "POST" and not any(row.can_record for row in rows):
        raise PermissionDenied
    _bind_forms(request, rows)
    correction = CorrectionForm(request.POST or None)
    if request.method == "POST" and correction.is_valid():
        forms_ok = all(f.is_valid() for row in rows for _t, _r, f in row.forms if f is not None)
        if forms_ok:
            try:
                reason = correction.cleaned_data["reason"]
                saved = _save(request, rows, period_key=context["period"].key, reason=reason)
            except WorkflowError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã lưu %(count)s kết quả.") % {"count": saved})
                return redirect(request.path)
    context.update(
        correction_form=correction,
        date_form=EntryDateForm(initial={"day": context["period"].start}),
        can_record=any(row.can_record for row in rows),
        is_continuous=context["period"].frequency == ReportingFrequency.CONTINUOUS,
    )
    # A POST that reaches here saved nothing (a refused value or file): a bad request.
    status = 400 if request.method == "POST" else 200
    return render(request, "monitoring/entry.html", context, status=status)


@login_required
@require_POST
def confirm_view(request, agency_id: int, period_key: str, department_id: int | None = None):
    agency = _agency_for(request.user, agency_id)
    department = _department_of(agency, department_id)
    try:
        services.period_confirm(
            agency=agency, department=department, period_key=period_key, actor=request.user
        )
    except WorkflowError as error:
        if error.code == "forbidden":
            raise PermissionDenied
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã xác nhận báo cáo kỳ; các kết quả của kỳ đã được khóa."))
    return redirect(entry_url(agency.pk, department_id, period_key))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_view(request, set_id: int):
    objective_set = get_set_for(request.user, set_id, may_plan_monitoring)
    objectives = objectives_of([objective_set])
    forms = [
        (
            objective,
            ObjectivePlanForm(
                request.POST or None,
                instance=effective_plan(objective),
                objective=objective,
                prefix=f"o{objective.pk}",
            ),
        )
        for objective in objectives
    ]
    if request.method == "POST" and all(form.is_valid() for _o, form in forms):
        try:
            with transaction.atomic():
                for objective, form in forms:
                    if form.has_changed() or form.instance.pk is None:
                        services.objective_plan_save(
                            objective=objective, actor=request.user, **form.cleaned_data
                        )
        except WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã lưu cách theo dõi các mục tiêu."))
            return redirect("monitoring:plan", set_id)
    dashboard_url = reverse(
        "monitoring:dashboard", args=[objective_set.agency_id, objective_set.year]
    )
    context = {
        "set": objective_set,
        "forms": forms,
        "dashboard_url": dashboard_url,
        "state_rules": [state_rule(closed=False), state_rule(closed=True)],
    }
    return render(request, "monitoring/plan.html", context)


@login_required
@require_safe
def evidence_download(request, pk: int):
    evidence = (
        Evidence.objects.select_related("result__target__objective__objective_set")
        .filter(pk=pk)
        .first()
    )
    if evidence is None:
        raise Http404
    _agency_for(request.user, evidence.result.target.objective.objective_set.agency_id)
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _computed_result_for(user, pk: int) -> Result:
    """A result of the user's agency (404 otherwise) that the user may record."""
    result = (
        Result.objects.select_related("target__objective__objective_set__agency")
        .filter(pk=pk)
        .first()
    )
    if result is None:
        raise Http404
    _agency_for(user, result.target.objective.objective_set.agency_id)
    if not may_record_results(user, effective_plan(result.target.objective)):
        raise PermissionDenied
    return result


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def override_view(request, pk: int):
    """Replace a computed result by hand, with the reason (kept on the result and in history)."""
    result = _computed_result_for(request.user, pk)
    plan = effective_plan(result.target.objective)
    back = entry_url(plan.agency_id, plan.department_id, result.period_key)
    form = ResultOverrideForm(request.POST or None, result=result)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.result_override(
                result=result,
                actor=request.user,
                reason=data["reason"],
                value=data.get("value"),
                numerator=data.get("numerator"),
                denominator=data.get("denominator"),
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã ghi đè kết quả tính tự động; lý do đã được lưu."))
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    context = {"result": result, "target": result.target, "form": form, "back": back}
    return render(request, "monitoring/override.html", context, status=status)
