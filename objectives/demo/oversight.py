"""The demo's oversight body (issue 20): the Sở Khoa học và Công nghệ of Đồng Nai over the demo
agencies, with an administrator ("skhcn.admin") and an inspector ("skhcn.inspector"), so that
the body's pages (/people/oversight/, the oversight table) have agencies to show. The demo
keeps its three agencies under one body for that reason, although since the 2025 mergers
Quảng Nam's belong to Đà Nẵng (agencies.onboarding.agency_move records such a move).

Keyed like the rest of the demo: loading twice changes nothing."""

import datetime

from agencies.models import (
    Agency,
    GoverningBodyTerm,
    OversightBody,
    OversightMembership,
    OversightRole,
    OversightScope,
)

from .people import Login, _sync, _user_upsert, agency_upsert

SCOPE_FROM = datetime.date(2023, 1, 1)
BODY_AGENCY = {
    "short_name": "SKHCN Đồng Nai",
    "name": "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
    "governing_body": "UBND TỈNH ĐỒNG NAI",
    "symbol": "SKHCN",
    "place_name": "Đồng Nai",
    "head_title": "Giám đốc",
    "deputy_title": "Phó Giám đốc",
}
# The public pages (publication/) show the Văn phòng's quality policy and, since it chooses to,
# its results. A demo text in the usual wording of a provincial office's policy.
PUBLISHING_AGENCY = "VP UBND Đồng Nai"
POLICY = (
    "Văn phòng UBND tỉnh Đồng Nai cam kết tham mưu, phục vụ sự lãnh đạo, chỉ đạo, điều hành của "
    "UBND tỉnh và Chủ tịch UBND tỉnh kịp thời, chính xác, đúng pháp luật; giải quyết thủ tục hành "
    "chính nhanh chóng, công khai, minh bạch, lấy sự hài lòng của tổ chức, cá nhân làm thước đo "
    "chất lượng phục vụ.\n"
    "Duy trì và thường xuyên cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015."
)
PEOPLE = (
    ("skhcn.admin", "Trần Minh Khoa", "Trưởng phòng Tiêu chuẩn Đo lường Chất lượng", True),
    ("skhcn.inspector", "Võ Thị Ngọc Hân", "Chuyên viên", False),
)


def _terms_upsert(agency: Agency) -> None:
    """The demo agency's governing body as a dated term (the data migration gives one to the
    agencies that existed before it; the demo's are made after)."""
    if agency.governing_body and not agency.governing_body_terms.exists():
        GoverningBodyTerm.objects.create(
            agency=agency, name=agency.governing_body, valid_from=SCOPE_FROM
        )


def oversight_upsert(*, agencies: list[Agency], password: str) -> list[Login]:
    own = agency_upsert(BODY_AGENCY)  # with a specimen seal, as the demo agencies
    body = _sync(
        OversightBody,
        {"slug": "dong-nai"},
        {
            "agency": own,
            "name": BODY_AGENCY["name"],
            "region_name": "Đồng Nai",
            "inspecting_unit": "Phòng Tiêu chuẩn Đo lường Chất lượng",
        },
    )
    for agency in [own, *agencies]:
        _terms_upsert(agency)
    for agency in agencies:
        if not OversightScope.objects.filter(body=body, agency=agency).exists():
            OversightScope.objects.create(body=body, agency=agency, valid_from=SCOPE_FROM)
        if agency.short_name == PUBLISHING_AGENCY and not agency.quality_policy:
            agency.quality_policy = POLICY
            agency.publishes_results = True
            agency.save(update_fields=["quality_policy", "publishes_results"])
    logins = []
    for username, name, job_title, administrator in PEOPLE:
        user = _user_upsert(username, name, password)
        _sync(
            OversightMembership,
            {"user": user, "body": body},
            {
                "job_title": job_title,
                "is_administrator": administrator,
                "is_inspector": True,
                "is_active": True,
            },
        )
        role = OversightRole.ADMINISTRATOR if administrator else OversightRole.INSPECTOR
        logins.append(Login(body.name, str(role.label), username, name))
    return logins
