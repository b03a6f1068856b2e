"""Pages for staff: the published objectives of their agency and department, search, the
issued PDF, "Tôi đã đọc", and for ISO officers and heads the list of who has read a set."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agencies.membership import current_membership
from documents.rules import may_acknowledge, may_see_readers, may_view
from objectives.models import DocumentForm, ObjectiveSet
from objectives.printing.context import body_of
from objectives.reading_exports import attachment_header, readers_csv, readers_xlsx
from objectives.search import search_terms
from objectives.selectors import set_with_content
from objectives.selectors_reading import (
    READABLE_STATUSES,
    acknowledgement_of,
    newer_revision,
    readers_of,
    reading_search,
    reading_years,
)
from objectives.services.reading import set_acknowledge
from qms_objectives.errors import WorkflowError

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _readable_set(user, pk: int, *, with_content: bool = False) -> ObjectiveSet:
    """A published or superseded set this user may read; anything else is 404."""
    try:
        if with_content:
            objective_set = set_with_content(pk)
        else:
            objective_set = ObjectiveSet.objects.select_related("agency", "department").get(pk=pk)
    except ObjectiveSet.DoesNotExist:
        raise Http404
    if objective_set.status not in READABLE_STATUSES or not may_view(user, objective_set):
        raise Http404
    return objective_set


def _set_for_readers_list(user, pk: int) -> ObjectiveSet:
    objective_set = _readable_set(user, pk)
    if not may_see_readers(user, objective_set):
        raise PermissionDenied
    return objective_set


def _grouped_objectives(objective_set) -> list[tuple]:
    """[(section or None, [objectives])] in document order, from the prefetched rows."""
    groups: dict = {None: []}
    for section in objective_set.sections.all():
        groups[section.pk] = []
    sections = {s.pk: s for s in objective_set.sections.all()}
    for objective in objective_set.objectives.all():
        groups.setdefault(objective.section_id, []).append(objective)
    return [(sections.get(key), items) for key, items in groups.items() if items]


@login_required
@require_GET
def reading_list(request):
    membership = current_membership(request)
    years = reading_years(request.user, membership.agency_id) if membership else []
    return render(
        request,
        "objectives/reading/list.html",
        {"membership": membership, "years": years, "this_year": timezone.localdate().year},
    )


@login_required
@require_GET
def reading_search_view(request):
    query = request.GET.get("q", "").strip()[:200]
    results = reading_search(request.user, query) if search_terms(query) else []
    return render(
        request,
        "objectives/reading/search.html",
        {"query": query, "results": results, "searched": bool(search_terms(query))},
    )


@login_required
@require_GET
def reading_detail(request, pk: int):
    objective_set = _readable_set(request.user, pk, with_content=True)
    # The document's own opening, as it is printed (a decision's annex has none of its own).
    body = body_of(objective_set, annex=objective_set.form == DocumentForm.DECISION)
    context = {
        "set": objective_set,
        "preamble": body.preamble,
        "groups": _grouped_objectives(objective_set),
        "acknowledgement": acknowledgement_of(request.user, objective_set),
        "may_acknowledge": may_acknowledge(request.user, objective_set),
        "may_see_readers": may_see_readers(request.user, objective_set),
        "newer": newer_revision(objective_set),
    }
    return render(request, "objectives/reading/detail.html", context)


@login_required
@require_GET
def reading_pdf(request, pk: int):
    """The issued file exactly as issued (byte for byte), to those who may read the set."""
    objective_set = _readable_set(request.user, pk)
    name = objective_set.issued_file.name
    if not name or not default_storage.exists(name):
        raise Http404
    with default_storage.open(name, "rb") as stored:
        content = stored.read()
    response = HttpResponse(content, content_type="application/pdf")
    filename = objective_set.display_title
    if objective_set.number is not None:
        filename = f"{filename} - {objective_set.number_and_symbol}"
    response["Content-Disposition"] = attachment_header(f"{filename}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def reading_acknowledge(request, pk: int):
    objective_set = _readable_set(request.user, pk)
    try:
        set_acknowledge(objective_set=objective_set, actor=request.user)
    except WorkflowError as error:
        level = messages.INFO if error.code == "already" else messages.ERROR
        messages.add_message(request, level, error.message)
    else:
        messages.success(request, _("Cảm ơn bạn đã xác nhận đọc mục tiêu chất lượng."))
    return redirect("objectives:reading_detail", pk=objective_set.pk)


@login_required
@require_GET
def reading_readers(request, pk: int):
    objective_set = _set_for_readers_list(request.user, pk)
    rows = readers_of(objective_set)
    read = [r for r in rows if r.has_read]
    unread = [r for r in rows if not r.has_read]
    return render(
        request,
        "objectives/reading/readers.html",
        {"set": objective_set, "read": read, "unread": unread, "total": len(rows)},
    )


def _export_name(objective_set, extension: str) -> str:
    owner = objective_set.department.name if objective_set.department_id else ""
    name = _("Danh sách đã đọc - %(title)s") % {"title": objective_set.display_title}
    return f"{name} - {owner}.{extension}" if owner else f"{name}.{extension}"


@login_required
@require_GET
def reading_readers_export(request, pk: int, extension: str):
    objective_set = _set_for_readers_list(request.user, pk)
    rows = readers_of(objective_set)
    if extension == "xlsx":
        title = objective_set.display_title
        if objective_set.department_id:
            title = f"{title} – {objective_set.department.name}"
        response = HttpResponse(readers_xlsx(rows, title=title), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(readers_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = attachment_header(_export_name(objective_set, extension))
    response["Cache-Control"] = "private, no-store"
    return response
