"""Factories for test data. Agencies and people look like the real ones, not "Agency 1"."""

import factory
from django.contrib.auth import get_user_model

from agencies.models import Agency, Department, Membership, Role
from objectives.models import Comparison, Objective, ObjectiveSet, Section, Target


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn An"
    last_name = factory.Sequence(lambda n: f"Nguyễn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.vn")
    password = factory.django.Password("demo-Password-1")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Văn phòng UBND tỉnh số {n}")
    short_name = factory.Sequence(lambda n: f"VP{n}")
    governing_body = "UBND TỈNH ĐỒNG NAI"
    symbol = "VP"
    place_name = "Đồng Nai"
    head_title = "Chánh Văn phòng"
    deputy_title = "Phó Chánh Văn phòng"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Phòng Hành chính - Tổ chức {n}")
    abbreviation = "HCTC"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)


class ObjectiveSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObjectiveSet

    agency = factory.SubFactory(AgencyFactory)
    year = 2024


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    objective_set = factory.SubFactory(ObjectiveSetFactory)
    title = "I. Đối với cơ quan:"


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    objective_set = factory.SubFactory(ObjectiveSetFactory)
    order = factory.Sequence(lambda n: n)
    content = "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt ít nhất 96%."


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    objective = factory.SubFactory(ObjectiveFactory)
    comparison = Comparison.AT_LEAST
    value = 96
    unit = "%"
    wording = "≥ 96%"


# The people and places of the shared fixtures (tests/conftest.py), as functions so that a
# module-scoped fixture can build the same world (tests/conftest.py `built_once`).

ROLE_USERS = {
    "iso_officer": {"is_iso_officer": True},
    "records_officer": {"is_records_officer": True},
    "department_head": {"is_department_head": True},
    "head": {"is_head": True},
    "deputy": {"is_deputy": True},
    "staff": {},
    "administrator": {"is_administrator": True},
}


def the_agency() -> Agency:
    return AgencyFactory(
        name="Văn phòng UBND tỉnh Đồng Nai",
        short_name="VP-DN",
        symbol="VP",
        head_title="Chánh Văn phòng",
        deputy_title="Phó Chánh Văn phòng",
    )


def the_department(agency) -> Department:
    return DepartmentFactory(agency=agency, name="Phòng Hành chính - Tổ chức", abbreviation="HCTC")


def the_outsider_agency() -> Agency:
    return AgencyFactory(name="Ban Thi đua - Khen thưởng tỉnh", short_name="BTDKT", symbol="BTĐKT")


def the_people(agency, department, outsider_agency) -> dict:
    """A user for each role in `agency` (department head and staff in `department`), plus an
    ISO officer of another agency ("outsider") with every role there."""
    users = {}
    for key, flags in ROLE_USERS.items():
        user = UserFactory(username=key, first_name=key.replace("_", " ").title(), last_name="")
        in_department = key in ("department_head", "staff")
        MembershipFactory(
            user=user,
            agency=agency,
            department=department if in_department else None,
            is_staff_member=True,
            **flags,
        )
        users[key] = user
    outsider = UserFactory(username="outsider")
    MembershipFactory(
        user=outsider,
        agency=outsider_agency,
        **{f"is_{r}" if r != Role.STAFF else "is_staff_member": True for r in Role.values},
    )
    users["outsider"] = outsider
    return users
