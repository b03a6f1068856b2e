"""Starting a set in the agency the user works in: blank, from an official template (with the
guidance on setting objectives beside it), copied from an issued set (last year's), or — for a
department — derived from the agency's issued set."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agencies.membership import current_membership
from agencies.models import Department
from agencies.permissions import may_start_agency_set, may_start_department_set
from documents.models import FROZEN_STATUSES, Status
from objectives.forms import BlankStartForm, CopyStartForm, DeriveForm, TemplateStartForm
from objectives.models import ObjectiveSet
from objectives.reference.templates import get_template, guidance, official_templates
from objectives.services import starting
from qms_objectives.errors import WorkflowError


def _starter(request):
    """(membership, departments the user may start a set for, may start the agency's set);
    403 when they may start nothing in the agency they work in."""
    membership = current_membership(request)
    if membership is None:
        raise PermissionDenied
    agency_level = bool(may_start_agency_set(request.user, membership.agency))
    departments = Department.objects.filter(agency_id=membership.agency_id, is_active=True)
    if not agency_level:
        departments = departments.filter(pk=membership.department_id or 0)
    if not agency_level and not any(may_start_department_set(request.user, d) for d in departments):
        raise PermissionDenied
    return membership, departments, agency_level


def _copy_sources(membership, departments, agency_level: bool):
    reach = Q(department__in=departments)
    if agency_level:
        reach |= Q(department__isnull=True)
    return (
        ObjectiveSet.objects.filter(
            reach, agency_id=membership.agency_id, status__in=FROZEN_STATUSES
        )
        .select_related("department")
        .order_by("-year", "department__name", "-revision")
    )


def _created(request, objective_set):
    messages.success(
        request,
        _("Đã tạo “%(set)s” (dự thảo). Hãy soạn nội dung rồi gửi duyệt.") % {"set": objective_set},
    )
    return redirect("objectives:set_edit", pk=objective_set.pk)


def _start_from(request, method: str, form, membership):
    """Run the chosen start; on refusal the form carries the reason."""
    data = form.cleaned_data
    try:
        if method == "blank":
            objective_set = starting.set_start_blank(
                agency=membership.agency,
                department=data["department"],
                year=data["year"],
                actor=request.user,
                form=data["form"],
            )
        else:
            objective_set = starting.set_copy_from(
                source=data["source"], year=data["year"], actor=request.user
            )
    except WorkflowError as error:
        form.add_error(None, error.message)
        return None
    return objective_set


@login_required
@require_http_methods(["GET", "POST"])
def set_start(request):
    membership, departments, agency_level = _starter(request)
    sources = _copy_sources(membership, departments, agency_level)
    kwargs = {"departments": departments, "agency_level": agency_level}
    method = request.POST.get("method") if request.method == "POST" else None
    blank = BlankStartForm(request.POST if method == "blank" else None, prefix="blank", **kwargs)
    copy = CopyStartForm(
        request.POST if method == "copy" else None,
        prefix="copy",
        sources=sources,
        initial={"source": sources.first()},
    )
    status = 200
    if method in ("blank", "copy"):
        form = blank if method == "blank" else copy
        if form.is_valid():
            objective_set = _start_from(request, method, form, membership)
            if objective_set is not None:
                return _created(request, objective_set)
        status = 400
    elif request.method == "POST":
        status = 400
    agency_sets = ObjectiveSet.objects.filter(
        agency_id=membership.agency_id,
        department__isnull=True,
        status__in=[Status.ISSUED, Status.PUBLISHED],
    ).order_by("-year")
    context = {
        "membership": membership,
        "blank": blank,
        "copy": copy,
        "has_sources": sources.exists(),
        "templates": official_templates(),
        "agency_sets": agency_sets if departments.exists() else [],
        "method": method,
    }
    return render(request, "objectives/start/choose.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def set_start_template(request, key: str):
    membership, departments, agency_level = _starter(request)
    try:
        template = get_template(key)
    except KeyError:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = TemplateStartForm(data, departments=departments, agency_level=agency_level)
    if data is not None and form.is_valid():
        try:
            objective_set = starting.set_start_from_template(
                agency=membership.agency,
                department=form.cleaned_data["department"],
                year=form.cleaned_data["year"],
                actor=request.user,
                template_key=key,
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            return _created(request, objective_set)
    owner = membership.agency.name
    template["preamble"] = (template.get("preamble") or "").replace("{agency}", owner)
    context = {"template": template, "form": form, "guidance": guidance()}
    status = 400 if data is not None else 200
    return render(request, "objectives/start/template.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def set_derive(request, pk: int):
    membership, departments, _agency_level = _starter(request)
    agency_set = ObjectiveSet.objects.filter(
        pk=pk, agency_id=membership.agency_id, department__isnull=True
    ).first()
    if agency_set is None:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = DeriveForm(
        data,
        agency_set=agency_set,
        departments=departments,
        initial={"objectives": [o.pk for o in agency_set.objectives.all()]},
    )
    if data is not None and form.is_valid():
        try:
            objective_set = starting.set_derive_from_agency(
                agency_set=agency_set,
                department=form.cleaned_data["department"],
                year=form.cleaned_data["year"],
                actor=request.user,
                objective_ids=[o.pk for o in form.cleaned_data["objectives"]],
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            return _created(request, objective_set)
    context = {"agency_set": agency_set, "form": form, "back": reverse("objectives:set_start")}
    status = 400 if data is not None else 200
    return render(request, "objectives/start/derive.html", context, status=status)
