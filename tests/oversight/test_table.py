"""The oversight body's table: every agency of its scope in that year with that year's
governing body, filters (governing body, status, late), sorting, the XLSX export, a constant
number of queries whatever the number of agencies, and the 2025 mergers (an agency moved on
01/07/2025 from Quảng Nam's body to Đà Nẵng's shows under each for its own years). The inspector
and administrator of the body read it; anyone else gets 404."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import GoverningBodyTerm
from documents.models import Status
from oversight.models import AgencyYearSummary, Deadline, DeadlineKind, ObjectivesStatus
from oversight.table_cache import body_key, raise_versions
from tests.factories import AgencyFactory, ObjectiveSetFactory, UserFactory
from tests.factories_oversight import (
    OversightBodyFactory,
    OversightMembershipFactory,
    OversightScopeFactory,
)


def _table(client, body, year=2024, **query):
    return client.get(reverse("oversight:table", args=[body.pk, year]), query)


def _names(response) -> list[str]:
    return [row.name for row in response.context["rows"]]


@pytest.mark.parametrize(
    ("role", "status"),
    [("inspector", 200), ("oversight_admin", 200), ("other_overseer", 404), ("iso_officer", 404)],
)
def test_only_the_bodys_members_open_it(client, people, overseers, body, role, status):
    client.force_login({**people, **overseers}[role])
    assert _table(client, body).status_code == status
    xlsx = client.get(reverse("oversight:table_xlsx", args=[body.pk, 2024]))
    assert xlsx.status_code == status


def test_it_lists_the_scope_of_the_year_with_status_and_never_another_bodys_agency(
    client, overseers, body, agency, outsider_agency
):
    ObjectiveSetFactory(agency=agency, year=2024, published=True, with_objectives=2)
    client.force_login(overseers["inspector"])
    response = _table(client, body)
    assert _names(response) == [agency.name]
    row = response.context["rows"][0]
    assert row.status == ObjectivesStatus.PUBLISHED
    assert '<td class="text-end">2</td>' in row.html  # the number of objectives
    assert outsider_agency.name not in response.content.decode()


def _agencies_in(body, names_and_bodies):
    made = []
    for name, governing, status in names_and_bodies:
        agency = AgencyFactory(name=name, governing_body=governing)
        OversightScopeFactory(body=body, agency=agency)
        if status:
            ObjectiveSetFactory(agency=agency, year=2024, status=status, with_objectives=1)
        made.append(agency)
    return made


def test_it_filters_by_governing_body_status_and_lateness_and_sorts(client, overseers, body):
    _agencies_in(
        body,
        [
            ("Sở Tư pháp", "UBND TỈNH ĐỒNG NAI", Status.PUBLISHED),
            ("UBND xã Phú Lý", "UBND HUYỆN VĨNH CỬU", Status.DRAFT),
            ("Ban Dân tộc", "UBND TỈNH ĐỒNG NAI", None),
        ],
    )
    Deadline.objects.create(
        body=body,
        year=2024,
        kind=DeadlineKind.OBJECTIVES_PUBLISHED,
        due_on=datetime.date(2024, 1, 31),
    )
    client.force_login(overseers["inspector"])
    governed = _table(client, body, governing_body="UBND HUYỆN VĨNH CỬU")
    assert _names(governed) == ["UBND xã Phú Lý"]
    drafts = _table(client, body, status="draft")
    assert _names(drafts) == ["UBND xã Phú Lý"]
    late = _table(client, body, late="on")
    # Published today (after 31/01/2024) is late too; never published is late.
    assert set(_names(late)) >= {"UBND xã Phú Lý", "Ban Dân tộc"}
    by_status = _names(_table(client, body, sort="status", desc="on"))
    assert by_status[0] == "Sở Tư pháp"


def test_the_xlsx_export_has_a_row_per_agency_shown(client, overseers, body, agency):
    _agencies_in(body, [("Sở Nội vụ", "UBND TỈNH ĐỒNG NAI", Status.SUBMITTED)])
    client.force_login(overseers["oversight_admin"])
    response = client.get(reverse("oversight:table_xlsx", args=[body.pk, 2024]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert sorted(r[1] for r in rows) == sorted([agency.name, "Sở Nội vụ"])
    submitted = next(r for r in rows if r[1] == "Sở Nội vụ")
    assert submitted[3] == "Chờ duyệt"


def _queries(client, body) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert _table(client, body).status_code == 200
    return len(queries)


def _cold_queries(client, body) -> int:
    raise_versions([body_key(body.pk)])  # the cached rows retired
    return _queries(client, body)


def test_it_needs_the_same_queries_for_3_and_30_agencies(client, overseers, body):
    client.force_login(overseers["inspector"])

    def add(count):
        for number in range(count):
            agency = AgencyFactory()
            OversightScopeFactory(body=body, agency=agency)
            GoverningBodyTerm.objects.create(
                agency=agency, name=f"UBND HUYỆN {number}", valid_from=datetime.date(2020, 1, 1)
            )
            AgencyYearSummary.objects.create(
                agency=agency,
                year=2024,
                objectives_status=ObjectivesStatus.PUBLISHED,
                periods=[
                    {"key": "2024-Q1", "end": "2024-03-31", "expected": 3, "recorded": 3,
                     "complete_on": "2024-04-05"},
                ],
            )  # fmt: skip

    add(2)  # with agency A: 3
    _queries(client, body)  # warm the session
    cold, warm = _cold_queries(client, body), _queries(client, body)
    add(27)
    assert len(_table(client, body).context["rows"]) == 30
    assert (_cold_queries(client, body), _queries(client, body)) == (cold, warm)
    # A cache hit reads none of the table's four queries, only what every page reads: the
    # session, the user, the body, the user's memberships and unread notifications.
    assert warm == cold - 4
    assert warm <= 6


@pytest.fixture
def merger(db):
    """Quảng Nam's Sở KH&CN until 30/06/2025, Đà Nẵng's since 01/07/2025, and an agency that
    moved from one to the other with its governing body."""
    quang_nam = OversightBodyFactory(name="Sở KH&CN tỉnh Quảng Nam", slug="quang-nam")
    da_nang = OversightBodyFactory(name="Sở KH&CN thành phố Đà Nẵng", slug="da-nang")
    moved = AgencyFactory(name="Sở Tư pháp (Quảng Nam cũ)")
    OversightScopeFactory(
        body=quang_nam,
        agency=moved,
        valid_from=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2025, 6, 30),
    )
    OversightScopeFactory(body=da_nang, agency=moved, valid_from=datetime.date(2025, 7, 1))
    GoverningBodyTerm.objects.create(
        agency=moved,
        name="UBND TỈNH QUẢNG NAM",
        valid_from=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2025, 6, 30),
    )
    GoverningBodyTerm.objects.create(
        agency=moved, name="UBND THÀNH PHỐ ĐÀ NẴNG", valid_from=datetime.date(2025, 7, 1)
    )
    users = {}
    for key, body in (("quang_nam", quang_nam), ("da_nang", da_nang)):
        users[key] = UserFactory(username=f"inspector_{key}")
        OversightMembershipFactory(user=users[key], body=body)
    return quang_nam, da_nang, moved, users


def test_a_past_year_shows_that_years_scope_and_governing_body(client, merger):
    quang_nam, da_nang, moved, users = merger
    client.force_login(users["quang_nam"])
    past = _table(client, quang_nam, 2024)
    assert _names(past) == [moved.name]
    assert past.context["rows"][0].governing_body == "UBND TỈNH QUẢNG NAM"
    assert _names(_table(client, quang_nam, 2026)) == []

    client.force_login(users["da_nang"])
    future = _table(client, da_nang, 2026)
    assert _names(future) == [moved.name]
    assert future.context["rows"][0].governing_body == "UBND THÀNH PHỐ ĐÀ NẴNG"
    assert _names(_table(client, da_nang, 2024)) == []
    # 2025: under both for their halves; each shows the name in force at the end of the year.
    assert _names(_table(client, da_nang, 2025)) == [moved.name]
