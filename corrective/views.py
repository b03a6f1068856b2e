"""Pages of corrective actions. Another agency's actions, and those a member may not see, are
404; a member who sees an action but may not do this gets 403. Writes go through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agencies.membership import current_membership
from agencies.models import Agency
from corrective import services
from corrective.forms import (
    CorrectiveActionForm,
    CorrectiveDoneForm,
    CorrectiveEvidenceForm,
    CorrectiveFilterForm,
    CorrectiveOutcomeForm,
)
from corrective.models import MAX_YEAR, MIN_YEAR, CorrectiveAction
from corrective.rules import is_action_owner, may_edit_action, may_keep_actions, may_view_action
from corrective.selectors import actions_for
from corrective.sources import source_for
from qms_objectives.errors import WorkflowError


def _agency_for(user, agency_id: int, year: int) -> Agency:
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    if not user.has_perm("corrective.list_action", agency):
        raise Http404
    return agency


def _action_for(user, pk: int, predicate=None) -> CorrectiveAction:
    """404 unless the user may see the action; 403 if they may see it but not `predicate`."""
    action = get_object_or_404(
        CorrectiveAction.objects.select_related(
            "agency", "department", "owner_department", "owner_person"
        ),
        pk=pk,
    )
    if not may_view_action(user, action):
        raise Http404
    if predicate is not None and not predicate(user, action):
        raise PermissionDenied
    return action


def _may_mark_done(user, action) -> bool:
    return may_edit_action(user, action) or is_action_owner(user, action)


@login_required
@require_safe
def home(request):
    membership = current_membership(request)
    if membership is None:
        raise Http404
    return redirect("corrective:list", membership.agency_id, timezone.localdate().year)


@login_required
@require_safe
def action_list(request, agency_id: int, year: int):
    agency = _agency_for(request.user, agency_id, year)
    filter_form = CorrectiveFilterForm(request.GET or None)
    state = filter_form.state_value()
    rows = actions_for(request.user, agency=agency, year=year, state=state)
    return render(
        request,
        "corrective/list.html",
        {
            "agency": agency,
            "year": year,
            "rows": rows,
            "state": state,
            "filter_form": filter_form,
            "today": timezone.localdate(),
            "may_add": may_keep_actions(request.user, agency),
        },
    )


def _source_url(value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return value[:300]
    return ""


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_new(request, agency_id: int, year: int):
    agency = _agency_for(request.user, agency_id, year)
    if not may_keep_actions(request.user, agency):
        raise PermissionDenied
    params = request.POST if request.method == "POST" else request.GET
    source = source_for(params.get("source", ""), agency)
    source_url = _source_url(params.get("next", ""))
    initial = {"nonconformity": request.GET.get("text", "")[:2000]}
    if request.GET.get("department", "").isdigit():
        initial["department"] = int(request.GET["department"])
    form = CorrectiveActionForm(
        request.POST or None,
        instance=CorrectiveAction(agency=agency, year=year),
        agency=agency,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_record(
                agency=agency,
                year=year,
                actor=request.user,
                data=form.cleaned_data,
                source=source,
                source_url=source_url,
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã ghi nhận hành động khắc phục."))
            return redirect(action)
    return render(
        request,
        "corrective/form.html",
        {
            "form": form,
            "agency": agency,
            "year": year,
            "source": source,
            "source_ref": params.get("source", "") if source is not None else "",
            "source_url": source_url,
        },
    )


@login_required
@require_safe
def action_detail(request, pk: int):
    action = _action_for(request.user, pk)
    history = action.history.select_related("history_user").order_by("-history_date")[:50]
    may_edit = may_edit_action(request.user, action)
    return render(
        request,
        "corrective/detail.html",
        {
            "action": action,
            "history": history,
            "evidence": action.evidence.select_related("uploaded_by"),
            "may_edit": may_edit,
            "may_mark_done": _may_mark_done(request.user, action),
            "outcome_form": CorrectiveOutcomeForm(initial={"outcome": action.outcome}),
            "done_form": CorrectiveDoneForm(),
            "evidence_form": CorrectiveEvidenceForm(),
            "overdue": action.is_overdue(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_edit(request, pk: int):
    action = _action_for(request.user, pk, may_edit_action)
    form = CorrectiveActionForm(
        request.POST or None,
        instance=CorrectiveAction.objects.get(pk=pk),  # a refused save must not touch `action`
        agency=action.agency,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, actor=request.user, data=form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(action)
    return render(
        request,
        "corrective/form.html",
        {"form": form, "action": action, "agency": action.agency, "year": action.year},
    )


def _run(request, service, success: str, **kwargs) -> None:
    try:
        service(**kwargs)
    except WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)


@login_required
@require_POST
def action_done(request, pk: int):
    action = _action_for(request.user, pk, _may_mark_done)
    form = CorrectiveDoneForm(request.POST)
    note = form.cleaned_data["outcome"] if form.is_valid() else ""
    _run(
        request,
        services.action_mark_done,
        _("Đã báo hành động khắc phục đã thực hiện."),
        action=action,
        actor=request.user,
        note=note,
    )
    return redirect(action)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def evidence_upload(request, pk: int):
    action = _action_for(request.user, pk, _may_mark_done)
    form = CorrectiveEvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_add(
                action=action, actor=request.user, upload=form.cleaned_data["file"]
            )
        except WorkflowError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("Đã thêm minh chứng."))
            return redirect(action)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "corrective/evidence.html", {"form": form, "action": action}, status=status
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_close(request, pk: int):
    action = _action_for(request.user, pk, may_edit_action)
    form = CorrectiveOutcomeForm(request.POST or None, initial={"outcome": action.outcome})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_close(
                action=action, actor=request.user, outcome=form.cleaned_data["outcome"]
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã đóng hành động khắc phục."))
            return redirect(action)
    status = 400 if request.method == "POST" else 200
    return render(request, "corrective/close.html", {"form": form, "action": action}, status=status)


@login_required
@require_POST
def action_reopen(request, pk: int):
    action = _action_for(request.user, pk, may_edit_action)
    _run(
        request,
        services.action_reopen,
        _("Đã mở lại hành động khắc phục."),
        action=action,
        actor=request.user,
    )
    return redirect(action)
