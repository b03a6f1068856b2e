"""Factories for test data. Agencies and people look like the real ones, not "Agency 1"."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency, Department, Membership, Role
from documents.models import Status
from evaluation.models import EvaluationReport
from objectives.models import Comparison, Objective, ObjectiveSet, Section, Target
from risks.models import Kind, Risk


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


# What an issued (or published) set carries: "Số: 124/QĐ-VP", dated 15 January of its year.
ISSUED_NUMBER, ISSUED_SYMBOL = 124, "QĐ-VP"


def _issue_fields() -> dict:
    return {
        "number": ISSUED_NUMBER,
        "symbol": ISSUED_SYMBOL,
        "issued_on": factory.LazyAttribute(lambda s: datetime.date(s.year, 1, 15)),
    }


class ObjectiveSetFactory(factory.django.DjangoModelFactory):
    """The one way the tests build a set. The status is written as the set is created (the
    workflow services are tested on their own); the traits add the fields each state carries:

    - `submitted=True`, `returned=True`, `withdrawn=True`: the status only;
    - `approved=True`: signing lines "CHÁNH VĂN PHÒNG" and the signer's printed name (pass
      `signer=` a user of the agency when a test needs one);
    - `issued=True`: number 124, symbol "QĐ-VP", issued on 15 January of the set's year;
    - `published=True`: as issued, plus `published_at`.

    `with_objectives=N` adds a section "I. Đối với cơ quan:" (order 1) and N objectives (order
    1..N) each with one "≥ 96%" target; options, as `with_objectives__<name>=`:
    `in_section=k` puts only the first k objectives in the section (the rest have none);
    `numbered=True` words objective i "Mục tiêu số i: … 9i%" with a "≥ 9i%" target of 90 + i;
    any other name is a field of every objective (e.g. `reporting_frequencies=["quarterly"]`)."""

    class Meta:
        model = ObjectiveSet
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    year = 2024

    class Params:
        submitted = factory.Trait(status=Status.SUBMITTED)
        returned = factory.Trait(status=Status.RETURNED)
        withdrawn = factory.Trait(status=Status.WITHDRAWN)
        approved = factory.Trait(
            status=Status.APPROVED,
            signing_lines=["CHÁNH VĂN PHÒNG"],
            signer_name="Nguyễn Kim Long",
        )
        issued = factory.Trait(status=Status.ISSUED, **_issue_fields())
        published = factory.Trait(
            status=Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
            **_issue_fields(),
        )

    @factory.post_generation
    def with_objectives(
        objective_set, create, extracted, in_section=None, numbered=False, **fields
    ):
        if not create or not extracted:
            return
        count = int(extracted)
        in_section = count if in_section is None else in_section
        section = SectionFactory(objective_set=objective_set, order=1)
        for index in range(1, count + 1):
            values = {"order": index}
            target = {}
            if numbered:
                values["content"] = (
                    f"Mục tiêu số {index}: tỷ lệ hồ sơ giải quyết đúng hạn đạt ít nhất 9{index}%."
                )
                target = {"value": 90 + index, "wording": f"≥ 9{index}%"}
            objective = ObjectiveFactory(
                objective_set=objective_set,
                section=section if index <= in_section else None,
                **{**values, **fields},
            )
            TargetFactory(objective=objective, **target)


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


class EvaluationReportFactory(factory.django.DjangoModelFactory):
    """A report on a set, of the set's agency and year (`approved=True`: Approved)."""

    class Meta:
        model = EvaluationReport

    objective_set = factory.SubFactory(ObjectiveSetFactory, published=True)
    agency = factory.SelfAttribute("objective_set.agency")
    year = factory.SelfAttribute("objective_set.year")

    class Params:
        approved = factory.Trait(status=Status.APPROVED)


class RiskFactory(factory.django.DjangoModelFactory):
    """A risk of 2025 (likelihood 3, impact 4, due 30 June); `objectives=[...]` links objectives."""

    class Meta:
        model = Risk
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    year = 2025
    kind = Kind.RISK
    description = "Hồ sơ TTHC trễ hạn do thiếu nhân sự tiếp nhận."
    cause = "Nhân sự nghỉ phép dài ngày."
    likelihood = 3
    impact = 4
    treatment = "Bố trí người làm thay; nhắc hạn tự động."
    due_date = factory.LazyAttribute(lambda r: datetime.date(r.year, 6, 30))

    @factory.post_generation
    def objectives(risk, create, extracted, **kwargs):
        if create and extracted:
            risk.objectives.set(extracted)


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
