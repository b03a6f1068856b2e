"""The public pages in real headless Chromium: a province, an agency, a year with its results,
in Vietnamese and English, at 1280 and 375 px (var/screenshots/public-*), none scrolling
sideways, no CSP error, axe-core clean, and printed without the frame."""

import datetime
from decimal import Decimal

import pytest

from monitoring.models import PeriodConfirmation, Result
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_staff_journey import axe_browser, check_clean  # noqa: F401
from tests.factories import UserFactory
from tests.publication.conftest import THIS_YEAR, province  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _results(province):  # noqa: F811
    province.agency.publishes_results = True
    province.agency.publishes_department_sets = True
    province.agency.save()
    user = UserFactory()
    quarter = (datetime.date(THIS_YEAR, 1, 1), datetime.date(THIS_YEAR, 3, 31))
    for objective, value in zip(province.in_force.objectives.all(), ("97.5", "88"), strict=True):
        Result.objects.create(
            target=objective.targets.get(),
            period_key=f"{THIS_YEAR}-Q1",
            period_start=quarter[0],
            period_end=quarter[1],
            value=Decimal(value),
            recorded_by=user,
        )
    PeriodConfirmation.objects.create(
        agency=province.agency,
        period_key=f"{THIS_YEAR}-Q1",
        period_start=quarter[0],
        period_end=quarter[1],
        confirmed_by=user,
    )


def test_public_pages_read_well_on_every_screen(province, axe_browser):  # noqa: F811
    _results(province)
    urls = {
        "public-province": province.url("province"),
        "public-agency": province.url(),
        "public-year": province.url("year", year=THIS_YEAR),
    }

    with axe_browser() as pages:
        page = pages.page
        for name, url in urls.items():
            pages.goto(url)
            pages.shoot(name)
        pages.goto(urls["public-agency"] + "?lang=en")
        assert page.locator("html").get_attribute("lang") == "en"
        pages.shoot("public-agency-en")
        pages.goto(urls["public-year"])
        assert page.locator("[data-testid=public-results]").count() == 2
        page.emulate_media(media="print")
        assert not page.locator(".public-header").is_visible()
        assert not page.locator("[data-testid=public-pdf]").first.is_visible()
        page.screenshot(path=str(SCREENSHOTS / "public-year-print.png"), full_page=True)
        page.emulate_media(media="screen")
        check_clean(pages)
