"""Objectives edited one at a time, in place: htmx fetches a row's form, posts it and swaps the
row back; adding, removing and moving answer with the whole list (its numbering changes).
Without JavaScript the same URLs serve whole pages and redirect back to the editor."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from documents.rules import may_draft
from documents.workflow import ensure_editable
from objectives.forms import ObjectiveForm, TargetFormSet, targets_from
from objectives.models import Objective
from objectives.selectors import objective_for_editor
from objectives.services import editing
from objectives.views.common import (
    check_set_access,
    get_set_for_drafter,
    posted_direction,
    posted_version,
)
from objectives.views.editor import edit_url, list_response
from qms_objectives.errors import WorkflowError
from qms_objectives.responses import is_htmx, refused


def _objective_for_drafter(request, pk: int) -> Objective:
    try:
        objective = objective_for_editor(pk)
    except Objective.DoesNotExist:
        raise Http404
    check_set_access(request.user, objective.objective_set, may_draft)
    return objective


def _number(request, objective=None) -> int | None:
    """The objective's number in the list, carried by the client (so no count query)."""
    raw = request.POST.get("n") or request.GET.get("n")
    if raw and raw.isdigit():
        return int(raw)
    return objective.order if objective is not None else None


def _forms(request, objective_set, objective):
    data = request.POST if request.method == "POST" else None
    initial = {"section": request.GET.get("section")} if objective.pk is None else None
    form = ObjectiveForm(data, instance=objective, objective_set=objective_set, initial=initial)
    targets = TargetFormSet(data, instance=objective, prefix="targets")
    return form, targets


def _from_own_page(request) -> bool:
    """Whether an htmx request comes from the page at its own address (not the editor)."""
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    return current.path == request.path


def _render_form(request, context: dict, status: int = 200):
    template = "objectives/editor/_objective_form.html"
    if not is_htmx(request):
        template = "objectives/editor/objective_page.html"
    return render(request, template, {**context, "fragment": is_htmx(request)}, status=status)


def _render_row(request, objective: Objective, number):
    objective.number = number
    context = {"objective": objective, "set": objective.objective_set, "fragment": True}
    return render(request, "objectives/editor/_row.html", context)


def _editable_or_refused(request, objective_set):
    try:
        ensure_editable(objective_set)
    except WorkflowError as error:
        return refused(request, error, objective_set.get_absolute_url())
    return None


@login_required
@require_GET
def objective_row(request, pk: int):
    """One row as saved (the editor's "Hủy" puts it back in place of the form)."""
    objective = _objective_for_drafter(request, pk)
    return _render_row(request, objective, _number(request, objective))


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit(request, pk: int):
    objective = _objective_for_drafter(request, pk)
    objective_set = objective.objective_set
    refusal = _editable_or_refused(request, objective_set)
    if refusal:
        return refusal
    number = _number(request, objective)
    old_section_id = objective.section_id
    form, targets = _forms(request, objective_set, objective)
    context = {"set": objective_set, "objective": objective, "number": number}
    if request.method == "GET":
        context.update(form=form, targets=targets, version=objective.version)
        return _render_form(request, context)
    version = posted_version(request)
    if not (form.is_valid() and targets.is_valid()):
        context.update(form=form, targets=targets, version=version)
        return _render_form(request, context, status=400)
    try:
        saved = editing.objective_update(
            objective=objective,
            actor=request.user,
            version=version,
            fields=form.editable_fields(),
            supporting_units=form.cleaned_data["supporting_units"],
            targets=targets_from(targets),
        )
    except editing.EditConflict as conflict:
        form.add_error(None, conflict.message)
        current = Objective.objects.filter(pk=pk).prefetch_related("targets").first()
        context.update(form=form, targets=targets, version=conflict.current_version or version)
        return _render_form(request, {**context, "saved": current}, status=409)
    except WorkflowError as error:
        return refused(request, error, objective_set.get_absolute_url())
    messages.success(request, _("Đã lưu mục tiêu %(number)s.") % {"number": number or ""})
    if not is_htmx(request):
        return redirect(f"{edit_url(objective_set.pk)}#objective-{pk}")
    if saved.section_id != old_section_id:
        return list_response(request, objective_set.pk)
    return _render_row(request, objective_for_editor(pk), number)


@login_required
@require_http_methods(["GET", "POST"])
def objective_add(request, pk: int):
    objective_set = get_set_for_drafter(request.user, pk)
    refusal = _editable_or_refused(request, objective_set)
    if refusal:
        return refusal
    objective = Objective(objective_set=objective_set)
    form, targets = _forms(request, objective_set, objective)
    context = {"set": objective_set, "objective": None, "form": form, "targets": targets}
    if request.method == "GET":
        return _render_form(request, {**context, "version": 0})
    if not (form.is_valid() and targets.is_valid()):
        return _render_form(request, {**context, "version": 0}, status=400)
    try:
        editing.objective_add(
            objective_set=objective_set,
            actor=request.user,
            fields=form.editable_fields(),
            supporting_units=form.cleaned_data["supporting_units"],
            targets=targets_from(targets),
        )
    except WorkflowError as error:
        return refused(request, error, objective_set.get_absolute_url())
    messages.success(request, _("Đã thêm mục tiêu."))
    if is_htmx(request) and _from_own_page(request):
        # The form was the page itself (the address opened directly), which has no list to
        # swap: back to the editor, where the message and the new objective show.
        return HttpResponse(status=204, headers={"HX-Redirect": edit_url(objective_set.pk)})
    response = list_response(request, objective_set.pk)
    if is_htmx(request):
        response["HX-Retarget"] = "#objective-list"
        response["HX-Reswap"] = "outerHTML"
    return response


@login_required
@require_POST
def objective_remove(request, pk: int):
    objective = _objective_for_drafter(request, pk)
    version = posted_version(request)
    try:
        editing.objective_remove(objective=objective, actor=request.user, version=version)
    except editing.EditConflict:
        messages.error(
            request, _("Mục tiêu này vừa được người khác sửa hoặc xóa; hãy xem lại rồi thử lại.")
        )
        return list_response(request, objective.objective_set_id, status=409)
    except WorkflowError as error:
        return refused(request, error, objective.objective_set.get_absolute_url())
    messages.success(
        request, _("Đã xóa mục tiêu “%(content)s”.") % {"content": objective.content[:60]}
    )
    return list_response(request, objective.objective_set_id)


@login_required
@require_POST
def objective_move(request, pk: int):
    objective = _objective_for_drafter(request, pk)
    direction = posted_direction(request)
    try:
        moved = editing.objective_move(objective=objective, actor=request.user, direction=direction)
    except WorkflowError as error:
        return refused(request, error, objective.objective_set.get_absolute_url())
    if moved:
        messages.success(request, _("Đã chuyển mục tiêu."))
    else:
        messages.info(request, _("Mục tiêu đã ở vị trí đầu hoặc cuối của mục."))
    return list_response(request, objective.objective_set_id)
