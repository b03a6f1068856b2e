"""Factories for oversight bodies (the province's Sở Khoa học và Công nghệ), their people and
their dated scope, and the world's oversight roles: an administrator and an inspector of a body
whose scope covers the agency, and an inspector of another body that does not."""

import datetime

import factory

from agencies.models import OversightBody, OversightMembership, OversightScope
from tests.factories import AgencyFactory, UserFactory

SCOPE_FROM = datetime.date(2020, 1, 1)


class OversightBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OversightBody

    agency = factory.SubFactory(
        AgencyFactory,
        name=factory.Sequence(lambda n: f"Sở Khoa học và Công nghệ tỉnh số {n}"),
        symbol="SKHCN",
        head_title="Giám đốc Sở",
        deputy_title="Phó Giám đốc Sở",
    )
    name = factory.LazyAttribute(lambda b: b.agency.name)
    region_name = "Đồng Nai"
    slug = factory.Sequence(lambda n: f"tinh-{n}")
    inspecting_unit = "Chi cục Tiêu chuẩn Đo lường Chất lượng"


class OversightMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OversightMembership

    user = factory.SubFactory(UserFactory)
    body = factory.SubFactory(OversightBodyFactory)
    job_title = "Chuyên viên"
    is_inspector = True


class OversightScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OversightScope

    body = factory.SubFactory(OversightBodyFactory)
    agency = factory.SubFactory(AgencyFactory)
    valid_from = SCOPE_FROM


OVERSIGHT_ROLES = ("oversight_admin", "inspector", "other_overseer")


def the_oversight(agency, outsider_agency) -> dict:
    """The Sở KH&CN of Đồng Nai over `agency` since 2020 with its administrator and its
    inspector, and another province's Sở over `outsider_agency` with an inspector ("another
    body's member": never sees `agency`). Oversight users are members of no agency."""
    body = OversightBodyFactory(
        agency=AgencyFactory(
            name="Sở Khoa học và Công nghệ tỉnh Đồng Nai", short_name="SKHCN-DN", symbol="SKHCN"
        ),
        name="Sở Khoa học và Công nghệ tỉnh Đồng Nai",
        slug="dong-nai",
    )
    other = OversightBodyFactory(
        agency=AgencyFactory(
            name="Sở Khoa học và Công nghệ tỉnh Bình Phước", short_name="SKHCN-BP", symbol="SKHCN"
        ),
        name="Sở Khoa học và Công nghệ tỉnh Bình Phước",
        region_name="Bình Phước",
        slug="binh-phuoc",
    )
    OversightScopeFactory(body=body, agency=agency)
    OversightScopeFactory(body=other, agency=outsider_agency)
    users = {}
    for key, target, flags in (
        ("oversight_admin", body, {"is_administrator": True, "is_inspector": False}),
        ("inspector", body, {"is_inspector": True}),
        ("other_overseer", other, {"is_administrator": True, "is_inspector": True}),
    ):
        user = UserFactory(username=key, first_name=key.replace("_", " ").title(), last_name="")
        OversightMembershipFactory(user=user, body=target, **flags)
        users[key] = user
    return users
