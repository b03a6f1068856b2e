"""Factories for test data. Agencies and people look like the real ones, not "Agency 1"."""

import factory
from django.contrib.auth import get_user_model

from agencies.models import Agency, Department, Membership
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
