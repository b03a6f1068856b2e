"""Demo agencies, their departments and one login per role, with specimen signatures and seals.

Everything here is keyed so that loading twice changes nothing: agencies on short_name,
departments on (agency, name), users on username, memberships on (user, agency).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from agencies.models import Agency, Department, Membership, Role

from . import specimens

# Login suffixes: "dongnai.iso", "dongnai.head", …
ROLE_LOGINS = {
    Role.ISO_OFFICER.value: "iso",
    Role.RECORDS_OFFICER.value: "records",
    Role.DEPARTMENT_HEAD.value: "depthead",
    Role.HEAD.value: "head",
    Role.DEPUTY.value: "deputy",
    Role.STAFF.value: "staff",
    Role.ADMINISTRATOR.value: "admin",
}
# Who signs, and so carries a specimen signature image.
SIGNING_ROLES = (Role.HEAD, Role.DEPUTY, Role.DEPARTMENT_HEAD)
AGENCY_FIELDS = (
    "name",
    "governing_body",
    "symbol",
    "place_name",
    "head_title",
    "deputy_title",
    "is_collective",
    "iso_standard",
)


@dataclass(frozen=True)
class Login:
    agency: str
    role: str
    username: str
    name: str


def _sync(model, lookup: dict, values: dict):
    """Get or create by `lookup`, then save only the values that differ: a second load writes
    nothing, not even a history row."""
    instance, created = model.objects.get_or_create(**lookup, defaults=values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed and not created:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
    return instance


def _missing(file_field) -> bool:
    return not file_field or not file_field.storage.exists(file_field.name)


def agency_upsert(data: dict) -> Agency:
    values = {field: data[field] for field in AGENCY_FIELDS if field in data}
    agency = _sync(Agency, {"short_name": data["short_name"]}, values)
    if _missing(agency.seal_image):
        agency.seal_image.save("seal.png", ContentFile(specimens.seal_png()), save=False)
        agency.save(update_fields=["seal_image"])
    return agency


def departments_upsert(agency: Agency, rows: list[dict]) -> dict[str, Department]:
    """The agency's departments by abbreviation, in the order of the data file."""
    departments = {}
    for order, row in enumerate(rows, start=1):
        department = _sync(
            Department,
            {"agency": agency, "name": row["name"]},
            {"abbreviation": row["abbreviation"], "order": order},
        )
        departments[row["abbreviation"]] = department
    return departments


def _user_upsert(username: str, full_name: str, password: str):
    # The whole name in first_name: get_full_name() ("first last") must not print a Vietnamese
    # name backwards ("Kim Long Nguyễn").
    values = {
        "first_name": full_name,
        "last_name": "",
        "email": f"{username}@example.com",  # reserved for examples (RFC 2606)
        "is_active": True,
    }
    user = _sync(get_user_model(), {"username": username}, values)
    # The password printed by load_demo must always work, even after someone changed it.
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _membership_upsert(*, user, agency, role, person, department) -> Membership:
    flags = {Membership.role_field(r): r == role for r in Role.values if r != Role.STAFF}
    values = {
        **flags,
        "is_staff_member": True,
        "department": department,
        "job_title": person["job_title"],
        "printed_name": person["name"],
        "is_active": True,
    }
    membership = _sync(Membership, {"user": user, "agency": agency}, values)
    if role in SIGNING_ROLES and _missing(membership.signature_image):
        png = specimens.signature_png(user.username)
        membership.signature_image.save("signature.png", ContentFile(png), save=False)
        membership.save(update_fields=["signature_image"])
    return membership


def people_upsert(
    *, agency: Agency, prefix: str, people: dict, departments: dict, password: str
) -> tuple[dict, list[Login]]:
    """One user per role; returns users by role and the login rows to print."""
    users, logins = {}, []
    for role, suffix in ROLE_LOGINS.items():
        person = people[role]
        username = f"{prefix}.{suffix}"
        user = _user_upsert(username, person["name"], password)
        department = departments.get(person.get("department"))
        _membership_upsert(
            user=user, agency=agency, role=role, person=person, department=department
        )
        if role == Role.DEPARTMENT_HEAD and department and department.head_id != user.pk:
            department.head = user
            department.save(update_fields=["head"])
        users[role] = user
        logins.append(Login(agency.short_name, str(Role(role).label), username, person["name"]))
    return users, logins
