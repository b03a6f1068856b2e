"""The scale data set's oversight body (issue 20): the province's Sở Khoa học và Công nghệ over
every scale agency from the first year, its administrator and inspector, each agency's
governing body by year (the district-level ones end with the 2025 reorganisation), the body's
deadlines for the last year, and the yearly summaries the table reads (bulk writes send no
signals, so they are computed here)."""

import datetime

from django.contrib.auth import get_user_model

from agencies.models import (
    Agency,
    GoverningBodyTerm,
    OversightBody,
    OversightMembership,
    OversightScope,
)
from oversight.models import Deadline, DeadlineKind
from oversight.summaries import summaries_rebuild

MERGER = datetime.date(2025, 7, 1)


def oversight_username(prefix: str, key: str) -> str:
    """ "scale-oversight-inspector", "scale-oversight-admin"."""
    return f"{prefix.lower()}-oversight-{key}"


def _terms(agency: Agency, first_year: int) -> list[GoverningBodyTerm]:
    start = datetime.date(first_year, 1, 1)
    if agency.name.startswith("UBND huyện") and start < MERGER:
        return [
            GoverningBodyTerm(
                agency=agency,
                name="UBND TỈNH ĐỒNG NAI (cấp huyện)",
                valid_from=start,
                valid_until=MERGER - datetime.timedelta(days=1),
            ),
            GoverningBodyTerm(agency=agency, name="UBND TỈNH ĐỒNG NAI", valid_from=MERGER),
        ]
    return [GoverningBodyTerm(agency=agency, name=agency.governing_body, valid_from=start)]


def oversight_create(*, size, password_hash: str, agency_ids: list[int]) -> OversightBody:
    first = datetime.date(size.year_range[0], 1, 1)
    # Bulk-written like the rest of the set: no history rows.
    [own] = Agency.objects.bulk_create(
        [
            Agency(
                name="Sở Khoa học và Công nghệ tỉnh Đồng Nai (quy mô)",
                short_name=f"SKHCN-{size.prefix}",
                symbol="SKHCN",
                governing_body="UBND TỈNH ĐỒNG NAI",
                place_name="Đồng Nai",
                head_title="Giám đốc Sở",
                deputy_title="Phó Giám đốc Sở",
            )
        ]
    )
    [body] = OversightBody.objects.bulk_create(
        [
            OversightBody(
                agency=own,
                name=own.name,
                region_name="Đồng Nai",
                slug=f"{size.prefix.lower()}-dong-nai",
                inspecting_unit="Phòng Tiêu chuẩn Đo lường Chất lượng",
            )
        ]
    )
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=oversight_username(size.prefix, key),
            first_name=name,
            last_name="Trần",
            email=f"{oversight_username(size.prefix, key)}@example.gov.vn",
            password=password_hash,
        )
        for key, name in (("admin", "Quản trị"), ("inspector", "Kiểm tra viên"))
    )
    OversightMembership.objects.bulk_create(
        [
            OversightMembership(user=users[0], body=body, is_administrator=True),
            OversightMembership(user=users[1], body=body, is_inspector=True),
        ]
    )
    agencies = list(Agency.objects.filter(pk__in=agency_ids))
    OversightScope.objects.bulk_create(
        OversightScope(body=body, agency=a, valid_from=first) for a in agencies
    )
    GoverningBodyTerm.objects.bulk_create(t for a in agencies for t in _terms(a, first.year))
    last = size.year_range[-1]
    Deadline.objects.bulk_create(
        [
            Deadline(
                body=body,
                year=last,
                kind=DeadlineKind.OBJECTIVES_PUBLISHED,
                due_on=datetime.date(last, 1, 31),
            ),
            Deadline(
                body=body, year=last, kind=DeadlineKind.RESULTS_REPORTED, days_after_period=10
            ),
        ]
    )
    summaries_rebuild(years=list(size.year_range), agency_ids=agency_ids)
    return body
