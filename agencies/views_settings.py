"""An agency's settings pages (mounted under /people/<agency_id>/): its administrators set the
names, signing titles, seal, quality policy, monitoring and publication settings, the
departments and each member's signature, in the app instead of the Django admin.

As on the people pages: 404 to anyone who is not a member of the agency, 403 to its members who
are not its administrators.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from agencies import agency_settings
from agencies.forms_onboarding import AgencySettingsForm, DepartmentForm, SignatureForm
from agencies.models import Agency, Department, GoverningBodyTerm, Membership
from agencies.views import agency_for_administrator, member_of
from qms_objectives.errors import WorkflowError


@login_required
@require_http_methods(["GET", "POST"])
def agency_settings_edit(request, agency_id: int):
    agency = agency_for_administrator(request.user, agency_id)
    # The form validates on its own copy: a refused save leaves `agency` as stored.
    form = AgencySettingsForm(
        request.POST or None,
        request.FILES or None,
        instance=Agency.objects.get(pk=agency.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            agency_settings.agency_settings_update(
                agency=agency,
                actor=request.user,
                values=form.settings_values(),
                governing_body=form.cleaned_data["governing_body"],
                governing_body_correction=form.governing_body_correction(),
                seal_image=form.new_seal(),
                seal_clear=form.cleaned_data["seal_clear"],
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã lưu cấu hình của cơ quan."))
            return redirect("agencies:agency_settings", agency_id=agency.pk)
    context = {
        "agency": agency,
        "form": form,
        "terms": GoverningBodyTerm.objects.filter(agency=agency).order_by("-valid_from"),
    }
    status = 400 if form.is_bound else 200
    return render(request, "agencies/settings/agency.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def department_list(request, agency_id: int):
    """The departments, and the form that adds one."""
    agency = agency_for_administrator(request.user, agency_id)
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            department = agency_settings.department_add(
                agency=agency,
                actor=request.user,
                name=form.cleaned_data["name"],
                abbreviation=form.cleaned_data["abbreviation"],
                order=form.cleaned_data["order"],
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": department.name})
            return redirect("agencies:department_list", agency_id=agency.pk)
    departments = Department.objects.filter(agency=agency).order_by("-is_active", "order", "name")
    context = {"agency": agency, "form": form, "departments": departments}
    status = 400 if form.is_bound else 200
    return render(request, "agencies/settings/departments.html", context, status=status)


def _department_of(agency: Agency, pk: int) -> Department:
    return get_object_or_404(Department.objects.select_related("agency"), pk=pk, agency=agency)


@login_required
@require_http_methods(["GET", "POST"])
def department_edit(request, agency_id: int, pk: int):
    agency = agency_for_administrator(request.user, agency_id)
    department = _department_of(agency, pk)
    form = DepartmentForm(request.POST or None, instance=Department.objects.get(pk=department.pk))
    if request.method == "POST" and form.is_valid():
        try:
            agency_settings.department_update(
                department=department,
                actor=request.user,
                name=form.cleaned_data["name"],
                abbreviation=form.cleaned_data["abbreviation"],
                order=_or(form.cleaned_data["order"], department.order),
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã lưu %(name)s.") % {"name": form.cleaned_data["name"]})
            return redirect("agencies:department_list", agency_id=agency.pk)
    context = {"agency": agency, "department": department, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "agencies/settings/department_edit.html", context, status=status)


def _department_set_active(request, agency_id: int, pk: int, *, active: bool):
    agency = agency_for_administrator(request.user, agency_id)
    department = _department_of(agency, pk)
    try:
        agency_settings.department_set_active(
            department=department, actor=request.user, active=active
        )
    except WorkflowError as error:
        messages.error(request, error.message)
    else:
        done = _("%(name)s hoạt động trở lại.") if active else _("%(name)s đã ngừng.")
        messages.success(request, done % {"name": department.name})
    return redirect("agencies:department_list", agency_id=agency.pk)


@login_required
@require_POST
def department_deactivate(request, agency_id: int, pk: int):
    return _department_set_active(request, agency_id, pk, active=False)


@login_required
@require_POST
def department_reactivate(request, agency_id: int, pk: int):
    return _department_set_active(request, agency_id, pk, active=True)


@login_required
@require_http_methods(["GET", "POST"])
def member_signature(request, agency_id: int, pk: int):
    """A member's signature image: upload a new one, or remove it."""
    agency = agency_for_administrator(request.user, agency_id)
    membership: Membership = member_of(agency, pk)
    clearing = request.method == "POST" and "clear" in request.POST
    form = SignatureForm(None if clearing else (request.POST or None), request.FILES or None)
    if clearing or (request.method == "POST" and form.is_valid()):
        try:
            agency_settings.member_signature_set(
                membership=membership,
                actor=request.user,
                image=None if clearing else form.cleaned_data["image"],
                clear=clearing,
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(
                request, _("Đã lưu chữ ký của %(name)s.") % {"name": membership.display_name}
            )
            return redirect("agencies:member_edit", agency_id=agency.pk, pk=membership.pk)
    context = {"agency": agency, "membership": membership, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "agencies/settings/signature.html", context, status=status)


def _or(value, default):
    return default if value is None else value
