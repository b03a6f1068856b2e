"""Conformity announcement pages: the agency's page (the announcement on file, the scope now, a
re-announcement offered when they differ), the announcement with its workflow buttons (the
generic services of documents.workflow), issuing or registering the signed scan, and the
overseers' list of the agencies in their scope.

Thin: fetch for this user (404 outside reach, 403 without the right), call a service, say what
happened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencies.membership import current_membership
from agencies.models import Agency
from agencies.oversight import oversight_memberships_of
from agencies.permissions import membership_in
from conformity import services
from conformity.forms import AnnouncementForm, ScopeForm
from conformity.models import ConformityAnnouncement
from conformity.pdf import render_announcement
from conformity.rules import may_read_announcement
from conformity.selectors import (
    announcements_on_file,
    overseen_agency_ids,
    scope_of,
)
from documents import workflow
from documents.actions import document_act
from documents.models import DocumentEvent, Status
from documents.rulebook import available_actions
from documents.rules import may_approve, may_draft, may_issue, may_publish
from objectives.forms import IssueForm, RegisterForm, ReturnForm
from qms_objectives.errors import WorkflowError
from qms_objectives.responses import refused


def get_announcement_for(user, pk: int, predicate=None) -> ConformityAnnouncement:
    """The announcement if the user may read it (404 otherwise) and `predicate` allows (403)."""
    announcement = (
        ConformityAnnouncement.objects.select_related("agency", "revises").filter(pk=pk).first()
    )
    if announcement is None or not may_read_announcement(user, announcement):
        raise Http404
    if predicate is not None and not predicate(user, announcement):
        raise PermissionDenied
    return announcement


def _agency_for(user, agency_id: int):
    """The agency for one of its members or of its overseers (today); 404 for anyone else."""
    agency = get_object_or_404(Agency, pk=agency_id)
    if membership_in(user, agency_id) is None and agency_id not in overseen_agency_ids(user):
        raise Http404
    return agency


@login_required
@require_GET
def conformity_home(request):
    """Overseers: the agencies in their scope and the announcement each has on file. Members of
    an agency: their agency's page."""
    if oversight_memberships_of(request.user):
        agency_ids = overseen_agency_ids(request.user)
        agencies = Agency.objects.filter(pk__in=agency_ids).order_by("name")
        on_file = announcements_on_file(agency_ids)
        rows = [(agency, on_file.get(agency.pk)) for agency in agencies]
        context = {"rows": rows, "announced": sum(1 for _a, a in rows if a)}
        return render(request, "conformity/overseer_list.html", context)
    membership = current_membership(request)
    if membership is None:
        raise Http404
    return redirect("conformity:agency", agency_id=membership.agency_id)


@login_required
@require_GET
def conformity_agency(request, agency_id: int):
    agency = _agency_for(request.user, agency_id)
    return render(request, "conformity/agency.html", _agency_context(request, agency))


def _agency_context(request, agency, scope_form=None) -> dict:
    user = request.user
    membership = membership_in(user, agency.pk)
    announcements = [
        a
        for a in ConformityAnnouncement.objects.filter(agency=agency).order_by("-pk")
        if may_read_announcement(user, a)
    ]
    on_file = announcements_on_file([agency.pk]).get(agency.pk)
    scope = scope_of(agency)
    probe = ConformityAnnouncement(agency=agency, year=timezone.localdate().year)
    may_start = may_draft(user, probe) and not any(a.is_open for a in announcements)
    is_iso = membership is not None and membership.is_iso_officer
    if scope_form is None and is_iso:
        scope_form = ScopeForm(
            initial={
                "activities": scope.activities if scope else "",
                "procedures": scope.procedures if scope else "",
            }
        )
    return {
        "agency": agency,
        "announcements": announcements,
        "on_file": on_file,
        "scope": scope,
        "scope_differs": bool(scope and on_file and scope.differs_from(on_file)),
        "may_start": may_start,
        "scope_form": scope_form,
        "is_member": membership is not None,
    }


@login_required
@require_POST
def conformity_scope(request, agency_id: int):
    agency = _agency_for(request.user, agency_id)
    form = ScopeForm(request.POST)
    if not form.is_valid():
        context = _agency_context(request, agency, scope_form=form)
        return render(request, "conformity/agency.html", context, status=400)
    try:
        services.scope_save(agency=agency, actor=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return refused(request, error, reverse("conformity:agency", args=[agency.pk]))
    messages.success(request, _("Đã lưu phạm vi hệ thống quản lý chất lượng hiện hành."))
    return redirect("conformity:agency", agency_id=agency.pk)


@login_required
@require_POST
def conformity_start(request, agency_id: int):
    agency = _agency_for(request.user, agency_id)
    back = reverse("conformity:agency", args=[agency.pk])
    try:
        announcement = services.announcement_start(
            agency=agency, actor=request.user, year=timezone.localdate().year
        )
    except WorkflowError as error:
        return refused(request, error, back)
    messages.success(request, _("Đã lập dự thảo quyết định công bố; hãy kiểm tra rồi gửi duyệt."))
    return redirect(announcement)


def _detail_context(request, announcement, form=None, return_form=None) -> dict:
    actions = available_actions(request.user, announcement)
    if form is None and "edit" in actions:
        form = AnnouncementForm(announcement=announcement)
    events = DocumentEvent.objects.filter(
        content_type__app_label="conformity",
        content_type__model="conformityannouncement",
        object_id=announcement.pk,
    ).select_related("actor")
    return {
        "announcement": announcement,
        "form": form,
        "return_form": return_form or ReturnForm(),
        "events": events,
        "actions": actions,
        "agency_url": reverse("conformity:agency", args=[announcement.agency_id]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def conformity_detail(request, pk: int):
    """The announcement; its drafters edit it here while it is a Draft or Returned (POST)."""
    if request.method == "GET":
        announcement = get_announcement_for(request.user, pk)
        return render(request, "conformity/detail.html", _detail_context(request, announcement))
    announcement = get_announcement_for(request.user, pk, may_draft)
    form = AnnouncementForm(request.POST, announcement=announcement)
    if form.is_valid():
        try:
            services.announcement_update(
                announcement=announcement,
                actor=request.user,
                version=form.cleaned_data["version"],
                fields=form.text_fields(),
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã lưu quyết định công bố."))
            return redirect(announcement)
    context = _detail_context(request, announcement, form=form)
    return render(request, "conformity/detail.html", context, status=400)


@login_required
@require_GET
def conformity_preview(request, pk: int):
    """The PDF as it would print now, watermarked; an issued one opens its issued file."""
    announcement = get_announcement_for(request.user, pk)
    if announcement.is_frozen and announcement.issued_file:
        return redirect("private_file", name=announcement.issued_file.name)
    pdf = render_announcement(announcement, final=False)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"du-thao-quyet-dinh-cong-bo-{announcement.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def conformity_submit(request, pk: int):
    return document_act(
        request,
        get_announcement_for(request.user, pk, may_draft),
        workflow.document_submit,
        lambda a: _("Đã gửi duyệt quyết định công bố."),
    )


@login_required
@require_POST
def conformity_withdraw(request, pk: int):
    return document_act(
        request,
        get_announcement_for(request.user, pk, may_draft),
        workflow.document_withdraw,
        lambda a: _("Đã hủy dự thảo quyết định công bố."),
    )


@login_required
@require_POST
def conformity_approve(request, pk: int):
    return document_act(
        request,
        get_announcement_for(request.user, pk, may_approve),
        workflow.document_approve,
        lambda a: _("Đã duyệt quyết định công bố; văn thư sẽ cho số và ban hành."),
    )


@login_required
@require_POST
def conformity_publish(request, pk: int):
    return document_act(
        request,
        get_announcement_for(request.user, pk, may_publish),
        workflow.document_publish,
        lambda a: _("Đã công bố quyết định tới cán bộ, công chức."),
    )


@login_required
@require_POST
def conformity_return(request, pk: int):
    announcement = get_announcement_for(request.user, pk, may_approve)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chưa trả lại: hãy ghi ý kiến để người soạn biết cần sửa gì."))
        context = _detail_context(request, announcement, return_form=form)
        return render(request, "conformity/detail.html", context, status=400)
    return document_act(
        request,
        announcement,
        workflow.document_return,
        lambda a: _("Đã trả lại quyết định công bố kèm ý kiến."),
        comment=form.cleaned_data["comment"],
    )


def _issue_initial(announcement) -> dict:
    today = timezone.localdate()
    symbol = announcement.symbol or f"QĐ-{announcement.agency.symbol}"
    number = workflow.next_free_number(agency=announcement.agency, symbol=symbol, year=today.year)
    return {"number": number, "symbol": symbol, "issued_on": today}


def _issue_page(request, pk: int, *, form_class, service, register: bool):
    announcement = get_announcement_for(request.user, pk, may_issue)
    if announcement.status != Status.APPROVED:
        error = WorkflowError(_("Chỉ ban hành được quyết định đã duyệt."), code="state")
        return refused(request, error, announcement.get_absolute_url())
    form, status = form_class(initial=_issue_initial(announcement)), 200
    if request.method == "POST":
        form, status = form_class(request.POST, request.FILES), 400
        if form.is_valid():
            try:
                announcement = service(
                    document=announcement, actor=request.user, **form.cleaned_data
                )
            except WorkflowError as error:
                error.form_add(form)
            else:
                messages.success(
                    request,
                    _("Đã ban hành quyết định công bố số %(number)s; đơn vị kiểm tra đã được báo.")
                    % {"number": announcement.number_and_symbol or "—"},
                )
                return redirect(announcement)
    context = {"announcement": announcement, "form": form, "register": register}
    return render(request, "conformity/issue.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def conformity_issue(request, pk: int):
    """The records officer gives the number and date; the decision is rendered, signed when the
    agency signs digitally, stored, and the inspecting unit told."""
    return _issue_page(
        request, pk, form_class=IssueForm, service=services.announcement_issue, register=False
    )


@login_required
@require_http_methods(["GET", "POST"])
def conformity_register(request, pk: int):
    """The decision was signed on paper: the records officer registers its number, date and
    scan (a whole PDF)."""
    return _issue_page(
        request, pk, form_class=RegisterForm, service=services.announcement_register, register=True
    )
