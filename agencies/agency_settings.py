"""Services of an agency's own settings, changed by its administrators in the app (until now
only in the Django admin): names and signing titles, the seal, the quality policy, monitoring
and publication settings, the departments, and each member's signature.

Every function checks that the actor administers the agency, inside one transaction; the
models' history rows (Agency, Department, Membership) record who changed what.
"""

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, Department, Membership
from agencies.onboarding import governing_body_change
from agencies.oversight import bodies_overseeing, scope_rows
from agencies.permissions import forget_memberships, is_agency_administrator
from qms_objectives.errors import WorkflowError

# What the settings page may change (governing_body, seal_image go through their own steps).
SETTINGS_FIELDS = (
    "name",
    "name_in_documents",
    "symbol",
    "place_name",
    "address",
    "head_title",
    "deputy_title",
    "acting_head_title",
    "is_collective",
    "collective_name",
    "seal_diameter_mm",
    "quality_policy",
    "iso_standard",
    "default_reporting_frequency",
    "reminder_head_after_days",
    "reminder_iso_after_days",
    "year_grace_days",
    "slug",
    "publishes_results",
    "publishes_department_sets",
)


def _ensure_administrator(actor, agency: Agency) -> None:
    forget_memberships(actor)
    if not is_agency_administrator(actor, agency):
        raise WorkflowError(_("Chỉ quản trị cơ quan mới cấu hình được cơ quan."), code="forbidden")


def slug_taken(agency: Agency, slug: str) -> bool:
    """Whether another agency under one of the agency's oversight bodies (today) has `slug`:
    the public pages are /cong-khai/<body>/<agency slug>/."""
    if not slug:
        return False
    bodies = list(bodies_overseeing(agency.pk))
    if not bodies:
        return False
    neighbours = scope_rows().filter(body__in=bodies).exclude(agency=agency).values("agency_id")
    return Agency.objects.filter(pk__in=neighbours, slug=slug).exists()


def agency_settings_update(
    *,
    agency: Agency,
    actor,
    values: dict,
    governing_body: str | None = None,
    seal_image: UploadedFile | None = None,
    seal_clear: bool = False,
    on: datetime.date | None = None,
    governing_body_correction: bool = False,
) -> Agency:
    """Save the settings in `values` (keys of SETTINGS_FIELDS); a changed governing body opens
    a new GoverningBodyTerm from today (`on`), or, as a `governing_body_correction` (a typo in
    the same body's name), renames the current one; a new seal image replaces the old one
    (already proven by the model's validator in the form)."""
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"agency_settings_update: not settings {sorted(unknown)}")
    with transaction.atomic():
        _ensure_administrator(actor, agency)
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        if values.get("is_collective") and not (values.get("collective_name") or "").strip():
            raise WorkflowError(
                _("Cơ quan ký “TM.” phải có tên tập thể, ví dụ “Ủy ban nhân dân”."),
                code="collective_name",
                field="collective_name",
            )
        if "slug" in values and slug_taken(agency, values["slug"]):
            raise WorkflowError(
                _("Một cơ quan khác cùng đơn vị quản lý đã dùng địa chỉ này."),
                code="slug",
                field="slug",
            )
        changed = [name for name, value in values.items() if getattr(agency, name) != value]
        for name in changed:
            setattr(agency, name, values[name])
        if seal_image is not None:
            agency.seal_image.save(seal_image.name, seal_image, save=False)
            changed.append("seal_image")
        elif seal_clear and agency.seal_image:
            agency.seal_image = ""
            changed.append("seal_image")
        if changed:
            agency.save(update_fields=changed)
        if governing_body is not None:
            governing_body_change(
                agency=agency,
                name=governing_body,
                on=on or timezone.localdate(),
                correction=governing_body_correction,
            )
    return agency


# --- departments ------------------------------------------------------------------------------


def _ensure_unique_name(agency: Agency, name: str, *, exclude: int | None = None) -> None:
    same = Department.objects.filter(agency=agency, name__iexact=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise WorkflowError(
            _("Cơ quan đã có phòng, đơn vị “%(name)s”.") % {"name": name},
            code="name",
            field="name",
        )


def department_add(
    *, agency: Agency, actor, name: str, abbreviation: str = "", order: int | None = None
) -> Department:
    name = " ".join(name.split())
    with transaction.atomic():
        _ensure_administrator(actor, agency)
        if not name:
            raise WorkflowError(_("Hãy nhập tên phòng, đơn vị."), code="name", field="name")
        _ensure_unique_name(agency, name)
        if order is None:
            last = agency.departments.order_by("-order").values_list("order", flat=True).first()
            order = (last or 0) + 1
        return Department.objects.create(
            agency=agency, name=name, abbreviation=abbreviation.strip(), order=order
        )


def department_update(
    *, department: Department, actor, name: str, abbreviation: str, order: int
) -> Department:
    name = " ".join(name.split())
    with transaction.atomic():
        _ensure_administrator(actor, department.agency)
        if not name:
            raise WorkflowError(_("Hãy nhập tên phòng, đơn vị."), code="name", field="name")
        _ensure_unique_name(department.agency, name, exclude=department.pk)
        department = Department.objects.select_for_update().get(pk=department.pk)
        department.name = name
        department.abbreviation = abbreviation.strip()
        department.order = order
        department.save(update_fields=["name", "abbreviation", "order"])
    return department


def department_set_active(*, department: Department, actor, active: bool) -> Department:
    """Stop (or resume) using a department: its sets and results stay; members keep their rows
    but the department is no longer offered in lists."""
    with transaction.atomic():
        _ensure_administrator(actor, department.agency)
        department = Department.objects.select_for_update().get(pk=department.pk)
        if department.is_active == active:
            raise WorkflowError(
                _("Phòng, đơn vị này đang hoạt động.")
                if active
                else _("Phòng, đơn vị này đã ngừng."),
                code="state",
            )
        if not active:
            members = Membership.objects.active().filter(department=department).count()
            if members:
                raise WorkflowError(
                    _(
                        "Phòng, đơn vị còn %(count)s thành viên đang hoạt động; hãy chuyển họ "
                        "sang phòng khác trước."
                    )
                    % {"count": members},
                    code="members",
                )
        department.is_active = active
        department.save(update_fields=["is_active"])
    return department


# --- a member's signature ---------------------------------------------------------------------


def member_signature_set(
    *, membership: Membership, actor, image: UploadedFile | None, clear: bool = False
) -> Membership:
    """Upload (or remove) the member's signature image; it is served only through the private
    file view, to its owner and the agency's administrators."""
    with transaction.atomic():
        _ensure_administrator(actor, membership.agency)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if image is not None:
            membership.signature_image.save(image.name, image, save=False)
        elif clear:
            membership.signature_image = ""
        else:
            raise WorkflowError(_("Hãy chọn tệp hình chữ ký."), code="image", field="image")
        membership.save(update_fields=["signature_image"])
    return membership
