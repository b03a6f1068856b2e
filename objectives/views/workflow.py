"""Workflow actions other than review: submit, withdraw, revise; the records officer's issue and
register pages; the inbox; the agency switcher. Each action is POST-only, fetches the set for
this user (404 other agencies, 403 without the right), calls one service and says what
happened. Return and approve live in views/review.py beside the page they are taken from."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencies.membership import SESSION_AGENCY_KEY
from agencies.permissions import memberships_of
from documents import workflow
from documents.actions import document_act
from documents.external_signing import document_accept_signed_upload
from documents.models import IssueMethod, Status
from documents.rulebook import may_await
from documents.rules import may_draft, may_issue, may_publish
from documents.tasks import review_pages
from objectives.forms import IssueForm, RegisterForm, SignedUploadForm, suggested_symbol
from objectives.selectors import inbox_for
from objectives.services import starting
from objectives.views.common import get_set_for
from qms_objectives.errors import WorkflowError
from qms_objectives.responses import refused


@login_required
@require_POST
def agency_switch(request):
    memberships = memberships_of(request.user)
    raw = request.POST.get("agency", "")
    membership = memberships.get(int(raw)) if raw.isdigit() else None
    if membership is None:
        messages.error(request, _("Bạn không thuộc cơ quan này."))
        return redirect("home")
    request.session[SESSION_AGENCY_KEY] = membership.agency_id
    messages.success(
        request, _("Đang làm việc tại %(agency)s.") % {"agency": membership.agency.name}
    )
    return redirect("home")


@login_required
@require_GET
def inbox(request):
    if not may_await(request.user):
        raise PermissionDenied
    return render(request, "objectives/inbox.html", {"documents": inbox_for(request.user)})


@login_required
@require_POST
def set_submit(request, pk: int):
    return document_act(
        request,
        get_set_for(request.user, pk, may_draft),
        workflow.document_submit,
        lambda s: _("Đã gửi duyệt “%(set)s”; lãnh đạo đã được thông báo.") % {"set": s},
        then=reverse("objectives:set_review", args=[pk]),
    )


@login_required
@require_POST
def set_withdraw(request, pk: int):
    return document_act(
        request,
        get_set_for(request.user, pk, may_draft),
        workflow.document_withdraw,
        lambda s: _("Đã hủy dự thảo “%(set)s”.") % {"set": s},
        then=reverse("home"),
    )


@login_required
@require_POST
def set_revise(request, pk: int):
    objective_set = get_set_for(request.user, pk, may_draft)
    try:
        revision = starting.set_revise(document=objective_set, actor=request.user)
    except WorkflowError as error:
        return refused(request, error, objective_set.get_absolute_url())
    messages.success(
        request,
        _("Đã lập bản sửa đổi lần %(n)s của “%(set)s”; hãy sửa nội dung rồi gửi duyệt.")
        % {"n": revision.revision, "set": objective_set},
    )
    return redirect("objectives:set_edit", pk=revision.pk)


@login_required
@require_POST
def set_publish(request, pk: int):
    return document_act(
        request,
        get_set_for(request.user, pk, may_publish),
        workflow.document_publish,
        lambda s: (
            _("Đã công bố “%(set)s”; cán bộ, công chức đã được thông báo để đọc.") % {"set": s}
        ),
    )


def _not_approved(objective_set) -> WorkflowError:
    return WorkflowError(
        _("Chỉ ban hành được bộ mục tiêu đã duyệt; bộ này đang ở trạng thái “%(status)s”.")
        % {"status": objective_set.get_status_display()},
        code="state",
    )


def _issue_initial(objective_set) -> dict:
    if objective_set.issue_method == IssueMethod.EXTERNAL_SIGNING:
        return {
            "number": objective_set.number,
            "symbol": objective_set.symbol,
            "issued_on": objective_set.issued_on,
        }
    symbol = suggested_symbol(objective_set)
    today = timezone.localdate()
    number = workflow.next_free_number(agency=objective_set.agency, symbol=symbol, year=today.year)
    return {"number": number, "symbol": symbol, "issued_on": today}


def _success_text(success: tuple[str, str], objective_set) -> str:
    """The message with the document's number, or its wording for a document without one."""
    numbered, unnumbered = success
    if objective_set.number is None:
        return unnumbered % {"set": objective_set}
    return numbered % {"number": objective_set.number_and_symbol}


def _issue_page(
    request,
    pk: int,
    *,
    form_class,
    service,
    success: tuple[str, str],
    template: str,
    next_url=None,
    shows_pages: bool = False,
):
    """Shared by "issue in the app", "prepare for external signing" and "register a document
    issued outside". Only a page that shows the document's rendered pages (`shows_pages`: the
    issue page) asks for them: asking makes a RenderedPages row and a render task."""
    objective_set = get_set_for(request.user, pk, may_issue)
    if objective_set.status != Status.APPROVED:
        return refused(request, _not_approved(objective_set), objective_set.get_absolute_url())
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        status = 400
        if form.is_valid():
            try:
                service(document=objective_set, actor=request.user, **form.cleaned_data)
            except WorkflowError as error:
                error.form_add(form)
            else:
                objective_set.refresh_from_db()
                messages.success(request, _success_text(success, objective_set))
                return redirect(next_url or objective_set.get_absolute_url())
    else:
        form = form_class(initial=_issue_initial(objective_set))
    context = {"set": objective_set, "form": form}
    if shows_pages:
        context.update(review_pages(objective_set))
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def set_issue(request, pk: int):
    return _issue_page(
        request,
        pk,
        form_class=IssueForm,
        service=workflow.document_issue,
        success=(
            _("Đã ban hành văn bản số %(number)s."),
            _("Đã ban hành “%(set)s” (văn bản không mang số)."),
        ),
        template="objectives/workflow/issue.html",
        shows_pages=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def set_register(request, pk: int):
    return _issue_page(
        request,
        pk,
        form_class=RegisterForm,
        service=workflow.document_register_external,
        success=(
            _("Đã đăng ký văn bản số %(number)s ban hành ngoài hệ thống."),
            _("Đã đăng ký “%(set)s” ban hành ngoài hệ thống (văn bản không mang số)."),
        ),
        template="objectives/workflow/register.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def set_prepare_external(request, pk: int):
    """Fix number and date and store the final unsigned PDF, to be signed with a USB token."""
    return _issue_page(
        request,
        pk,
        form_class=IssueForm,
        service=workflow.document_prepare_external,
        success=(
            _("Đã chuẩn bị văn bản số %(number)s để ký số ngoài hệ thống."),
            _("Đã chuẩn bị “%(set)s” để ký số ngoài hệ thống (văn bản không mang số)."),
        ),
        template="objectives/workflow/prepare_external.html",
        next_url=reverse("objectives:set_signed_upload", args=[pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def set_signed_upload(request, pk: int):
    """Download the prepared PDF, sign it elsewhere, upload the signed file here."""
    objective_set = get_set_for(request.user, pk, may_issue)
    if (
        objective_set.status != Status.APPROVED
        or objective_set.issue_method != IssueMethod.EXTERNAL_SIGNING
    ):
        error = WorkflowError(
            _("Văn bản này chưa được chuẩn bị để ký số ngoài hệ thống."), code="state"
        )
        return refused(request, error, objective_set.get_absolute_url())
    status = 200
    form = SignedUploadForm()
    if request.method == "POST":
        form, status = SignedUploadForm(request.POST, request.FILES), 400
        if form.is_valid():
            try:
                document_accept_signed_upload(
                    document=objective_set,
                    actor=request.user,
                    uploaded_file=form.cleaned_data["uploaded_file"],
                )
            except WorkflowError as error:
                form.add_error("uploaded_file", error.message)
            else:
                messages.success(request, _("Đã nhận bản đã ký số; văn bản đã được ban hành."))
                return redirect(objective_set)
    context = {"set": objective_set, "form": form}
    return render(request, "objectives/workflow/signed_upload.html", context, status=status)
