"""The oversight body of the onboarding tests: Sở Khoa học và Công nghệ tỉnh Đồng Nai over
`agency` since 2020, with an administrator and an inspector (members of no agency)."""

import datetime

import pytest

from agencies.models import Agency, OversightBody, OversightMembership, OversightScope
from tests.factories import UserFactory

SCOPE_FROM = datetime.date(2020, 1, 1)


@pytest.fixture
def body(agency):
    own = Agency.objects.create(
        name="Sở Khoa học và Công nghệ tỉnh Đồng Nai",
        short_name="SKHCN Đồng Nai",
        symbol="SKHCN",
        place_name="Đồng Nai",
        head_title="Giám đốc",
        governing_body="UBND TỈNH ĐỒNG NAI",
    )
    body = OversightBody.objects.create(
        agency=own,
        name="Sở Khoa học và Công nghệ tỉnh Đồng Nai",
        region_name="Đồng Nai",
        slug="dong-nai",
        inspecting_unit="Phòng Tiêu chuẩn Đo lường Chất lượng",
    )
    OversightScope.objects.create(body=body, agency=agency, valid_from=SCOPE_FROM)
    return body


@pytest.fixture
def overseers(body, people):
    """`people` plus the body's administrator ("oversight_admin") and inspector."""
    users = dict(people)
    for key, flags in (
        ("oversight_admin", {"is_administrator": True, "is_inspector": True}),
        ("inspector", {"is_administrator": False, "is_inspector": True}),
    ):
        user = UserFactory(username=key, first_name=key.replace("_", " ").title(), last_name="")
        OversightMembership.objects.create(user=user, body=body, **flags)
        users[key] = user
    return users
