"""Services of a province's onboarding: an oversight body, its people, the agencies its
administrators create, and the move of an agency to another governing body or body (the 2025
mergers).

Each function checks who acts and the current state inside one transaction and raises
`WorkflowError` with a translated message when refused; the models' history rows record the
change (Agency, OversightMembership and OversightScope keep `history`; GoverningBodyTerm is
itself the dated history of the governing body).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import (
    Agency,
    GoverningBodyTerm,
    OversightBody,
    OversightMembership,
    OversightRole,
    OversightScope,
)
from agencies.oversight import forget_oversight_memberships, is_oversight_administrator
from agencies.services import invitation_send
from qms_objectives.errors import WorkflowError


def _ensure_body_administrator(actor, body: OversightBody) -> None:
    forget_oversight_memberships(actor)
    if not is_oversight_administrator(actor, body):
        raise WorkflowError(
            _("Chỉ quản trị đơn vị quản lý mới làm được việc này."), code="forbidden"
        )


def _ensure_installation_administrator(actor) -> None:
    """`actor` None is the server's shell (a management command); else a superuser."""
    if actor is not None and not (actor.is_active and actor.is_superuser):
        raise WorkflowError(_("Chỉ quản trị hệ thống mới làm được việc này."), code="forbidden")


# --- the body and its people ----------------------------------------------------------------


@dataclass(frozen=True)
class AgencyDetails:
    """What a new agency needs to print its documents (and to be found in lists)."""

    name: str
    short_name: str
    symbol: str
    place_name: str
    head_title: str
    governing_body: str = ""
    name_in_documents: str = ""
    deputy_title: str = ""
    is_collective: bool = False
    collective_name: str = ""

    def cleaned(self) -> "AgencyDetails":
        values = {
            key: " ".join(value.split()) if isinstance(value, str) else value
            for key, value in self.__dict__.items()
        }
        return AgencyDetails(**values)


def _ensure_new_short_name(short_name: str) -> None:
    if Agency.objects.filter(short_name__iexact=short_name).exists():
        raise WorkflowError(
            _("Đã có cơ quan với tên viết tắt “%(name)s”.") % {"name": short_name},
            code="short_name",
            field="short_name",
        )


def _agency_new(details: AgencyDetails, *, on: datetime.date) -> Agency:
    details = details.cleaned()
    for key in ("name", "short_name", "symbol", "place_name", "head_title"):
        if not getattr(details, key):
            raise WorkflowError(
                _(
                    "Cơ quan mới phải có đủ tên, tên viết tắt, ký hiệu, địa danh và chức danh "
                    "thủ trưởng."
                ),
                code="required",
                field=key,
            )
    if details.is_collective and not details.collective_name:
        raise WorkflowError(
            _("Cơ quan ký “TM.” phải có tên tập thể, ví dụ “Ủy ban nhân dân”."),
            code="collective_name",
            field="collective_name",
        )
    _ensure_new_short_name(details.short_name)
    agency = Agency.objects.create(**details.__dict__)
    if agency.governing_body:
        GoverningBodyTerm.objects.create(agency=agency, name=agency.governing_body, valid_from=on)
    return agency


def oversight_body_create(
    *,
    actor,
    name: str,
    region_name: str,
    slug: str,
    inspecting_unit: str,
    invited_by,
    admin_email: str,
    agency: Agency | None = None,
    agency_details: AgencyDetails | None = None,
) -> tuple[OversightBody, object]:
    """The installation's administrator sets up an oversight body: its own agency (an existing
    one, or made from `agency_details`), the body, and an invitation to `admin_email` as its
    administrator, sent by `invited_by` (a superuser). Returns (body, invitation)."""
    _ensure_installation_administrator(actor)
    if not (invited_by.is_active and invited_by.is_superuser):
        raise WorkflowError(_("Người gửi lời mời phải là quản trị hệ thống."), code="invited_by")
    if (agency is None) == (agency_details is None):
        raise WorkflowError(
            _("Hãy chọn một cơ quan có sẵn hoặc nhập thông tin cơ quan mới."), code="agency"
        )
    with transaction.atomic():
        if OversightBody.objects.filter(slug=slug).exists():
            raise WorkflowError(
                _("Địa chỉ “%(slug)s” đã có đơn vị quản lý khác dùng.") % {"slug": slug},
                code="slug",
            )
        if agency is None:
            agency = _agency_new(agency_details, on=timezone.localdate())
        elif OversightBody.objects.filter(agency=agency).exists():
            raise WorkflowError(_("Cơ quan này đã là một đơn vị quản lý."), code="agency_taken")
        body = OversightBody.objects.create(
            agency=agency,
            name=" ".join(name.split()),
            region_name=" ".join(region_name.split()),
            slug=slug,
            inspecting_unit=" ".join(inspecting_unit.split()),
        )
        invitation = invitation_send(
            body=body,
            actor=invited_by,
            email=admin_email,
            roles=[OversightRole.ADMINISTRATOR, OversightRole.INSPECTOR],
        )
    return body, invitation


def _ensure_an_oversight_administrator_remains(
    membership: OversightMembership, *, keeps_role: bool
) -> None:
    if keeps_role or not (membership.is_active and membership.is_administrator):
        return
    others = OversightMembership.objects.filter(
        body_id=membership.body_id, is_active=True, is_administrator=True, user__is_active=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise WorkflowError(
            _(
                "Đơn vị quản lý phải còn ít nhất một quản trị; "
                "hãy giao quyền quản trị cho người khác trước."
            ),
            code="last_administrator",
        )


def oversight_member_update(
    *, membership: OversightMembership, actor, roles, job_title: str = ""
) -> OversightMembership:
    """Change a body member's roles and job title (never the body's last administrator's
    administrator role)."""
    roles = {role for role in roles if role in OversightRole.values}
    if not roles:
        raise WorkflowError(_("Hãy chọn ít nhất một vai trò."), code="roles", field="roles")
    with transaction.atomic():
        _ensure_body_administrator(actor, membership.body)
        membership = OversightMembership.objects.select_for_update().get(pk=membership.pk)
        _ensure_an_oversight_administrator_remains(
            membership, keeps_role=OversightRole.ADMINISTRATOR in roles
        )
        membership.is_administrator = OversightRole.ADMINISTRATOR in roles
        membership.is_inspector = OversightRole.INSPECTOR in roles
        membership.job_title = " ".join(job_title.split())
        membership.save(update_fields=["is_administrator", "is_inspector", "job_title"])
    forget_oversight_memberships(membership.user)
    return membership


def oversight_member_deactivate(*, membership: OversightMembership, actor) -> OversightMembership:
    with transaction.atomic():
        _ensure_body_administrator(actor, membership.body)
        membership = OversightMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.user_id == actor.pk:
            raise WorkflowError(
                _("Bạn không thể tự ngừng tư cách thành viên của mình."), code="self"
            )
        if not membership.is_active:
            raise WorkflowError(_("Thành viên này đã ngừng hoạt động."), code="state")
        _ensure_an_oversight_administrator_remains(membership, keeps_role=False)
        membership.is_active = False
        membership.save(update_fields=["is_active"])
    return membership


def oversight_member_reactivate(*, membership: OversightMembership, actor) -> OversightMembership:
    with transaction.atomic():
        _ensure_body_administrator(actor, membership.body)
        membership = OversightMembership.objects.select_for_update().get(pk=membership.pk)
        if membership.is_active:
            raise WorkflowError(_("Thành viên này đang hoạt động."), code="state")
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    return membership


# --- the body's agencies ----------------------------------------------------------------------


def agency_create(*, body: OversightBody, actor, details: AgencyDetails) -> Agency:
    """An oversight administrator creates an agency under the body: the agency, its scope row
    under the body from today and its governing body's term from today."""
    with transaction.atomic():
        _ensure_body_administrator(actor, body)
        today = timezone.localdate()
        agency = _agency_new(details, on=today)
        OversightScope.objects.create(body=body, agency=agency, valid_from=today)
    return agency


def agencies_create(*, body: OversightBody, actor, rows: list[AgencyDetails]) -> list[Agency]:
    """Many agencies at once, all or nothing."""
    with transaction.atomic():
        return [agency_create(body=body, actor=actor, details=row) for row in rows]


def agency_administrator_invite(*, agency: Agency, actor, email: str, full_name: str = ""):
    """The body's administrator invites the agency's (first) administrator."""
    return invitation_send(
        agency=agency,
        actor=actor,
        email=email,
        roles=["administrator"],
        suggested_name=full_name,
    )


# --- territorial change -----------------------------------------------------------------------


def _close_and_open(rows, *, on: datetime.date, what: str) -> None:
    """Close the open rows (`valid_until` the day before `on`); refused when one starts on or
    after `on` (its history would be rewritten)."""
    for row in rows:
        if row.valid_from >= on:
            raise WorkflowError(
                _("%(what)s hiện tại bắt đầu từ %(start)s; ngày chuyển phải sau ngày đó.")
                % {"what": what, "start": row.valid_from.strftime("%d/%m/%Y")},
                code="on",
                field="on",
            )
        row.valid_until = on - datetime.timedelta(days=1)
        row.save(update_fields=["valid_until"])


def governing_body_change(
    *, agency: Agency, name: str, on: datetime.date, correction: bool = False
) -> bool:
    """Inside the caller's transaction: the agency's governing body is `name` from `on`
    (the open term closes the day before, a new one opens). `correction`: the same body,
    its name mistyped (a typo, an accent) — the open term is renamed in place, whenever it
    began, so its past years show the corrected name. False when nothing changes."""
    name = " ".join(name.split())
    if name == agency.governing_body:
        return False
    open_terms = list(agency.governing_body_terms.select_for_update().filter(valid_until=None))
    same_day = [term for term in open_terms if term.valid_from == on or (correction and name)]
    if same_day:  # corrected (or on the day it was set): the term is renamed, not split
        term = same_day[0]
        if name:
            term.name = name
            term.save(update_fields=["name"])
        else:
            term.delete()
    else:
        _close_and_open(open_terms, on=on, what=_("Cơ quan chủ quản"))
        if name:
            GoverningBodyTerm.objects.create(agency=agency, name=name, valid_from=on)
    agency.governing_body = name
    agency.save(update_fields=["governing_body"])
    return True


def agency_move(
    *,
    agency: Agency,
    governing_body: str,
    body: OversightBody | None,
    on: datetime.date,
    actor,
) -> Agency:
    """The agency is under `governing_body` and the oversight `body` from `on` (for example
    Quảng Nam's agencies under Đà Nẵng from 01/07/2025): the open GoverningBodyTerm and
    OversightScope rows close the day before and new ones open; the past rows stay, so a
    past year keeps its names and its scope. `body` None leaves the agency under no body."""
    _ensure_installation_administrator(actor)
    if on > timezone.localdate():
        raise WorkflowError(
            _("Chỉ ghi nhận việc chuyển đã có hiệu lực (ngày chuyển không được sau hôm nay)."),
            code="on",
            field="on",
        )
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        changed = governing_body_change(agency=agency, name=governing_body, on=on)
        open_scopes = list(
            OversightScope.objects.select_for_update().filter(agency=agency, valid_until=None)
        )
        staying = [row for row in open_scopes if body is not None and row.body_id == body.pk]
        if not staying:
            _close_and_open(open_scopes, on=on, what=_("Phạm vi quản lý"))
            if body is not None:
                OversightScope.objects.create(body=body, agency=agency, valid_from=on)
            changed = True
        if not changed:
            raise WorkflowError(
                _("Cơ quan đã thuộc cơ quan chủ quản và đơn vị quản lý này."), code="same"
            )
    return agency
