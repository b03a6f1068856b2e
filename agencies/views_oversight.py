"""The pages of an oversight body's administrators (mounted at /people/oversight/): the
agencies under the body — created one by one or from an XLSX list, each with its
administrator's invitation — and the body's own people.

Every page takes the body from the URL and answers 404 to anyone who is not a member of it and
403 to its members who are not its administrators.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencies import onboarding, services
from agencies.agency_imports import COLUMN_LABELS, agencies_import, agency_template_xlsx
from agencies.forms_onboarding import (
    AgencyAdministratorInviteForm,
    AgencyCreateForm,
    AgencyImportForm,
    OversightMemberAddForm,
    OversightMemberEditForm,
)
from agencies.imports import ImportRejected
from agencies.models import (
    Agency,
    Invitation,
    OversightBody,
    OversightMembership,
    OversightRole,
    Role,
)
from agencies.oversight import agency_ids_in_scope, oversight_memberships_of
from qms_objectives.errors import WorkflowError


def _body_for_administrator(user, body_id: int) -> OversightBody:
    membership = oversight_memberships_of(user).get(body_id)
    if membership is None:
        raise Http404
    if not membership.is_administrator:
        raise PermissionDenied
    return membership.body


def _agency_in_scope(body: OversightBody, agency_id: int) -> Agency:
    if agency_id not in agency_ids_in_scope(body):
        raise Http404
    return get_object_or_404(Agency, pk=agency_id)


@login_required
@require_GET
def body_home(request):
    """The agencies of the first body the user administers."""
    bodies = sorted(
        (m for m in oversight_memberships_of(request.user).values() if m.is_administrator),
        key=lambda m: m.body.name,
    )
    if not bodies:
        raise PermissionDenied
    return redirect("agencies:body_agencies", body_id=bodies[0].body_id)


def _agency_rows(body: OversightBody) -> list[dict]:
    """The agencies under the body today, each with its active administrators' count and its
    open invitations to an administrator (three queries whatever the number of agencies)."""
    administrators = Count(
        "memberships",
        filter=Q(
            memberships__is_active=True,
            memberships__is_administrator=True,
            memberships__user__is_active=True,
        ),
    )
    agencies = list(
        Agency.objects.filter(pk__in=agency_ids_in_scope(body))
        .annotate(administrators=administrators)
        .order_by("governing_body", "name")
    )
    now = timezone.now()
    invitations = {}
    for invitation in Invitation.objects.open().filter(agency__in=agencies).order_by("-sent_at"):
        if Role.ADMINISTRATOR not in invitation.roles:
            continue
        invitations.setdefault(invitation.agency_id, []).append((invitation, invitation.state(now)))
    return [
        {"agency": agency, "invitations": invitations.get(agency.pk, [])} for agency in agencies
    ]


@login_required
@require_GET
def body_agencies(request, body_id: int):
    body = _body_for_administrator(request.user, body_id)
    rows = _agency_rows(body)
    context = {
        "body": body,
        "rows": rows,
        "with_administrator": sum(1 for row in rows if row["agency"].administrators),
        "invite_form": AgencyAdministratorInviteForm(),
    }
    return render(request, "agencies/oversight/agencies.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agency_create(request, body_id: int):
    body = _body_for_administrator(request.user, body_id)
    form = AgencyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = onboarding.agency_create(body=body, actor=request.user, details=form.details())
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(
                request,
                _("Đã tạo %(agency)s. Hãy mời quản trị của cơ quan.") % {"agency": agency.name},
            )
            return redirect("agencies:agency_invite", body_id=body.pk, agency_id=agency.pk)
    status = 400 if form.is_bound else 200
    context = {"body": body, "form": form}
    return render(request, "agencies/oversight/agency_create.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agency_import(request, body_id: int):
    body = _body_for_administrator(request.user, body_id)
    form = AgencyImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            created = agencies_import(
                body=body, actor=request.user, uploaded_file=form.cleaned_data["file"]
            )
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request,
                _("Đã tạo %(count)s cơ quan. Hãy mời quản trị của từng cơ quan.")
                % {"count": len(created)},
            )
            return redirect("agencies:body_agencies", body_id=body.pk)
    context = {
        "body": body,
        "form": form,
        "errors": errors,
        "columns": [str(label) for label in COLUMN_LABELS.values()],
    }
    status = 400 if form.is_bound else 200
    return render(request, "agencies/oversight/agency_import.html", context, status=status)


@login_required
@require_GET
def agency_import_template(request, body_id: int):
    _body_for_administrator(request.user, body_id)
    response = HttpResponse(
        agency_template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="danh-sach-co-quan.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def agency_invite(request, body_id: int, agency_id: int):
    """Invite the administrator of an agency under the body."""
    body = _body_for_administrator(request.user, body_id)
    agency = _agency_in_scope(body, agency_id)
    form = AgencyAdministratorInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            onboarding.agency_administrator_invite(
                agency=agency,
                actor=request.user,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
            )
        except WorkflowError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("Đã gửi lời mời quản trị %(agency)s tới %(email)s.")
                % {"agency": agency.short_name, "email": form.cleaned_data["email"]},
            )
            return redirect("agencies:body_agencies", body_id=body.pk)
    status = 400 if form.is_bound else 200
    context = {"body": body, "agency": agency, "form": form}
    return render(request, "agencies/oversight/agency_invite.html", context, status=status)


def _invitation_of_body(body: OversightBody, pk: int) -> Invitation:
    """An invitation to the body, or to the administrator role of an agency under it today."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("agency", "oversight_body"), pk=pk
    )
    if invitation.oversight_body_id == body.pk:
        return invitation
    if invitation.agency_id in agency_ids_in_scope(body) and Role.ADMINISTRATOR in (
        invitation.roles or []
    ):
        return invitation
    raise Http404


def _invitation_action(request, body_id: int, pk: int, action, done: str):
    body = _body_for_administrator(request.user, body_id)
    invitation = _invitation_of_body(body, pk)
    try:
        action(invitation=invitation, actor=request.user)
    except WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % {"email": invitation.email})
    if invitation.oversight_body_id:
        return redirect("agencies:body_people", body_id=body.pk)
    return redirect("agencies:body_agencies", body_id=body.pk)


@login_required
@require_POST
def body_invitation_resend(request, body_id: int, pk: int):
    done = _("Đã gửi lại lời mời tới %(email)s; đường dẫn cũ không còn dùng được.")
    return _invitation_action(request, body_id, pk, services.invitation_resend, done)


@login_required
@require_POST
def body_invitation_cancel(request, body_id: int, pk: int):
    done = _("Đã hủy lời mời gửi tới %(email)s.")
    return _invitation_action(request, body_id, pk, services.invitation_cancel, done)


# --- the body's people -------------------------------------------------------------------------


def _body_member(body: OversightBody, pk: int) -> OversightMembership:
    return get_object_or_404(
        OversightMembership.objects.select_related("user", "body"), pk=pk, body=body
    )


@login_required
@require_GET
def body_people(request, body_id: int):
    body = _body_for_administrator(request.user, body_id)
    members = list(
        OversightMembership.objects.filter(body=body)
        .select_related("user")
        .order_by("-is_active", "user__first_name", "user__last_name")
    )
    now = timezone.now()
    invitations = [
        (invitation, invitation.state(now))
        for invitation in Invitation.objects.open().filter(oversight_body=body).order_by("email")
    ]
    context = {
        "body": body,
        "active": [m for m in members if m.is_active and m.user.is_active],
        "inactive": [m for m in members if not (m.is_active and m.user.is_active)],
        "invitations": invitations,
    }
    return render(request, "agencies/oversight/people.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def body_member_add(request, body_id: int):
    body = _body_for_administrator(request.user, body_id)
    form = OversightMemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invitation_send(
                body=body,
                actor=request.user,
                email=data["email"],
                roles=data["roles"],
                job_title=data["job_title"],
                suggested_name=data["full_name"],
            )
        except WorkflowError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("Đã gửi lời mời tới %(email)s. Người được mời chỉ thành thành viên khi nhận.")
                % {"email": data["email"]},
            )
            return redirect("agencies:body_people", body_id=body.pk)
    status = 400 if form.is_bound else 200
    context = {"body": body, "form": form}
    return render(request, "agencies/oversight/member_add.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def body_member_edit(request, body_id: int, pk: int):
    body = _body_for_administrator(request.user, body_id)
    membership = _body_member(body, pk)
    initial = {
        "roles": [r for r in OversightRole.values if membership.has_role(r)],
        "job_title": membership.job_title,
    }
    form = OversightMemberEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            onboarding.oversight_member_update(
                membership=membership,
                actor=request.user,
                roles=form.cleaned_data["roles"],
                job_title=form.cleaned_data["job_title"],
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã lưu %(name)s.") % {"name": _name(membership)})
            return redirect("agencies:body_people", body_id=body.pk)
    status = 400 if form.is_bound else 200
    context = {"body": body, "membership": membership, "form": form}
    return render(request, "agencies/oversight/member_edit.html", context, status=status)


def _name(membership: OversightMembership) -> str:
    return membership.user.get_full_name() or membership.user.get_username()


def _member_action(request, body_id: int, pk: int, action, done: str):
    body = _body_for_administrator(request.user, body_id)
    membership = _body_member(body, pk)
    try:
        action(membership=membership, actor=request.user)
    except WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % {"name": _name(membership)})
    return redirect("agencies:body_people", body_id=body.pk)


@login_required
@require_POST
def body_member_deactivate(request, body_id: int, pk: int):
    done = _("%(name)s đã ngừng là thành viên của đơn vị (tài khoản vẫn giữ nguyên).")
    return _member_action(request, body_id, pk, onboarding.oversight_member_deactivate, done)


@login_required
@require_POST
def body_member_reactivate(request, body_id: int, pk: int):
    done = _("%(name)s đã hoạt động trở lại trong đơn vị.")
    return _member_action(request, body_id, pk, onboarding.oversight_member_reactivate, done)
