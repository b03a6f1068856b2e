"""The oversight body's reports (November, December) and decisions per inspection: one shared
view per workflow step for these document kinds (`kind` in the address names the model; the
plan's views call the same steps), the document's page, its PDF (the draft rendered on request,
the issued file byte for byte once issued) and, for a report, the XLSX of its frozen figures.

Thin: fetch for this user (404 outside reach, 403 without the right), call a service through
documents.actions.document_act, say what happened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agencies.models import OversightBody
from documents import workflow
from documents.actions import document_act
from documents.excel_styles import XLSX_CONTENT_TYPE
from documents.models import MAX_YEAR, MIN_YEAR, DocumentEvent, Status
from documents.render import render_document
from documents.rulebook import available_actions
from documents.rules import may_approve, may_draft, may_issue, may_view
from inspections import body_documents
from inspections.decision import articles
from inspections.models import DecemberReport, Inspection, InspectionDecision, NovemberReport
from inspections.report_documents import report_document_xlsx, report_from
from inspections.reports import KINDS as REPORT_KINDS
from inspections.reports import named_figures
from objectives.forms import IssueForm, ReturnForm
from qms_objectives.errors import WorkflowError
from qms_objectives.responses import refused

MODELS = {"november": NovemberReport, "december": DecemberReport, "decision": InspectionDecision}


def document_for(user, kind: str, pk: int, predicate=may_view):
    model = MODELS.get(kind)
    if model is None:
        raise Http404
    document = model.objects.select_related("agency").filter(pk=pk).first()
    if document is None or not may_view(user, document):
        raise Http404
    if not predicate(user, document):
        raise PermissionDenied
    return document


def _title(document) -> str:
    return document.display_title[:1].lower() + document.display_title[1:]


def _context(request, document, return_form=None) -> dict:
    context = {
        "document": document,
        "kind": document.KIND,
        "actions": available_actions(request.user, document),
        "return_form": return_form or ReturnForm(),
        "events": DocumentEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(document), object_id=document.pk
        ).select_related("actor"),
    }
    if isinstance(document, InspectionDecision):
        context["articles"] = articles(document)
    else:
        context["figures"] = named_figures(report_from(document))
    return context


@login_required
@require_safe
def body_document(request, kind: str, pk: int):
    document = document_for(request.user, kind, pk)
    return render(request, "inspections/body_document.html", _context(request, document))


@login_required
@require_safe
def body_document_pdf(request, kind: str, pk: int):
    document = document_for(request.user, kind, pk)
    if document.is_frozen and document.issued_file:
        return redirect("private_file", name=document.issued_file.name)
    response = HttpResponse(render_document(document, final=False), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="du-thao-{kind}-{document.year}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def body_document_xlsx(request, kind: str, pk: int):
    document = document_for(request.user, kind, pk)
    if isinstance(document, InspectionDecision):
        raise Http404
    response = HttpResponse(report_document_xlsx(document), content_type=XLSX_CONTENT_TYPE)
    number = document.number_and_symbol.replace("/", "-") or "du-thao"
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-{kind}-{document.year}-{number}.xlsx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


# One function per workflow step, shared by every document kind of the body (the plan's views
# call them too): the kind's view fetches the document for the user with the step's rule first.


def step_submit(request, document, service=workflow.document_submit):
    return document_act(
        request,
        document,
        service,
        lambda d: _("Đã gửi duyệt %(title)s.") % {"title": _title(d)},
    )


def step_withdraw(request, document):
    return document_act(
        request,
        document,
        workflow.document_withdraw,
        lambda d: _("Đã hủy dự thảo %(title)s.") % {"title": _title(d)},
    )


def step_approve(request, document):
    return document_act(
        request,
        document,
        workflow.document_approve,
        lambda d: _("Đã duyệt %(title)s; văn thư sẽ cho số và ban hành.") % {"title": _title(d)},
    )


def step_return(request, document, page):
    """`page(return_form)`: the document's page with the form's error (400)."""
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chưa trả lại: hãy ghi ý kiến để người soạn biết cần sửa gì."))
        return page(form)
    return document_act(
        request,
        document,
        workflow.document_return,
        lambda d: _("Đã trả lại %(title)s kèm ý kiến.") % {"title": _title(d)},
        comment=form.cleaned_data["comment"],
    )


def step_issue(request, document, issue=workflow.document_issue):
    """The number, symbol and date the records officer gives (the next free number offered),
    then `issue` (the generic document_issue, or a kind's own that does more)."""
    if document.status != Status.APPROVED:
        error = WorkflowError(_("Chỉ ban hành được văn bản đã duyệt."), code="state")
        return refused(request, error, document.get_absolute_url())
    today = timezone.localdate()
    symbol = document.symbol
    number = workflow.next_free_number(agency=document.agency, symbol=symbol, year=today.year)
    form, status = IssueForm(initial={"number": number, "symbol": symbol, "issued_on": today}), 200
    if request.method == "POST":
        form, status = IssueForm(request.POST), 400
        if form.is_valid():
            try:
                document = issue(document=document, actor=request.user, **form.cleaned_data)
            except WorkflowError as error:
                error.form_add(form)
            else:
                messages.success(
                    request,
                    _("Đã ban hành %(title)s số %(number)s.")
                    % {"title": _title(document), "number": document.number_and_symbol or "—"},
                )
                return redirect(document)
    context = {"document": document, "form": form}
    return render(request, "inspections/body_document_issue.html", context, status=status)


@login_required
@require_POST
def body_document_refresh(request, kind: str, pk: int):
    return document_act(
        request,
        document_for(request.user, kind, pk, may_draft),
        body_documents.document_refresh,
        lambda d: _("Đã cập nhật lại nội dung %(title)s.") % {"title": _title(d)},
    )


@login_required
@require_POST
def body_document_submit(request, kind: str, pk: int):
    return step_submit(request, document_for(request.user, kind, pk, may_draft))


@login_required
@require_POST
def body_document_withdraw(request, kind: str, pk: int):
    return step_withdraw(request, document_for(request.user, kind, pk, may_draft))


@login_required
@require_POST
def body_document_approve(request, kind: str, pk: int):
    return step_approve(request, document_for(request.user, kind, pk, may_approve))


@login_required
@require_POST
def body_document_return(request, kind: str, pk: int):
    document = document_for(request.user, kind, pk, may_approve)

    def page(form):
        context = _context(request, document, return_form=form)
        return render(request, "inspections/body_document.html", context, status=400)

    return step_return(request, document, page)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_document_issue(request, kind: str, pk: int):
    return step_issue(request, document_for(request.user, kind, pk, may_issue))


@login_required
@require_POST
def report_start(request, body_id: int, year: int, kind: str):
    body = get_object_or_404(OversightBody.objects.select_related("agency"), pk=body_id)
    if kind not in REPORT_KINDS or not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    probe = MODELS[kind](body=body, agency_id=body.agency_id, year=year)
    if not may_view(request.user, probe):
        raise Http404
    try:
        report = body_documents.report_start(body=body, year=year, kind=kind, actor=request.user)
    except WorkflowError as error:
        return refused(request, error, reverse("inspections:reports", args=[body_id, year]))
    messages.success(request, _("Đã lập dự thảo báo cáo; số liệu được chốt đến hôm nay."))
    return redirect(report)


@login_required
@require_POST
def decision_start(request, pk: int):
    inspection = get_object_or_404(Inspection.objects.select_related("body__agency"), pk=pk)
    if not request.user.has_perm("inspections.view_inspection", inspection):
        raise Http404
    try:
        decision = body_documents.decision_start(inspection=inspection, actor=request.user)
    except WorkflowError as error:
        return refused(request, error, inspection.get_absolute_url())
    messages.success(request, _("Đã lập dự thảo quyết định kiểm tra."))
    return redirect(decision)
