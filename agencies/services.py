"""Every change an agency administrator makes to the agency's people.

A user may belong to several agencies. These functions only ever touch the membership in the
administrator's own agency: a user is never deleted, their password is never seen or set
(a reset link is emailed instead), and their memberships elsewhere stay as they are.

Nobody becomes a member of an agency by having their email typed in: adding an email that is
not a member yet sends an `Invitation` (invitation_send). Until its owner follows the link and
accepts (invitation_accept, invitation_accept_new_account), there is no membership and the
agency learns nothing of the person, not even whether they have an account.
"""

import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import BaseUserManager
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies.models import (
    Agency,
    Department,
    Invitation,
    Membership,
    OversightBody,
    OversightMembership,
    OversightRole,
    Role,
)
from agencies.oversight import (
    bodies_overseeing,
    forget_oversight_memberships,
    has_oversight_role,
    is_oversight_administrator,
)
from agencies.permissions import forget_memberships, is_agency_administrator
from agencies.signals import member_added
from qms_objectives.errors import WorkflowError

INVITED = "invited"
REACTIVATED = "reactivated"
UPDATED = "updated"


def _ensure_administrator(actor, agency: Agency) -> None:
    forget_memberships(actor)
    if not is_agency_administrator(actor, agency):
        raise WorkflowError(_("Chỉ quản trị cơ quan mới quản lý được nhân sự."), code="forbidden")


def _ensure_department(agency: Agency, department: Department | None) -> None:
    if department is not None and department.agency_id != agency.pk:
        raise WorkflowError(
            _("Phòng, đơn vị phải thuộc chính cơ quan của thành viên."), code="department"
        )


def _set_roles(membership: Membership, roles) -> None:
    roles = set(roles) or {Role.STAFF}
    for role in Role.values:
        setattr(membership, Membership.role_field(role), role in roles)


def _role_fields() -> list[str]:
    return [Membership.role_field(role) for role in Role.values]


def _ensure_an_administrator_remains(membership: Membership, *, keeps_role: bool) -> None:
    """An agency must never lose its last active administrator (nobody could fix it then)."""
    if keeps_role or not (membership.is_active and membership.is_administrator):
        return
    others = (
        Membership.objects.active()
        .with_role(Role.ADMINISTRATOR)
        .filter(agency_id=membership.agency_id)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise WorkflowError(
            _(
                "Cơ quan phải còn ít nhất một quản trị; "
                "hãy giao quyền quản trị cho người khác trước."
            ),
            code="last_administrator",
        )


def split_full_name(full_name: str) -> tuple[str, str]:
    """ "Nguyễn Văn An" → ("Nguyễn Văn", "An"): get_full_name() gives back the whole name and
    lists sort by the given name, as Vietnamese lists do."""
    words = " ".join(full_name.split()).split(" ")
    return " ".join(words[:-1]), words[-1]


def user_by_email(email: str):
    """The one account with this email (case ignored), None, or an error when several match."""
    users = list(get_user_model().objects.filter(email__iexact=email.strip())[:2])
    if len(users) > 1:
        raise WorkflowError(
            _("Có nhiều tài khoản cùng email này; hãy nhờ quản trị hệ thống gộp lại."),
            code="duplicate_email",
        )
    return users[0] if users else None


def _new_username(email: str) -> str:
    User = get_user_model()
    base = email.split("@")[0].lower()[:140] or "user"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def _create_user(*, email: str, full_name: str):
    if not full_name.strip():
        raise WorkflowError(_("Người dùng mới phải có họ tên."), code="name")
    first_name, last_name = split_full_name(full_name)
    user = get_user_model()(
        username=_new_username(email),
        email=BaseUserManager.normalize_email(email.strip()),
        first_name=first_name[:150],
        last_name=last_name[:150],
    )
    user.set_unusable_password()
    user.save()
    return user


def member_add(
    *,
    agency: Agency,
    actor,
    email: str,
    full_name: str = "",
    department: Department | None = None,
    roles=(Role.STAFF,),
    job_title: str = "",
    invite: bool = True,
    update_existing: bool = False,
) -> tuple[Membership | Invitation, str]:
    """Add a person to the agency by email. Someone who is or was a member of this agency is
    updated or reactivated (UPDATED only with `update_existing`, REACTIVATED); anyone else,
    with an account elsewhere or none, is sent an invitation (INVITED, the Invitation returned):
    no account is looked at, made or joined until they accept. `full_name` is only offered to a
    new person as a suggestion; `invite` is kept for the importer's call and no longer matters
    (an invitation is always sent)."""
    with transaction.atomic():
        _ensure_administrator(actor, agency)
        _ensure_department(agency, department)
        members = list(
            Membership.objects.select_related("user")
            .filter(agency=agency, user__email__iexact=email.strip())
            .order_by("pk")[:2]
        )
        if len(members) > 1:
            raise WorkflowError(
                _("Có nhiều tài khoản cùng email này; hãy nhờ quản trị hệ thống gộp lại."),
                code="duplicate_email",
            )
        membership = members[0] if members else None
        if membership is None:
            invitation = invitation_send(
                agency=agency,
                actor=actor,
                email=email,
                department=department,
                roles=roles,
                job_title=job_title,
                suggested_name=full_name,
                again=update_existing,
            )
            return invitation, INVITED
        if not membership.user.is_active:
            raise WorkflowError(
                _("Tài khoản này đã bị khóa; hãy nhờ quản trị hệ thống mở lại."), code="inactive"
            )
        if membership.is_active and not update_existing:
            raise WorkflowError(_("Người này đã là thành viên của cơ quan."), code="exists")
        outcome = UPDATED if membership.is_active else REACTIVATED
        _ensure_an_administrator_remains(membership, keeps_role=Role.ADMINISTRATOR in set(roles))
        _apply(membership, department=department, roles=roles, job_title=job_title)
        membership.is_active = True
        membership.save()
    return membership, outcome


def _apply(membership: Membership, *, department, roles, job_title: str) -> None:
    membership.department = department
    membership.job_title = job_title.strip()
    _set_roles(membership, roles)


def member_update(
    *,
    membership: Membership,
    actor,
    department: Department | None,
    roles,
    job_title: str = "",
    printed_name: str = "",
) -> Membership:
    """Change a member's department, roles, job title and printed name in this agency only."""
    with transaction.atomic():
        _ensure_administrator(actor, membership.agency)
        _ensure_department(membership.agency, department)
        _ensure_an_administrator_remains(membership, keeps_role=Role.ADMINISTRATOR in set(roles))
        _apply(membership, department=department, roles=roles, job_title=job_title)
        membership.printed_name = printed_name.strip()
        membership.save(update_fields=["department", "job_title", "printed_name", *_role_fields()])
    return membership


def member_deactivate(*, membership: Membership, actor) -> Membership:
    """End the membership in this agency. The user and their other agencies stay untouched."""
    with transaction.atomic():
        _ensure_administrator(actor, membership.agency)
        if membership.user_id == actor.pk:
            raise WorkflowError(
                _("Bạn không thể tự ngừng tư cách thành viên của mình."), code="self"
            )
        if not membership.is_active:
            raise WorkflowError(_("Thành viên này đã ngừng hoạt động."), code="state")
        _ensure_an_administrator_remains(membership, keeps_role=False)
        membership.is_active = False
        membership.save(update_fields=["is_active"])
    return membership


def member_reactivate(*, membership: Membership, actor) -> Membership:
    with transaction.atomic():
        _ensure_administrator(actor, membership.agency)
        if membership.is_active:
            raise WorkflowError(_("Thành viên này đang hoạt động."), code="state")
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    return membership


def member_password_reset_send(*, membership: Membership, actor) -> None:
    """Email the member a link to choose a new password (the administrator never sees one)."""
    with transaction.atomic():
        _ensure_administrator(actor, membership.agency)
        if not (membership.is_active and membership.user.is_active):
            raise WorkflowError(_("Thành viên này đã ngừng hoạt động."), code="state")
        if not membership.user.email:
            raise WorkflowError(_("Thành viên này chưa có địa chỉ email."), code="email")
        _queue_reset_email(membership, template="reset")


class _OneUserResetForm(PasswordResetForm):
    """Django's reset email, for exactly one known user. Unlike the public form it also reaches
    a new account that has no password yet (that is the invitation)."""

    def __init__(self, user):
        super().__init__(data={"email": user.email})
        self.user = user

    def get_users(self, email):
        return [self.user]


def _queue_reset_email(membership: Membership, *, template: str) -> None:
    site = urlsplit(settings.SITE_URL)
    user = membership.user

    def _send():
        form = _OneUserResetForm(user)
        form.is_valid()
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            subject_template_name=f"agencies/email/{template}_subject.txt",
            email_template_name=f"agencies/email/{template}_body.txt",
            extra_email_context={"agency": membership.agency, "membership": membership},
        )

    transaction.on_commit(_send)


# --- invitations ---------------------------------------------------------------------------------


def invitation_expiry() -> timedelta:
    return timedelta(days=settings.INVITATION_EXPIRY_DAYS)


def _new_token(invitation: Invitation) -> str:
    """A fresh link for the invitation: the token leaves only in the email; the row keeps its
    SHA-256 (the previous link dies), and the expiry starts again."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = Invitation.hash_token(token)
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + invitation_expiry()
    return token


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("agencies:invitation_accept", args=[token])


def _queue_invitation_email(invitation: Invitation, token: str) -> None:
    """Sent with Django's mail API once the transaction commits (a rolled-back invitation sends
    nothing), in the language the administrator works in."""
    language = translation.get_language()
    context = {
        "target": invitation.target,
        "to_oversight_body": invitation.oversight_body_id is not None,
        "url": invitation_url(token),
        "expires_at": invitation.expires_at,
        "roles": invitation.role_labels,
        "invited_by": invitation.invited_by.get_full_name() or invitation.invited_by.get_username(),
        "inviting_body": _inviting_body(invitation),
    }
    recipient = invitation.email

    def _send():
        with translation.override(language):
            subject = render_to_string("agencies/email/invitation_subject.txt", context)
            body = render_to_string("agencies/email/invitation_body.txt", context)
        send_mail(" ".join(subject.split()), body, None, [recipient])

    transaction.on_commit(_send)


def _inviting_body(invitation: Invitation) -> OversightBody | None:
    """The oversight body on whose behalf an agency's administrator was invited (the person
    inviting administers the body, not the agency); None otherwise."""
    if invitation.agency_id is None or is_agency_administrator(
        invitation.invited_by, invitation.agency
    ):
        return None
    for body in bodies_overseeing(invitation.agency_id):
        if has_oversight_role(invitation.invited_by, body.pk, OversightRole.ADMINISTRATOR):
            return body
    return None


def _target_filter(target) -> dict:
    if isinstance(target, OversightBody):
        return {"oversight_body": target}
    return {"agency": target}


def _open_invitation(target, email: str, *, lock: bool = False) -> Invitation | None:
    invitations = Invitation.objects.open().filter(
        **_target_filter(target), email__iexact=email.strip()
    )
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    return invitations.first()


def _ensure_may_invite(actor, target, roles) -> None:
    """Who invites to what: a body's administrators (and the installation's administrator,
    who sets the body up) to their body; an agency's administrators
    to their agency; and the administrators of the body overseeing an agency today, but only
    to the agency's administrator role (how a new agency gets its first administrator)."""
    if isinstance(target, OversightBody):
        if actor.is_active and actor.is_superuser:  # the installation's administrator
            return
        forget_oversight_memberships(actor)
        if not is_oversight_administrator(actor, target):
            raise WorkflowError(
                _("Chỉ quản trị đơn vị quản lý mới mời được người vào đơn vị."), code="forbidden"
            )
        return
    forget_memberships(actor)
    if is_agency_administrator(actor, target):
        return
    if set(roles) == {Role.ADMINISTRATOR} and overseeing_administrator(actor, target):
        return
    raise WorkflowError(_("Chỉ quản trị cơ quan mới quản lý được nhân sự."), code="forbidden")


def overseeing_administrator(user, agency: Agency) -> bool:
    """Whether the user administers an oversight body that has the agency in scope today."""
    forget_oversight_memberships(user)
    return any(
        has_oversight_role(user, body.pk, OversightRole.ADMINISTRATOR)
        for body in bodies_overseeing(agency.pk)
    )


def _invitation_roles(target, roles) -> list[str]:
    if isinstance(target, OversightBody):
        valid, fallback = OversightRole.values, OversightRole.INSPECTOR
    else:
        valid, fallback = Role.values, Role.STAFF
    return sorted({role for role in roles if role in valid} or {fallback})


def invitation_send(
    *,
    actor,
    email: str,
    agency: Agency | None = None,
    body: OversightBody | None = None,
    department: Department | None = None,
    roles=(Role.STAFF,),
    job_title: str = "",
    suggested_name: str = "",
    again: bool = False,
) -> Invitation:
    """Invite `email` to a membership of `agency`, or of the oversight `body`, with these roles
    (Role values for an agency, OversightRole values for a body). An open invitation to the same
    email is refused while it runs (send it again from the list) unless `again`; an expired one,
    or one sent `again`, takes the new roles and a new link."""
    if (agency is None) == (body is None):
        raise ValueError("invitation_send: exactly one of agency and body")
    target = agency if agency is not None else body
    email = BaseUserManager.normalize_email(email.strip())
    with transaction.atomic():
        _ensure_may_invite(actor, target, set(roles))
        if agency is not None:
            _ensure_department(agency, department)
        else:
            department = None
        invitation = _open_invitation(target, email, lock=True)
        if invitation is not None and invitation.state() == Invitation.PENDING and not again:
            raise WorkflowError(
                _(
                    "Email này đã được mời và lời mời còn hạn; "
                    "có thể gửi lại lời mời từ danh sách nhân sự."
                ),
                code="invited",
            )
        if invitation is None:
            invitation = Invitation(**_target_filter(target), email=email)
        invitation.department = department
        invitation.roles = _invitation_roles(target, roles)
        invitation.job_title = job_title.strip()
        invitation.suggested_name = " ".join(suggested_name.split())[:150]
        invitation.invited_by = actor
        token = _new_token(invitation)
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:  # the same email invited at the same moment by another request
            raise WorkflowError(
                _("Email này vừa được mời; hãy tải lại trang."), code="invited"
            ) from None
        _queue_invitation_email(invitation, token)
    return invitation


def _open_invitation_for_administrator(invitation: Invitation, actor) -> Invitation:
    _ensure_may_invite(actor, invitation.target, set(invitation.roles))
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if not invitation.is_open:
        raise WorkflowError(_("Lời mời này đã được nhận hoặc đã bị hủy."), code="state")
    return invitation


def invitation_resend(*, invitation: Invitation, actor) -> Invitation:
    """Send the invitation again with a new link (the previous one no longer works) and a new
    expiry."""
    with transaction.atomic():
        invitation = _open_invitation_for_administrator(invitation, actor)
        invitation.invited_by = actor
        token = _new_token(invitation)
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at", "invited_by"])
        _queue_invitation_email(invitation, token)
    return invitation


def invitation_cancel(*, invitation: Invitation, actor) -> Invitation:
    """Withdraw the invitation: its link is refused from now on."""
    with transaction.atomic():
        invitation = _open_invitation_for_administrator(invitation, actor)
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])
    return invitation


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation whose link carries `token` (in whatever state), or None."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("agency", "oversight_body", "department")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


def invitation_refusal(invitation: Invitation | None) -> str | None:
    """Why this link cannot be used now, in words for the person who followed it; None if it
    can."""
    if invitation is None:
        return _("Đường dẫn mời không đúng hoặc đã được thay bằng một lời mời mới hơn.")
    state = invitation.state()
    if state == Invitation.ACCEPTED:
        return _("Lời mời này đã được dùng; mỗi lời mời chỉ dùng được một lần.")
    to_body = invitation.oversight_body_id is not None
    if state == Invitation.CANCELLED:
        if to_body:
            return _("Lời mời này đã bị quản trị đơn vị quản lý hủy.")
        return _("Lời mời này đã bị quản trị cơ quan hủy.")
    if state == Invitation.EXPIRED:
        if to_body:
            return _("Lời mời này đã hết hạn; hãy nhờ quản trị đơn vị quản lý gửi lại lời mời.")
        return _("Lời mời này đã hết hạn; hãy nhờ quản trị cơ quan gửi lại lời mời.")
    return None


def _accept_agency(invitation: Invitation, user) -> Membership:
    membership = Membership.objects.filter(user=user, agency=invitation.agency).first()
    if membership is None:
        membership = Membership(user=user, agency=invitation.agency)
    if not (membership.pk and membership.is_active):
        department = invitation.department
        if department is not None and department.agency_id != invitation.agency_id:
            department = None
        _apply(
            membership,
            department=department,
            roles=invitation.roles,
            job_title=invitation.job_title,
        )
        membership.is_active = True
        membership.save()
    forget_memberships(user)
    member_added.send(sender=Membership, membership=membership)
    return membership


def _accept_body(invitation: Invitation, user) -> OversightMembership:
    """A body's membership made, or reactivated with the invited roles; an active one keeps
    its roles (its administrators change them on the body's people page)."""
    membership = OversightMembership.objects.filter(
        user=user, body=invitation.oversight_body
    ).first()
    if membership is None:
        membership = OversightMembership(user=user, body=invitation.oversight_body)
    if not (membership.pk and membership.is_active):
        _set_oversight_roles(membership, invitation.roles)
        membership.job_title = invitation.job_title
        membership.is_active = True
        membership.save()
    forget_oversight_memberships(user)
    return membership


def _set_oversight_roles(membership: OversightMembership, roles) -> None:
    roles = set(roles) or {OversightRole.INSPECTOR}
    for role in OversightRole.values:
        setattr(membership, OversightMembership.role_field(role), role in roles)


def _accept(invitation: Invitation, user):
    """Inside the caller's transaction, with the invitation row locked and still pending."""
    if invitation.oversight_body_id:
        membership = _accept_body(invitation, user)
    else:
        membership = _accept_agency(invitation, user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _pending_locked(invitation: Invitation) -> Invitation:
    invitation = (
        # Only the invitation's row is locked: its agency or body is the nullable side of an
        # outer join, which PostgreSQL cannot lock.
        Invitation.objects.select_for_update(of=("self",))
        .select_related("agency", "oversight_body")
        .get(pk=invitation.pk)
    )
    refusal = invitation_refusal(invitation)
    if refusal is not None:
        raise WorkflowError(refusal, code="refused")
    return invitation


def invitation_accept(*, invitation: Invitation, user) -> Membership | OversightMembership:
    """The logged-in owner of the invited email takes the membership (once): of the agency, or
    of the oversight body."""
    with transaction.atomic():
        invitation = _pending_locked(invitation)
        if not user.is_active or (user.email or "").strip().lower() != invitation.email.lower():
            raise WorkflowError(
                _(
                    "Lời mời này gửi tới một email khác với email của tài khoản đang đăng nhập. "
                    "Hãy đăng xuất rồi đăng nhập bằng đúng tài khoản được mời."
                ),
                code="not_yours",
            )
        return _accept(invitation, user)


def invitation_accept_new_account(*, invitation: Invitation, full_name: str, password: str):
    """Someone without an account takes the invitation: the account is made with the invited
    email, their name and their password (both chosen by them). Returns (user, membership)."""
    with transaction.atomic():
        invitation = _pending_locked(invitation)
        if get_user_model().objects.filter(email__iexact=invitation.email).exists():
            raise WorkflowError(
                _("Email này đã có tài khoản; hãy đăng nhập rồi nhận lời mời."), code="has_account"
            )
        user = _create_user(email=invitation.email, full_name=full_name)
        user.set_password(password)
        user.save(update_fields=["password"])
        return user, _accept(invitation, user)
