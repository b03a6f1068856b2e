"""Pages of an inspection: the list (the body's, or the agency's own), starting one from its plan
entry, its page (where the minutes stand, both sides' signing, the corrective actions), the
checklist, the minutes' preview. An inspection outside the user's reach is 404; one seen but not
to be acted on by this user is 403. Writes go through services_inspection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agencies.models import OversightBody
from documents import signing
from documents.excel_styles import XLSX_CONTENT_TYPE
from documents.models import MAX_YEAR, MIN_YEAR, DocumentEvent, Status
from documents.render import render_document
from inspections import services_inspection as services
from inspections.checklist import ITEMS
from inspections.forms_inspection import (
    ChecklistForm,
    InspectionStartForm,
    MinutesNumberForm,
    MinutesPaperForm,
    MinutesSignedUploadForm,
)
from inspections.models import Inspection, PlanEntry
from inspections.reports import (
    DECEMBER,
    KINDS,
    NOVEMBER,
    named_figures,
    report_of,
    report_pdf,
    report_xlsx,
)
from inspections.rules_inspection import (
    is_agency_signer,
    is_on_team,
    is_team_leader,
    may_read_reports,
    may_start_inspections,
)
from inspections.selectors_inspection import (
    bodies_reporting,
    corrective_actions_of,
    decision_of,
    entries_to_start,
    minutes_status,
    published_objectives,
    report_documents,
    stage_of,
    visible_inspections,
)
from qms_objectives.errors import WorkflowError

STAGES = {
    "checking": gettext_lazy("Đang kiểm tra"),
    "to_sign": gettext_lazy("Biên bản đã chốt, chờ ký"),
    "agency_to_sign": gettext_lazy("Đơn vị kiểm tra đã ký, chờ cơ quan ký"),
    "correcting": gettext_lazy("Đã ký biên bản, đang khắc phục"),
    "closed": gettext_lazy("Đã ký biên bản, đã khắc phục xong"),
}


def _inspection_for(user, pk: int, predicate=None) -> Inspection:
    """404 unless the user may see the inspection; 403 if they see it but not `predicate`."""
    inspection = get_object_or_404(
        Inspection.objects.select_related(
            "agency", "body__agency", "team_leader", "minutes", "plan_entry__plan"
        ),
        pk=pk,
    )
    if not user.has_perm("inspections.view_inspection", inspection):
        raise Http404
    if predicate is not None and not predicate(user, inspection):
        raise PermissionDenied
    return inspection


@login_required
@require_safe
def inspection_list(request):
    rows = visible_inspections(request.user).order_by("-year", "inspected_on", "agency__name")
    year = request.GET.get("year", "")
    if year.isdigit():
        rows = rows.filter(year=int(year))
    listed = [(inspection, STAGES[stage_of(inspection)]) for inspection in rows[:500]]
    context = {
        "rows": listed,
        "year": year,
        "to_start": entries_to_start(request.user),
        "bodies": bodies_reporting(request.user),
        "this_year": timezone.localdate().year,
    }
    return render(request, "inspections/inspection_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def inspection_start(request, entry_id: int):
    entry = get_object_or_404(PlanEntry.objects.select_related("plan__body", "agency"), pk=entry_id)
    body = entry.plan.body
    if not may_start_inspections(request.user, body):
        raise Http404
    if hasattr(entry, "inspection"):
        return redirect(entry.inspection)
    initial = {
        "inspected_on": timezone.localdate(),
        "team_leader": request.user.pk,
        "agency_representatives": services.default_representatives(entry.agency),
        "venue": entry.agency.address if entry.mode == "on_site" else "",
    }
    form = InspectionStartForm(request.POST or None, body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_start(
                plan_entry=entry, actor=request.user, data=form.cleaned_data
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lập cuộc kiểm tra."))
            return redirect(inspection)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "entry": entry, "body": body}
    return render(request, "inspections/inspection_start.html", context, status=status)


@login_required
@require_safe
def inspection_detail(request, pk: int):
    inspection = _inspection_for(request.user, pk)
    minutes = inspection.minutes
    user = request.user
    today = timezone.localdate()
    context = {
        "inspection": inspection,
        "minutes": minutes,
        "stage": STAGES[stage_of(inspection)],
        "minutes_status": minutes_status(minutes),
        **decision_of(user, inspection),
        "findings": inspection.findings.order_by("id"),
        "actions": corrective_actions_of(inspection),
        "on_team": is_on_team(user, inspection),
        "leader": is_team_leader(user, inspection),
        "agency_signer": is_agency_signer(user, inspection),
        "unit_may_sign": signing.signing_configured(minutes.agency),
        "agency_may_sign": signing.signing_configured(inspection.agency),
        "number_form": MinutesNumberForm(initial={"issued_on": today}),
        "token_form": MinutesNumberForm(initial={"issued_on": today}, prefix=TOKEN_PREFIX),
        "paper_form": MinutesPaperForm(initial={"issued_on": today}),
        "upload_form": MinutesSignedUploadForm(),
        "events": minutes_events(minutes),
        "due": services.corrective_due(minutes.issued_on) if minutes.issued_on else None,
    }
    return render(request, "inspections/inspection_detail.html", context)


# The number form appears twice on the page (signing here, or with the unit's token).
TOKEN_PREFIX = "token"


def minutes_events(minutes):
    return DocumentEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(minutes), object_id=minutes.pk
    ).select_related("actor")


def _checklist_initial(inspection) -> dict:
    minutes = inspection.minutes
    initial = {"conclusion": minutes.conclusion, "agency_opinion": minutes.agency_opinion}
    for finding in inspection.findings.all():
        initial[f"result_{finding.item}"] = finding.result
        initial[f"text_{finding.item}"] = finding.text
    return initial


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checklist(request, pk: int):
    """The art. 36 checklist; the team writes it while the minutes are a draft, everyone who
    sees the inspection reads it."""
    inspection = _inspection_for(request.user, pk)
    editable = is_on_team(request.user, inspection) and inspection.minutes.is_editable
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = ChecklistForm(request.POST or None, initial=_checklist_initial(inspection))
    if request.method == "POST" and form.is_valid():
        try:
            services.findings_save(
                inspection=inspection, actor=request.user, findings=form.findings()
            )
            services.minutes_update(
                minutes=inspection.minutes,
                actor=request.user,
                fields={
                    "conclusion": form.cleaned_data["conclusion"],
                    "agency_opinion": form.cleaned_data["agency_opinion"],
                },
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu kết quả kiểm tra."))
            return redirect(inspection)
    objective_set, evaluation = published_objectives(inspection.agency, inspection.year)
    status = 400 if request.method == "POST" else 200
    context = {
        "inspection": inspection,
        "form": form,
        "editable": editable,
        "objective_set": objective_set,
        "evaluation": evaluation,
        "items": ITEMS,
    }
    return render(request, "inspections/checklist.html", context, status=status)


@login_required
@require_safe
def minutes_preview(request, pk: int):
    """The minutes as they will print (a draft carries the watermark)."""
    inspection = _inspection_for(request.user, pk)
    minutes = inspection.minutes
    final = minutes.status not in (Status.DRAFT,)
    pdf = render_document(minutes, final=final and minutes.verification_code is not None)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-ban-kiem-tra-{inspection.pk}.pdf"'
    return response


def _act(request, service, success: str, **kwargs) -> bool:
    try:
        service(**kwargs)
    except WorkflowError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def minutes_approve(request, pk: int):
    inspection = _inspection_for(request.user, pk, is_team_leader)
    _act(
        request,
        services.minutes_approve,
        _("Đã chốt biên bản; hai bên ký."),
        minutes=inspection.minutes,
        actor=request.user,
    )
    return redirect(inspection)


@login_required
@require_POST
def minutes_reopen(request, pk: int):
    inspection = _inspection_for(request.user, pk, is_team_leader)
    _act(
        request,
        services.minutes_reopen,
        _("Đã mở lại biên bản để sửa."),
        minutes=inspection.minutes,
        actor=request.user,
    )
    return redirect(inspection)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


# What a form's field is called in the service it feeds.
_SERVICE_ARGUMENT = {"file": "uploaded_file"}


def _form_step(request, pk: int, who, form_class, service, success: str, *, prefix=None):
    """A signing step of the minutes taken with a form: refused fields are told as messages on
    the inspection's page, which every step returns to."""
    inspection = _inspection_for(request.user, pk, who)
    form = form_class(request.POST, request.FILES, prefix=prefix)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(inspection)
    arguments = {_SERVICE_ARGUMENT.get(k, k): v for k, v in form.cleaned_data.items()}
    _act(request, service, success, minutes=inspection.minutes, actor=request.user, **arguments)
    return redirect(inspection)


@login_required
@require_POST
def minutes_sign_unit(request, pk: int):
    return _form_step(
        request,
        pk,
        is_team_leader,
        MinutesNumberForm,
        services.minutes_sign_inspecting_unit,
        _("Đơn vị kiểm tra đã ký số biên bản; chờ cơ quan được kiểm tra ký."),
    )


@login_required
@require_POST
def minutes_prepare_unit(request, pk: int):
    """Number and date fixed for the inspecting unit to sign with its own USB token."""
    return _form_step(
        request,
        pk,
        is_team_leader,
        MinutesNumberForm,
        services.minutes_prepare_for_unit_token,
        _("Đã cho số biên bản. Tải biên bản về, ký bằng thiết bị ký số rồi tải lên."),
        prefix=TOKEN_PREFIX,
    )


@login_required
@require_POST
def minutes_upload_unit(request, pk: int):
    return _form_step(
        request,
        pk,
        is_team_leader,
        MinutesSignedUploadForm,
        services.minutes_accept_unit_upload,
        _("Đã nhận biên bản đơn vị kiểm tra đã ký số; chờ cơ quan được kiểm tra ký."),
    )


@login_required
@require_POST
def minutes_sign_agency(request, pk: int):
    inspection = _inspection_for(request.user, pk, is_agency_signer)
    _act(
        request,
        services.minutes_sign_agency,
        _("Đã ký số biên bản; biên bản có hiệu lực."),
        minutes=inspection.minutes,
        actor=request.user,
    )
    return redirect(inspection)


@login_required
@require_POST
def minutes_upload_agency(request, pk: int):
    return _form_step(
        request,
        pk,
        is_agency_signer,
        MinutesSignedUploadForm,
        services.minutes_accept_agency_upload,
        _("Đã nhận biên bản đã ký số; biên bản có hiệu lực."),
    )


@login_required
@require_POST
def minutes_register(request, pk: int):
    return _form_step(
        request,
        pk,
        is_team_leader,
        MinutesPaperForm,
        services.minutes_register_paper,
        _("Đã đăng ký bản quét biên bản ký trên giấy; biên bản có hiệu lực."),
    )


LABELS = {
    NOVEMBER: gettext_lazy("Báo cáo kết quả kiểm tra (tháng 11)"),
    DECEMBER: gettext_lazy("Báo cáo gửi Bộ Khoa học và Công nghệ (tháng 12)"),
}


def _body_for(user, body_id: int, year: int):
    body = get_object_or_404(OversightBody.objects.select_related("agency"), pk=body_id)
    if not may_read_reports(user, body) or not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return body


@login_required
@require_safe
def reports(request, body_id: int, year: int):
    """The November summary and the December report to the Ministry of a body's year: the
    report documents (frozen figures, through the workflow) with their status, starting one, and
    the figures as they stand today (a draft PDF and XLSX to download)."""
    body = _body_for(request.user, body_id, year)
    report = report_of(body=body, year=year, kind=DECEMBER)
    context = {
        "body": body,
        "year": year,
        "figures": named_figures(report),
        "report": report,
        "kinds": [
            {**row, "label": LABELS[row["kind"]]}
            for row in report_documents(request.user, body, year)
        ],
    }
    return render(request, "inspections/reports.html", context)


@login_required
@require_safe
def report_file(request, body_id: int, year: int, kind: str, extension: str):
    body = _body_for(request.user, body_id, year)
    if kind not in KINDS or extension not in ("pdf", "xlsx"):
        raise Http404
    report = report_of(body=body, year=year, kind=kind)
    if extension == "pdf":
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
    else:
        response = HttpResponse(report_xlsx(report), content_type=XLSX_CONTENT_TYPE)
    name = f"bao-cao-kiem-tra-{kind}-{year}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
