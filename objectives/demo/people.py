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


def agency_upsert(data: dict) -> Agency:
    defaults = {field: data[field] for field in AGENCY_FIELDS if field in data}
    agency, _ = Agency.objects.update_or_create(short_name=data["short_name"], defaults=defaults)
    if not agency.seal_image or not agency.seal_image.storage.exists(agency.seal_image.name):
        agency.seal_image.save("seal.png", ContentFile(specimens.seal_png()), save=False)
        agency.save(update_fields=["seal_image"])
    return agency


def departments_upsert(agency: Agency, rows: list[dict]) -> dict[str, Department]:
    """The agency's departments by abbreviation, in the order of the data file."""
    departments = {}
    for order, row in enumerate(rows, start=1):
        department, _ = Department.objects.update_or_create(
            agency=agency,
            name=row["name"],
            defaults={"abbreviation": row["abbreviation"], "order": order},
        )
        departments[row["abbreviation"]] = department
    return departments


def _user_upsert(username: str, full_name: str, password: str):
    family, _, given = full_name.partition(" ")
    user, _ = get_user_model().objects.update_or_create(
        username=username,
        defaults={
            "first_name": given,
            "last_name": family,
            "email": f"{username}@example.gov.vn",
            "is_active": True,
        },
    )
    # Reset on every load: the password printed by load_demo must always work.
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def _membership_upsert(*, user, agency, role, person, department) -> Membership:
    flags = {Membership.role_field(r): r == role for r in Role.values if r != Role.STAFF}
    membership, _ = Membership.objects.update_or_create(
        user=user,
        agency=agency,
        defaults={
            **flags,
            "is_staff_member": True,
            "department": department,
            "job_title": person["job_title"],
            "printed_name": person["name"],
            "is_active": True,
        },
    )
    if role in SIGNING_ROLES and not (
        membership.signature_image
        and membership.signature_image.storage.exists(membership.signature_image.name)
    ):
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
