"""A province onboards in the browser (issue 20): the Sở KH&CN's administrator imports three
agencies from an XLSX list (a first file with errors, every one located on the page), invites
their administrators; one accepts from the link in the sent mail, sets the agency up, adds a
department, invites an ISO officer and a head, who accept in their own browsers; the ISO officer
starts the year's objective set. Photographed at 1280 and 375 px (var/screenshots/onboarding/);
no page scrolls sideways, no console error."""

import datetime
import re

import pytest
from openpyxl import Workbook

from agencies.models import (
    Agency,
    Invitation,
    Membership,
    OversightBody,
    OversightMembership,
    OversightScope,
)
from objectives.models import ObjectiveSet
from tests.browser.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headers as people type them: some without accents, some in capitals.
HEADER = ["co quan chu quan", "Tên cơ quan", "Tên in trên văn bản", "TEN VIET TAT", "Ký hiệu",
          "Địa danh", "Chức danh thủ trưởng", "Chức danh cấp phó", "Ky TM.",
          "Tên tập thể"]  # fmt: skip
ROWS = [
    ["UBND TỈNH ĐỒNG NAI", "Sở Tư pháp tỉnh Đồng Nai", "SỞ TƯ PHÁP", "STP Đồng Nai", "STP",
     "Đồng Nai", "Giám đốc", "Phó Giám đốc", "", ""],
    ["UBND TỈNH ĐỒNG NAI", "Sở Y tế tỉnh Đồng Nai", "SỞ Y TẾ", "SYT Đồng Nai", "SYT",
     "Đồng Nai", "Giám đốc", "Phó Giám đốc", "không", ""],
    ["UBND TỈNH ĐỒNG NAI", "Ủy ban nhân dân xã Phú Lý", "", "UBND xã Phú Lý", "UBND",
     "Phú Lý", "Chủ tịch", "Phó Chủ tịch", "có", "Ủy ban nhân dân"],
]  # fmt: skip
ADMIN_EMAILS = ["qt.stp@example.gov.vn", "qt.syt@example.gov.vn", "qt.phuly@example.gov.vn"]
NEW_PASSWORD = "Mục tiêu chất lượng 2026!"


def _xlsx(path, rows) -> str:
    workbook = Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return str(path)


def _link(mail) -> str:
    return re.search(r"(/people/invitation/[\w-]+/)", mail.body).group(1)


def _mail_to(outbox, email):
    return [m for m in outbox if email in m.to][-1]


def _accept(pages, link, name, shot=None):
    page = pages.page
    pages.goto(link)
    if shot:
        pages.shoot(shot)
    page.fill("#id_full_name", name)
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.click("[data-testid=invitation-accept]")
    page.wait_for_url(pages.base_url + "/")


def test_a_province_onboards_three_agencies_and_one_starts_its_year(browser, tmp_path, mailoutbox):
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
    admin = UserFactory(username="skhcn.admin", first_name="Trần Minh Khoa", last_name="")
    OversightMembership.objects.create(user=admin, body=body, is_administrator=True)
    bad = _xlsx(tmp_path / "sai.xlsx", [ROWS[0], [*ROWS[1][:3], "STP Đồng Nai", "", *ROWS[1][5:]],
                                        [*ROWS[2][:9], ""]])  # fmt: skip
    good = _xlsx(tmp_path / "co-quan.xlsx", ROWS)

    with browser() as pages:
        page = pages.page
        pages.login("skhcn.admin", PASSWORD)
        pages.goto("/people/oversight/")
        page.locator("[data-testid=body-agencies], .card").first.wait_for()
        pages.goto(f"/people/oversight/{body.pk}/agencies/import/")
        page.set_input_files("#id_file", bad)
        page.click("[data-testid=import-submit]")
        page.locator("[data-testid=import-errors]").wait_for()
        errors = page.locator("[data-testid=import-error]").all_inner_texts()
        assert any("3" in e and "trùng với dòng 2" in e for e in errors)
        assert any("Ký hiệu" in e and "không được để trống" in e for e in errors)
        assert any("4" in e and "tên tập thể" in e for e in errors)
        pages.shoot("onboarding/agency-import-errors")
        page.set_input_files("#id_file", good)
        page.click("[data-testid=import-submit]")
        page.wait_for_url(re.compile(rf"/people/oversight/{body.pk}/$"))
        assert page.locator("[data-testid=agency-row]").count() == 3
        for short_name, email in zip(
            ("STP Đồng Nai", "SYT Đồng Nai", "UBND xã Phú Lý"), ADMIN_EMAILS, strict=True
        ):
            row = page.locator(f"[data-testid=agency-row][data-short-name='{short_name}']")
            row.locator("[data-testid=agency-invite]").click()
            page.fill("#id_email", email)
            page.click("[data-testid=agency-invite-submit]")
            page.wait_for_url(re.compile(rf"/people/oversight/{body.pk}/$"))
        assert page.locator("[data-testid=agency-invitation]").count() == 3
        pages.shoot("onboarding/body-agencies")
        assert pages.console_errors == [] and pages.overflowing == []

    justice = Agency.objects.get(short_name="STP Đồng Nai")
    assert (
        OversightScope.objects.filter(
            body=body, agency__short_name__in=[r[3] for r in ROWS]
        ).count()
        == 3
    )  # noqa: E501
    assert (
        Invitation.objects.filter(
            agency__in=Agency.objects.filter(oversight_scopes__body=body)
        ).count()
        == 3
    )  # noqa: E501
    admin_link = _link(_mail_to(mailoutbox, ADMIN_EMAILS[0]))
    year = datetime.date.today().year

    with browser() as pages:
        page = pages.page
        _accept(pages, admin_link, "Lê Văn Tâm", shot="onboarding/accept-agency-admin")
        pages.goto(f"/people/{justice.pk}/")
        page.click("[data-testid=agency-settings-link]")
        page.fill("#id_address", "Số 1 Nguyễn Ái Quốc, Biên Hòa")
        page.fill("#id_quality_policy", "Công khai, minh bạch, đúng hẹn.")
        page.click("[data-testid=agency-settings-save]")
        page.locator(".alert-success").wait_for()
        pages.shoot("onboarding/agency-settings")
        pages.goto(f"/people/{justice.pk}/departments/")
        page.fill("#id_name", "Phòng Hành chính tư pháp")
        page.fill("#id_abbreviation", "HCTP")
        page.click("[data-testid=department-add-submit]")
        page.locator("[data-testid=department-row]").first.wait_for()
        for email, role in (
            ("iso.stp@example.gov.vn", "iso_officer"),
            ("gd.stp@example.gov.vn", "head"),
        ):
            pages.goto(f"/people/{justice.pk}/add/")
            page.fill("#id_email", email)
            page.uncheck("input[name=roles][value=staff]")
            page.check(f"input[name=roles][value={role}]")
            page.click("[data-testid=member-add-submit]")
            page.locator("[data-testid=pending-invitations]").wait_for()
        assert page.locator("[data-testid=invitation-row]").count() == 2
        assert pages.console_errors == [] and pages.overflowing == []

    iso_link = _link(_mail_to(mailoutbox, "iso.stp@example.gov.vn"))
    head_link = _link(_mail_to(mailoutbox, "gd.stp@example.gov.vn"))

    with browser() as pages:
        _accept(pages, head_link, "Nguyễn Thị Hạnh")
        officer = pages.another_session()
        _accept(officer, iso_link, "Phạm Quốc Bảo")
        page = officer.page
        officer.goto("/sets/new/")
        page.fill("#id_blank-year", str(year))
        page.click("#start-blank button[type=submit]")
        page.wait_for_url(re.compile(r"/sets/\d+/edit/$"))
        officer.shoot("onboarding/first-set")
        assert pages.console_errors == [] and officer.console_errors == []

    roles = {
        m.user.email: m.roles
        for m in Membership.objects.filter(agency=justice).select_related("user")
    }
    assert "administrator" in roles[ADMIN_EMAILS[0]]
    assert roles["iso.stp@example.gov.vn"] == ["iso_officer"]
    assert roles["gd.stp@example.gov.vn"] == ["head"]
    assert ObjectiveSet.objects.filter(agency=justice, year=year, department=None).exists()
