"""Every change an agency administrator makes to the agency's people.

A user may belong to several agencies. These functions only ever touch the membership in the
administrator's own agency: a user is never deleted, their password is never seen or set
(a reset link is emailed instead), and their memberships elsewhere stay as they are.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import BaseUserManager
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, Department, Membership, Role
from agencies.permissions import forget_memberships, is_agency_administrator
from agencies.signals import member_added
from qms_objectives.errors import WorkflowError

ADDED_NEW_USER = "created"
ADDED_EXISTING_USER = "added"
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
) -> tuple[Membership, str]:
    """Add a person to the agency by email. An account with that email (case ignored) is reused,
    never duplicated; a new account gets no password and, with `invite`, an email to set one.
    Returns the membership and what happened (ADDED_NEW_USER, ADDED_EXISTING_USER, REACTIVATED,
    or UPDATED when `update_existing` and they were already a member)."""
    with transaction.atomic():
        _ensure_administrator(actor, agency)
        _ensure_department(agency, department)
        user = user_by_email(email)
        if user is not None and not user.is_active:
            raise WorkflowError(
                _("Tài khoản này đã bị khóa; hãy nhờ quản trị hệ thống mở lại."), code="inactive"
            )
        membership = None
        if user is not None:
            membership = Membership.objects.filter(user=user, agency=agency).first()
        if membership is not None and membership.is_active and not update_existing:
            raise WorkflowError(_("Người này đã là thành viên của cơ quan."), code="exists")
        if membership is not None:
            outcome = UPDATED if membership.is_active else REACTIVATED
            _ensure_an_administrator_remains(
                membership, keeps_role=Role.ADMINISTRATOR in set(roles)
            )
            _apply(membership, department=department, roles=roles, job_title=job_title)
            membership.is_active = True
            membership.save()
            return membership, outcome
        outcome = ADDED_EXISTING_USER if user is not None else ADDED_NEW_USER
        if user is None:
            user = _create_user(email=email, full_name=full_name)
        membership = Membership(user=user, agency=agency)
        _apply(membership, department=department, roles=roles, job_title=job_title)
        membership.save()
        if invite or outcome == ADDED_EXISTING_USER:
            _send_welcome(membership, new_account=outcome == ADDED_NEW_USER and invite)
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


def _send_welcome(membership: Membership, *, new_account: bool) -> None:
    if new_account:
        _queue_reset_email(membership, template="invite")
    elif membership.user.email:
        # An existing account is told in the app and by mail (notifications/receivers.py).
        member_added.send(sender=Membership, membership=membership)
