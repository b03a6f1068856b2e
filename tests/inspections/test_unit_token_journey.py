"""In real headless Chromium: the team leader of the inspecting unit has the approved minutes
numbered for the unit's USB token, downloads them, signs them outside (here with the test CA)
and uploads them; the minutes then wait for the agency. Photographed at 1280 and 375 px
(var/screenshots/inspections/token-*); none scrolls sideways, no console error."""

import datetime

import pytest

from tests import pki
from tests.browser.conftest import browser, chromium  # noqa: F401 (the browser fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_team_leader_signs_the_minutes_with_the_units_token(
    settings,
    tmp_path,
    approved,
    ca,
    browser,  # noqa: F811
):
    settings.SITE_URL = "https://qms.example.gov.vn"
    token = pki.make_certificate(ca, "Sở KH&CN token")
    url = approved.get_absolute_url()
    signed_file = tmp_path / "bien-ban-da-ky.pdf"

    with browser() as pages:
        page = pages.page
        pages.login("inspector")
        pages.goto(url)
        page.locator("[data-testid=prepare-unit]").wait_for()
        pages.shoot("inspections/token-to-number")
        page.fill("#id_token-number", "9")
        page.fill("#id_token-issued_on", datetime.date(2024, 5, 15).isoformat())
        page.click("[data-testid=prepare-unit]")
        page.locator("[data-testid=upload-unit]").wait_for()
        pages.shoot("inspections/token-to-upload")
        # The link opens the PDF in the browser's viewer; fetched with the page's session.
        href = page.locator("[data-testid=minutes-to-sign]").get_attribute("href")
        answer = page.context.request.get(pages.base_url + href)
        assert answer.ok and answer.headers["content-type"] == "application/pdf"
        unsigned = answer.body()
        assert pages.console_errors == [] and pages.overflowing == []

    # Signed in the token's software (pyHanko runs its own event loop: outside the browser's).
    signed_file.write_bytes(pki.sign(unsigned, token, ca, field_name="DonViKiemTra"))

    with browser() as pages:
        page = pages.page
        pages.login("inspector")
        pages.goto(url)
        page.set_input_files("input[name=file]", str(signed_file))
        page.click("[data-testid=upload-unit]")
        page.locator("[data-testid=minutes-prepared]").wait_for()
        status = page.locator("[data-testid=minutes-status]").inner_text()
        pages.shoot("inspections/token-signed-by-unit")
        assert pages.console_errors == [] and pages.overflowing == []

    assert status == "Đơn vị kiểm tra đã ký, chờ cơ quan ký"
    approved.refresh_from_db()
    assert approved.awaiting_agency and approved.number_and_symbol == "09/BB-SKHCN"
    with approved.prepared_file.open("rb") as stored:
        assert stored.read() == signed_file.read_bytes()
