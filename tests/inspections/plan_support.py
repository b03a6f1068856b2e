"""The world of the annual plan's tests: the Sở KH&CN of Đồng Nai (tests/factories_oversight.py
`the_oversight`) over agency A and five more agencies since 2020, one of which left its scope at
the end of 2023; the body's agency with its head and records officer; its administrator
("oversight_admin") and inspector ("inspector"); another province's overseer."""

import datetime

from agencies.models import Agency
from agencies.oversight import forget_oversight_memberships
from agencies.permissions import forget_memberships
from tests.factories import AgencyFactory, MembershipFactory, UserFactory
from tests.factories_oversight import OversightScopeFactory, the_oversight

YEAR = 2025


def plan_world(agency, outsider_agency, people) -> dict:
    """The users by role (people + overseers + the body's head "body_head" and records officer
    "body_records"), and the body."""
    users = dict(people)
    users.update(the_oversight(agency, outsider_agency))
    body = users["inspector"].oversight_memberships.get().body
    for n in range(1, 6):
        OversightScopeFactory(
            body=body, agency=AgencyFactory(name=f"Sở Ngành số {n:02d}", symbol=f"S{n}")
        )
    OversightScopeFactory(
        body=body,
        agency=AgencyFactory(name="Ban Quản lý đã chuyển đi"),
        valid_until=datetime.date(YEAR - 2, 12, 31),
    )
    # The body's agency is a Sở: its head signs "GIÁM ĐỐC" (the_oversight makes it an office).
    Agency.objects.filter(pk=body.agency_id).update(
        head_title="Giám đốc", deputy_title="Phó Giám đốc"
    )
    body.refresh_from_db()
    for key, flags in (
        ("body_head", {"is_head": True}),
        ("body_records", {"is_records_officer": True}),
    ):
        user = UserFactory(username=key)
        MembershipFactory(user=user, agency=body.agency, **flags)
        users[key] = user
    for user in users.values():
        forget_memberships(user)
        forget_oversight_memberships(user)
    return {"users": users, "body": body}
