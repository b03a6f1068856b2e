"""The editor of a set being drafted: the page, its header, its sections, the PDF preview.

Objectives are edited one at a time in place (views/editor_objectives.py). Views only fetch
the set for this user (404 for other agencies, 403 without the right), call a service from
objectives/services/editing.py, say what happened and answer with a page or an htmx fragment.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from documents.rules import may_draft
from objectives.forms import SectionForm, SetHeaderForm
from objectives.models import ObjectiveSet, Section
from objectives.printing.render import render_set
from objectives.selectors import objective_groups, sets_with_content
from objectives.services import editing
from objectives.views.common import (
    get_set_for,
    get_set_for_drafter,
    posted_direction,
    posted_version,
)
from objectives.views.conflicts import field_choice, kept_saved, put_saved
from qms_objectives.errors import WorkflowError
from qms_objectives.responses import is_htmx, refused


def edit_url(objective_set_id: int) -> str:
    return reverse("objectives:set_edit", args=[objective_set_id])


def list_response(request, objective_set_id: int, status: int = 200, extra: dict | None = None):
    """The objective list as it now is (after adding, removing or reordering), with the
    messages swapped in out of band; without htmx, back to the editor page (or, with `extra`
    to show in the list, the editor page itself)."""
    if not is_htmx(request) and extra is None:
        return redirect(edit_url(objective_set_id))
    objective_set = sets_with_content().get(pk=objective_set_id)
    context = {"set": objective_set, "groups": objective_groups(objective_set), **(extra or {})}
    if not is_htmx(request):
        context["section_form"] = SectionForm()
        return render(request, "objectives/editor/page.html", context, status=status)
    context["fragment"] = True
    return render(request, "objectives/editor/_list.html", context, status=status)


def _not_editable(request, objective_set):
    messages.warning(
        request,
        _("Bộ mục tiêu đang ở trạng thái “%(status)s” nên không sửa được.")
        % {"status": objective_set.get_status_display()},
    )
    return redirect(objective_set)


@login_required
@require_GET
def set_edit(request, pk: int):
    objective_set = get_set_for_drafter(request.user, pk, sets_with_content())
    if not objective_set.is_editable:
        return _not_editable(request, objective_set)
    context = {
        "set": objective_set,
        "groups": objective_groups(objective_set),
        "section_form": SectionForm(),
    }
    return render(request, "objectives/editor/page.html", context)


def _header_kept_as_saved(request, objective_set):
    """The posted header with each field the user kept as saved holding what is saved now."""
    kept = kept_saved(request)
    if not kept:
        return request.POST
    data, saved = request.POST.copy(), SetHeaderForm(instance=objective_set)
    for name in kept & set(saved.fields):
        put_saved(data, saved[name], name)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def set_header(request, pk: int):
    objective_set = get_set_for_drafter(request.user, pk)
    if not objective_set.is_editable:
        return _not_editable(request, objective_set)
    status, version, conflict_context = 200, objective_set.version, {}
    if request.method == "POST":
        version = posted_version(request)
        form = SetHeaderForm(_header_kept_as_saved(request, objective_set), instance=objective_set)
        status = 400
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in editing.HEADER_FIELDS}
            try:
                editing.set_header_update(
                    objective_set=objective_set,
                    actor=request.user,
                    version=version,
                    fields=fields,
                    keep_saved=kept_saved(request),
                )
            except editing.EditConflict as conflict:
                # The header as saved now, with what this user changed and, per field both
                # changed, the choice (issue 18).
                current = ObjectiveSet.objects.get(pk=pk)
                form = SetHeaderForm(instance=current, initial=dict(conflict.mine))
                status, version = 409, conflict.current_version
                conflict_context = {
                    "conflict_message": conflict.message,
                    "choices": [field_choice(c, form.fields[c.name]) for c in conflict.conflicts],
                }
            except WorkflowError as error:
                return refused(request, error, objective_set.get_absolute_url())
            else:
                messages.success(request, _("Đã lưu phần đầu và phần cuối văn bản."))
                return redirect(edit_url(pk))
    else:
        form = SetHeaderForm(instance=objective_set)
    context = {"set": objective_set, "form": form, "version": version, **conflict_context}
    return render(request, "objectives/editor/header.html", context, status=status)


@login_required
@require_GET
def set_preview(request, pk: int):
    """The PDF as it would print now, watermarked as a draft. Anyone who may see the set."""
    objective_set = get_set_for(request.user, pk, queryset=sets_with_content())
    pdf = render_set(objective_set, final=False)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"du-thao-muc-tieu-{objective_set.year}-{objective_set.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- sections ---------------------------------------------------------------------------------


def _section_for_drafter(request, pk: int) -> Section:
    section = get_object_or_404(Section.objects.select_related("objective_set"), pk=pk)
    get_set_for(request.user, section.objective_set_id, may_draft)
    return section


@login_required
@require_POST
def section_add(request, pk: int):
    objective_set = get_set_for_drafter(request.user, pk)
    form = SectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập tiêu đề mục, ví dụ “I. Đối với cơ quan:”."))
        return list_response(request, pk, status=400)
    try:
        editing.section_add(
            objective_set=objective_set, actor=request.user, title=form.cleaned_data["title"]
        )
    except WorkflowError as error:
        return refused(request, error, objective_set.get_absolute_url())
    messages.success(request, _("Đã thêm mục “%(title)s”.") % {"title": form.cleaned_data["title"]})
    return list_response(request, pk)


@login_required
@require_POST
def section_rename(request, pk: int):
    section = _section_for_drafter(request, pk)
    data = request.POST
    if "title" in kept_saved(request):
        data = request.POST.copy()
        data["title"] = section.title
    form = SectionForm(data, instance=section)
    if not form.is_valid():
        messages.error(request, _("Tiêu đề mục không được để trống."))
        return list_response(request, section.objective_set_id, status=400)
    # A form opened before sections carried a version: as if opened at the version saved now.
    version = posted_version(request) if "version" in request.POST else section.version
    try:
        editing.section_rename(
            section=section,
            actor=request.user,
            title=form.cleaned_data["title"],
            version=version,
            keep_saved=kept_saved(request),
        )
    except editing.EditConflict as conflict:
        renamed = {
            "section_id": section.pk,
            "form_id": f"section-rename-{section.pk}",
            "title": form.cleaned_data["title"],
            "message": conflict.message,
            "choices": [field_choice(c, form.fields[c.name]) for c in conflict.conflicts],
        }
        for choice in renamed["choices"]:  # the title's box is above the choice here
            choice.mine_label = _("Dùng tiêu đề bạn nhập (trong ô phía trên)")
        return list_response(request, section.objective_set_id, 409, {"renamed": renamed})
    except WorkflowError as error:
        return refused(request, error, section.objective_set.get_absolute_url())
    messages.success(request, _("Đã đổi tiêu đề mục."))
    return list_response(request, section.objective_set_id)


@login_required
@require_POST
def section_remove(request, pk: int):
    section = _section_for_drafter(request, pk)
    try:
        editing.section_remove(section=section, actor=request.user)
    except WorkflowError as error:
        return refused(request, error, section.objective_set.get_absolute_url())
    messages.success(
        request,
        _("Đã xóa mục “%(title)s”; các mục tiêu của mục được giữ lại, không thuộc mục nào.")
        % {"title": section.title},
    )
    return list_response(request, section.objective_set_id)


@login_required
@require_POST
def section_move(request, pk: int):
    section = _section_for_drafter(request, pk)
    direction = posted_direction(request)
    try:
        moved = editing.section_move(section=section, actor=request.user, direction=direction)
    except WorkflowError as error:
        return refused(request, error, section.objective_set.get_absolute_url())
    if moved:
        messages.success(request, _("Đã chuyển mục “%(title)s”.") % {"title": section.title})
    else:
        messages.info(request, _("Mục đã ở vị trí đầu hoặc cuối."))
    return list_response(request, section.objective_set_id)
