"""Year-end evaluation report pages: the reports of a year, start one for a published set, edit
comments and the management review (Draft/Returned), preview PDF, XLSX, the workflow buttons
(the generic services of documents.workflow), the issue page, the published report.

Thin: fetch the report for this user (404 when they may not see it, 403 when they see it but
may not act), call a service, say what happened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencies.permissions import membership_in
from documents import workflow
from documents.actions import document_act
from documents.models import DocumentEvent, Status
from documents.rulebook import available_actions
from documents.rules import may_approve, may_draft, may_issue, may_publish, may_view
from evaluation import services
from evaluation.forms import ReportForm, ReturnForm
from evaluation.models import EvaluationReport
from evaluation.pdf import render_report
from evaluation.selectors import report_evaluation
from evaluation.xlsx import report_xlsx
from monitoring.selectors import published_sets
from objectives.forms import IssueForm
from objectives.models import ObjectiveSet
from qms_objectives.errors import WorkflowError
from qms_objectives.responses import refused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get_report_for(user, pk: int, predicate=may_view) -> EvaluationReport:
    """The report if `predicate(user, report)` allows it: 404 for a report the user may not
    even see (other agencies, other departments, unpublished for staff), 403 otherwise."""
    report = (
        EvaluationReport.objects.select_related("agency", "department", "objective_set")
        .filter(pk=pk)
        .first()
    )
    if report is None or not may_view(user, report):
        raise Http404
    if not predicate(user, report):
        raise PermissionDenied
    return report


@login_required
@require_GET
def evaluation_list(request, agency_id: int, year: int):
    """The year's published sets with their reports (those this user may see)."""
    membership = membership_in(request.user, agency_id)
    if membership is None:
        raise Http404
    reports = EvaluationReport.objects.filter(agency_id=agency_id, year=year).select_related(
        "department"
    )
    visible = [r for r in reports.order_by("-revision", "-pk") if may_view(request.user, r)]
    rows = []
    for objective_set in published_sets(membership.agency, year):
        own = [r for r in visible if r.objective_set_id == objective_set.pk]
        others = [r for r in visible if r.department_id == objective_set.department_id]
        open_report = any(r.is_open for r in others)
        rows.append(
            {
                "set": objective_set,
                "reports": own,
                "can_start": not open_report and may_draft(request.user, objective_set),
            }
        )
    context = {"agency": membership.agency, "year": year, "rows": rows}
    return render(request, "evaluation/list.html", context)


@login_required
@require_POST
def evaluation_start(request, set_id: int):
    objective_set = get_object_or_404(ObjectiveSet.objects.select_related("agency"), pk=set_id)
    if membership_in(request.user, objective_set.agency_id) is None:
        raise Http404
    back = reverse("evaluation:list", args=[objective_set.agency_id, objective_set.year])
    try:
        report = services.report_start(objective_set=objective_set, actor=request.user)
    except WorkflowError as error:
        if error.code == "forbidden":
            raise PermissionDenied
        return refused(request, error, back)
    messages.success(
        request,
        _("Đã lập dự thảo “%(report)s”; hãy ghi nhận xét rồi gửi duyệt.") % {"report": report},
    )
    return redirect(report)


def _detail_context(request, report, form=None, return_form=None) -> dict:
    user = request.user
    evaluation = report_evaluation(report, today=timezone.localdate())
    actions = available_actions(user, report)
    if form is None and "edit" in actions:
        comments = {o.objective_id: o.comment for o in evaluation.objectives}
        form = ReportForm(report=report, objectives=evaluation.objectives, comments=comments)
    events = DocumentEvent.objects.filter(
        content_type__app_label="monitoring",
        content_type__model="evaluationreport",
        object_id=report.pk,
    ).select_related("actor")
    return {
        "report": report,
        "evaluation": evaluation,
        "form": form,
        "return_form": return_form or ReturnForm(),
        "events": events,
        "actions": actions,
        "list_url": reverse("evaluation:list", args=[report.agency_id, report.year]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_detail(request, pk: int):
    """The report; its drafters edit it here while it is a Draft or Returned (POST)."""
    if request.method == "GET":
        report = get_report_for(request.user, pk)
        return render(request, "evaluation/detail.html", _detail_context(request, report))
    report = get_report_for(request.user, pk, may_draft)
    evaluation = report_evaluation(report, today=timezone.localdate())
    form = ReportForm(request.POST, report=report, objectives=evaluation.objectives)
    if form.is_valid():
        try:
            services.report_update(
                report=report,
                actor=request.user,
                version=form.cleaned_data["version"],
                fields=form.text_fields(),
                comments=form.comments(),
            )
        except WorkflowError as error:
            if error.code == "forbidden":
                raise PermissionDenied
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect(report)
    context = _detail_context(request, report, form=form)
    return render(request, "evaluation/detail.html", context, status=400)


@login_required
@require_GET
def evaluation_preview(request, pk: int):
    """The PDF as it would print now, watermarked; an issued report opens its issued file."""
    report = get_report_for(request.user, pk)
    if report.is_frozen and report.issued_file:
        return redirect("private_file", name=report.issued_file.name)
    response = HttpResponse(render_report(report, final=False), content_type="application/pdf")
    filename = f"du-thao-bao-cao-danh-gia-{report.year}-{report.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def evaluation_xlsx(request, pk: int):
    report = get_report_for(request.user, pk)
    response = HttpResponse(report_xlsx(report), content_type=XLSX)
    filename = f"bao-cao-danh-gia-{report.year}-{report.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def evaluation_submit(request, pk: int):
    return document_act(
        request,
        get_report_for(request.user, pk, may_draft),
        lambda document, actor: services.report_submit(report=document, actor=actor),
        lambda r: _("Đã gửi duyệt “%(report)s”; số liệu đã được chốt.") % {"report": r},
    )


@login_required
@require_POST
def evaluation_withdraw(request, pk: int):
    return document_act(
        request,
        get_report_for(request.user, pk, may_draft),
        workflow.document_withdraw,
        lambda r: _("Đã hủy dự thảo “%(report)s”.") % {"report": r},
    )


@login_required
@require_POST
def evaluation_approve(request, pk: int):
    return document_act(
        request,
        get_report_for(request.user, pk, may_approve),
        workflow.document_approve,
        lambda r: _("Đã duyệt “%(report)s”; văn thư sẽ cho số và ban hành.") % {"report": r},
    )


@login_required
@require_POST
def evaluation_publish(request, pk: int):
    return document_act(
        request,
        get_report_for(request.user, pk, may_publish),
        workflow.document_publish,
        lambda r: _("Đã công bố “%(report)s”.") % {"report": r},
    )


@login_required
@require_POST
def evaluation_return(request, pk: int):
    report = get_report_for(request.user, pk, may_approve)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chưa trả lại: hãy ghi ý kiến để người soạn biết cần sửa gì."))
        context = _detail_context(request, report, return_form=form)
        return render(request, "evaluation/detail.html", context, status=400)
    return document_act(
        request,
        report,
        workflow.document_return,
        lambda r: _("Đã trả lại “%(report)s” kèm ý kiến.") % {"report": r},
        comment=form.cleaned_data["comment"],
    )


def _issue_initial(report) -> dict:
    today = timezone.localdate()
    symbol = report.symbol or f"BC-{report.agency.symbol}"
    number = workflow.next_free_number(agency=report.agency, symbol=symbol, year=today.year)
    return {"number": number, "symbol": symbol, "issued_on": today}


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_issue(request, pk: int):
    """The records officer gives the number and date; the generic document_issue renders the
    final PDF (with its verification code), signs it when configured and stores it."""
    report = get_report_for(request.user, pk, may_issue)
    if report.status != Status.APPROVED:
        error = WorkflowError(_("Chỉ ban hành được báo cáo đã duyệt."), code="state")
        return refused(request, error, report.get_absolute_url())
    form, status = IssueForm(initial=_issue_initial(report)), 200
    if request.method == "POST":
        form, status = IssueForm(request.POST), 400
        if form.is_valid():
            try:
                report = workflow.document_issue(
                    document=report, actor=request.user, **form.cleaned_data
                )
            except WorkflowError as error:
                error.form_add(form)
            else:
                done = (
                    _("Đã ban hành báo cáo số %(number)s.") % {"number": report.number_and_symbol}
                    if report.number is not None
                    else _("Đã ban hành “%(report)s” (báo cáo không mang số).") % {"report": report}
                )
                messages.success(request, done)
                return redirect(report)
    context = {"report": report, "form": form}
    return render(request, "evaluation/issue.html", context, status=status)
