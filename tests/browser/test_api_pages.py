"""The API's pages in real headless Chromium (issue 22): the Swagger UI at /api/v1/docs/ loads
from this server only, under the site's Content Security Policy (no violation in the console),
and lists the operations; the agency administrator makes a token (shown once), sees it listed
by its first characters, and revokes it — the key then gets 401. Photographed at 1280 and 375 px
(var/screenshots/api/)."""

import json
import urllib.error
import urllib.request

import pytest

from api.models import ApiToken

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_lists_the_operations_without_a_csp_violation(agency, browser):
    requested = []
    with browser() as pages:
        page = pages.page
        page.on("request", lambda request: requested.append(request.url))
        pages.goto("/api/v1/docs/")
        page.locator(".opblock").first.wait_for()
        listed = page.locator(".opblock-summary-path").all_inner_texts()
        pages.shoot("api/docs")
        errors = list(pages.console_errors)

    assert "/api/v1/agencies" in listed and "/api/v1/scope/sets/{set_id}/evaluation" in listed
    assert len(listed) >= 14
    assert errors == [], errors
    outside = [url for url in requested if not url.startswith(pages.base_url)]
    assert outside == [] or all(url.startswith("data:") for url in outside), outside


def _get(url: str, key: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310 (the live server)
            json.load(response)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_administrator_makes_a_token_sees_it_once_and_revokes_it(agency, people, browser):
    with browser() as pages:
        page = pages.page
        pages.login("administrator")
        pages.goto(f"/api-tokens/agency/{agency.pk}/")
        pages.shoot("api/tokens-empty")
        page.fill("#id_name", "Cổng thông tin điện tử của Văn phòng")
        page.click("[data-testid=token-create]")
        page.locator("[data-testid=token-created]").wait_for()
        key = page.locator("[data-testid=token-key]").input_value()
        pages.shoot("api/tokens-created")
        pages.goto(f"/api-tokens/agency/{agency.pk}/")
        shown_again = key in page.content()
        row = page.locator("[data-testid=token-row]").inner_text()
        url = pages.base_url + f"/api/v1/scope/agencies/{agency.pk}"
        before = _get(url, key)
        page.click("[data-testid=token-revoke]")
        page.locator("[data-testid=revoked-tokens]").wait_for()
        pages.shoot("api/tokens-revoked")
        after = _get(url, key)
        errors, overflowing = list(pages.console_errors), list(pages.overflowing)

    token = ApiToken.objects.get()
    assert key.startswith("qms_") and token.token_hash == ApiToken.hash_key(key)
    assert not shown_again and token.prefix in row
    assert (before, after) == (200, 401)
    assert token.revoked_by == people["administrator"]
    assert errors == [] and overflowing == []
