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
from objectives.forms import (
    ObjectiveForm,
    TargetForm,
    TargetFormSet,
    plain_decimal,
    targets_from,
    targets_removed,
)
from objectives.models import Objective, Target
from objectives.selectors import objective_for_editor
from objectives.services import editing
from objectives.services.editing import TARGET_FIELDS
from objectives.views.common import (
    check_set_access,
    get_set_for_drafter,
    posted_direction,
    posted_version,
)
from objectives.views.conflicts import Choice, field_choice, kept_saved, put_saved
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


def _forms(request, objective_set, objective, data=None):
    if data is None and request.method == "POST":
        data = request.POST
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


def _kept_as_saved(request, objective: Objective):
    """The posted form with each conflict the user left on "keep saved" holding what is saved
    now (a target kept, not deleted), so that the forms' own checks see it unchanged too (a
    target's wording follows only a number the user changed)."""
    kept = kept_saved(request)
    if not kept:
        return request.POST
    data = request.POST.copy()
    saved = ObjectiveForm(instance=objective, objective_set=objective.objective_set)
    for name in kept & set(saved.fields):
        put_saved(data, saved[name], name)
    saved_targets = {
        form.instance.pk: form for form in TargetFormSet(instance=objective, prefix="targets")
    }
    for key in list(data):
        if not (key.startswith("targets-") and key.endswith("-id") and data[key].isdigit()):
            continue
        row, target_form = key.removesuffix("id"), saved_targets.get(int(data[key]))
        prefix = f"t{data[key]}-"
        if prefix in kept:
            data.pop(row + "DELETE", None)
        for name in TARGET_FIELDS:
            if prefix + name in kept and target_form is not None:
                put_saved(data, target_form[name], row + name)
    return data


def _merged_form(objective_set, current: Objective, conflict, removed) -> dict:
    """The refused form again, over the objective as saved now: each field the user changed
    shows what they typed, every other field what is saved (so that saving again cannot bring
    back an old value), and each field both changed offers the choice (issue 18)."""
    merged = conflict.targets
    new_rows = [dict(values) for values in merged.creates]
    targets = TargetFormSet(instance=current, prefix="targets", initial=new_rows)
    targets.extra = len(new_rows) + 1
    position = {key: index for index, key in enumerate(merged.order, start=1)}
    for target_form in targets.initial_forms:
        pk = target_form.instance.pk
        target_form.initial.update(
            {name: plain_decimal(value) for name, value in merged.mine.get(pk, {}).items()}
        )
        target_form.initial.update(ORDER=position.get(pk), DELETE=pk in removed)
    for index, target_form in enumerate(targets.extra_forms[: len(new_rows)]):
        target_form.initial["ORDER"] = position.get(("new", index))
    form = ObjectiveForm(instance=current, objective_set=objective_set, initial=dict(conflict.mine))
    return {
        "form": form,
        "targets": targets,
        "version": current.version,
        "conflict_message": conflict.message,
        "choices": _choices(conflict.conflicts, form, position, targets),
    }


def _choices(conflicts, form, position: dict, targets) -> list[Choice]:
    row = {target_form.instance.pk: target_form.prefix for target_form in targets.initial_forms}
    ids = [c.target_id for c in conflicts if c.target_id]
    saved_targets = {t.pk: t for t in Target.objects.filter(pk__in=ids)}
    choices = []
    for conflict in conflicts:
        if conflict.target_id is None:
            choices.append(field_choice(conflict, form.fields[conflict.name]))
            continue
        target = saved_targets.get(conflict.target_id)
        number = position.get(conflict.target_id)
        if conflict.name:
            field = TargetForm.base_fields[conflict.name]
            label = _("Chỉ tiêu %(number)s: %(field)s") % {"number": number, "field": field.label}
            input_name = f"{row[conflict.target_id]}-{conflict.name}"
            choices.append(field_choice(conflict, field, label, input_name))
        elif target is None:  # someone else removed it; the user had changed it
            typed = Target(**{k: v for k, v in conflict.mine.items() if k != "ORDER"})
            choices.append(
                Choice(
                    key=conflict.key,
                    label=_("Chỉ tiêu “%(target)s”") % {"target": typed},
                    saved=_("Người khác vừa xóa chỉ tiêu này; chỉ tiêu không được thêm lại"),
                    mine=str(typed),
                    saved_label="",
                    mine_label=_("Bạn đã sửa thành"),
                    choosable=False,
                )
            )
        else:  # the user removed it; someone else changed it since
            choices.append(
                Choice(
                    key=conflict.key,
                    label=_("Chỉ tiêu %(number)s") % {"number": number},
                    saved=str(target),
                    mine=_("xóa chỉ tiêu này"),
                    saved_label=_("Giữ chỉ tiêu (người khác vừa sửa)"),
                    mine_label=_("Vẫn xóa"),
                )
            )
    return choices


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
    data = _kept_as_saved(request, objective) if request.method == "POST" else None
    form, targets = _forms(request, objective_set, objective, data)
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
            removed_targets=targets_removed(targets),
            keep_saved=kept_saved(request),
        )
    except editing.EditConflict as conflict:
        current = Objective.objects.filter(pk=pk).first()
        if current is None:  # removed meanwhile: the form as typed, with the message
            form.add_error(None, conflict.message)
            context.update(form=form, targets=targets, version=version)
            return _render_form(request, context, status=409)
        context.update(_merged_form(objective_set, current, conflict, targets_removed(targets)))
        return _render_form(request, context, status=409)
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
