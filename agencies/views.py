"""The people pages: an agency administrator manages the agency's memberships.

Every page takes the agency from the URL and answers 404 to anyone who is not a member of it
(other agencies are never revealed) and 403 to members who are not its administrators.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencies import services
from agencies.forms import InvitationAcceptForm, MemberAddForm, MemberEditForm, MemberImportForm
from agencies.imports import ImportRejected, members_import
from agencies.membership import current_membership
from agencies.models import Agency, Invitation, Membership, OversightRole, Role
from agencies.permissions import is_agency_administrator, memberships_of
from qms_objectives.errors import WorkflowError

ADD_MESSAGES = {
    services.INVITED: gettext_lazy(
        "Đã gửi lời mời tới %(email)s. Người được mời chỉ thành thành viên khi nhận lời mời."
    ),
    services.REACTIVATED: gettext_lazy("%(name)s đã hoạt động trở lại trong cơ quan."),
    services.UPDATED: gettext_lazy("Đã cập nhật %(name)s."),
}


def agency_for_administrator(user, agency_id: int) -> Agency:
    membership = memberships_of(user).get(agency_id)
    if membership is None:
        raise Http404
    if not is_agency_administrator(user, membership.agency):
        raise PermissionDenied
    return membership.agency


def member_of(agency: Agency, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "department", "agency"), pk=pk, agency=agency
    )


@login_required
@require_GET
def people_home(request):
    """The people page of the agency the user works in, or of the first they administer."""
    current = current_membership(request)
    if current is not None and current.is_administrator:
        return redirect("agencies:member_list", agency_id=current.agency_id)
    for membership in sorted(memberships_of(request.user).values(), key=lambda m: m.agency.name):
        if membership.is_administrator:
            return redirect("agencies:member_list", agency_id=membership.agency_id)
    raise PermissionDenied


@login_required
@require_GET
def member_list(request, agency_id: int):
    agency = agency_for_administrator(request.user, agency_id)
    members = list(
        Membership.objects.filter(agency=agency)
        .select_related("user", "department")
        .order_by("-is_active", "department__order", "department__name", "user__last_name")
    )
    now = timezone.now()
    invitations = [
        (invitation, invitation.state(now))
        for invitation in Invitation.objects.open().filter(agency=agency).order_by("email")
    ]
    context = {
        "agency": agency,
        "active": [m for m in members if m.is_active and m.user.is_active],
        "inactive": [m for m in members if not (m.is_active and m.user.is_active)],
        "invitations": invitations,
    }
    return render(request, "agencies/people/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, agency_id: int):
    agency = agency_for_administrator(request.user, agency_id)
    form = MemberAddForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership, outcome = services.member_add(
                agency=agency,
                actor=request.user,
                email=data["email"],
                full_name=data["full_name"],
                department=data["department"],
                roles=data["roles"],
                job_title=data["job_title"],
            )
        except WorkflowError as error:
            form.add_error("full_name" if error.code == "name" else "email", error.message)
        else:
            # An invitation names only the email typed: nothing of an account is shown.
            name = "" if outcome == services.INVITED else membership.display_name
            said = {"name": name, "email": data["email"]}
            messages.success(request, ADD_MESSAGES[outcome] % said)
            return redirect("agencies:member_list", agency_id=agency.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "agencies/people/add.html", {"agency": agency, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, agency_id: int, pk: int):
    agency = agency_for_administrator(request.user, agency_id)
    membership = member_of(agency, pk)
    form = MemberEditForm.for_membership(membership, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.member_update(
                membership=membership,
                actor=request.user,
                department=data["department"],
                roles=data["roles"],
                job_title=data["job_title"],
                printed_name=data["printed_name"],
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu %(name)s.") % {"name": membership.display_name})
            return redirect("agencies:member_list", agency_id=agency.pk)
    context = {"agency": agency, "membership": membership, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "agencies/people/edit.html", context, status=status)


def _administrator_act(request, agency: Agency, action, done: str, **target):
    """Run an administrator's action on a member or an invitation, then back to the people page
    with what happened (the refusal's reason, or `done`)."""
    try:
        action(actor=request.user, **target)
    except WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("agencies:member_list", agency_id=agency.pk)


def _member_action(request, agency_id: int, pk: int, action, done: str):
    agency = agency_for_administrator(request.user, agency_id)
    membership = member_of(agency, pk)
    done = done % {"name": membership.display_name}
    return _administrator_act(request, agency, action, done, membership=membership)


@login_required
@require_POST
def member_deactivate(request, agency_id: int, pk: int):
    done = _("%(name)s đã ngừng là thành viên của cơ quan (tài khoản vẫn giữ nguyên).")
    return _member_action(request, agency_id, pk, services.member_deactivate, done)


@login_required
@require_POST
def member_reactivate(request, agency_id: int, pk: int):
    done = _("%(name)s đã hoạt động trở lại trong cơ quan.")
    return _member_action(request, agency_id, pk, services.member_reactivate, done)


@login_required
@require_POST
def member_password_reset(request, agency_id: int, pk: int):
    done = _("Đã gửi email đặt lại mật khẩu cho %(name)s.")
    return _member_action(request, agency_id, pk, services.member_password_reset_send, done)


@login_required
@require_http_methods(["GET", "POST"])
def member_import(request, agency_id: int):
    agency = agency_for_administrator(request.user, agency_id)
    form = MemberImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            summary = members_import(
                agency=agency,
                actor=request.user,
                uploaded_file=form.cleaned_data["file"],
            )
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request,
                _("Đã nhập %(count)s người: %(invited)s được gửi lời mời, %(updated)s cập nhật.")
                % {
                    "count": summary.total,
                    "invited": summary.outcomes.get(services.INVITED, 0),
                    "updated": summary.outcomes.get(services.UPDATED, 0)
                    + summary.outcomes.get(services.REACTIVATED, 0),
                },
            )
            return redirect("agencies:member_list", agency_id=agency.pk)
    context = {"agency": agency, "form": form, "errors": errors, "roles": Role.choices}
    status = 400 if form.is_bound else 200
    return render(request, "agencies/people/import.html", context, status=status)


# --- invitations -------------------------------------------------------------------------------


def _invitation_of(agency: Agency, pk: int) -> Invitation:
    return get_object_or_404(Invitation.objects.select_related("agency"), pk=pk, agency=agency)


def _invitation_action(request, agency_id: int, pk: int, action, done: str):
    agency = agency_for_administrator(request.user, agency_id)
    invitation = _invitation_of(agency, pk)
    done = done % {"email": invitation.email}
    return _administrator_act(request, agency, action, done, invitation=invitation)


@login_required
@require_POST
def invitation_resend(request, agency_id: int, pk: int):
    done = _("Đã gửi lại lời mời tới %(email)s; đường dẫn cũ không còn dùng được.")
    return _invitation_action(request, agency_id, pk, services.invitation_resend, done)


@login_required
@require_POST
def invitation_cancel(request, agency_id: int, pk: int):
    done = _("Đã hủy lời mời gửi tới %(email)s.")
    return _invitation_action(request, agency_id, pk, services.invitation_cancel, done)


def _after_accepting(invitation: Invitation) -> str:
    """A body's new administrator lands on the body's agencies; anyone else on their home
    page."""
    if invitation.oversight_body_id and OversightRole.ADMINISTRATOR in invitation.roles:
        return reverse("agencies:body_agencies", args=[invitation.oversight_body_id])
    return reverse("home")


def _invitation_refused(request, reason: str, status: int):
    return render(request, "agencies/invitation/refused.html", {"reason": reason}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """The page of the link in an invitation email. A person without an account chooses their
    name and password here; someone with an account logs in as the invited email and accepts.
    Used, cancelled, expired or unknown links get a page saying so, and nothing changes."""
    invitation = services.invitation_by_token(token)
    refusal = services.invitation_refusal(invitation)
    if refusal is not None:
        return _invitation_refused(request, refusal, 404 if invitation is None else 410)
    has_account = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    context = {"invitation": invitation, "has_account": has_account}
    user = request.user
    if user.is_authenticated and (user.email or "").lower() != invitation.email.lower():
        return _invitation_refused(
            request,
            _(
                "Lời mời này gửi tới %(email)s, không phải email của tài khoản đang đăng nhập. "
                "Hãy đăng xuất rồi mở lại đường dẫn."
            )
            % {"email": invitation.email},
            403,
        )
    if has_account and not user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "agencies/invitation/accept.html", context)
    if has_account:
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=user)
            except WorkflowError as error:
                return _invitation_refused(request, error.message, 409)
            messages.success(
                request, _("Bạn đã là thành viên của %(agency)s.") % {"agency": invitation.target}
            )
            return redirect(_after_accepting(invitation))
        return render(request, "agencies/invitation/accept.html", context)
    form = InvitationAcceptForm(
        request.POST if request.method == "POST" else None,
        email=invitation.email,
        initial={"full_name": invitation.suggested_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            new_user, _membership = services.invitation_accept_new_account(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except WorkflowError as error:
            return _invitation_refused(request, error.message, 409)
        login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Chào mừng bạn đến với %(agency)s. Tên đăng nhập của bạn: %(username)s.")
            % {"agency": invitation.target, "username": new_user.get_username()},
        )
        return redirect(_after_accepting(invitation))
    context["form"] = form
    status = 400 if form.is_bound else 200
    return render(request, "agencies/invitation/accept.html", context, status=status)
