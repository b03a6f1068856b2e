"""The live character count under the editor's long boxes (issue 17), in headless Chromium: it
appears on the form htmx swaps in, follows typing, turns red past the limit, and the box keeps
everything pasted (no maxlength)."""

import pytest

from tests.objectives.views_support import set_with_objectives

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_objective_form_counts_characters_and_never_cuts_a_paste(agency, people, browser):
    draft = set_with_objectives(agency, year=2025)
    with browser() as pages:
        pages.login("iso_officer")
        pages.goto(f"/sets/{draft.pk}/edit/")
        pages.page.locator("[data-testid=objective-row]").first.locator(
            "[data-testid=edit-objective]"
        ).click()
        form = pages.page.locator("[data-testid=objective-form]")
        form.wait_for()
        box = form.locator("textarea[name=content]")
        counter = box.locator("xpath=following-sibling::*[@data-testid='char-count'][1]")
        box.fill("Hồ sơ")
        assert counter.inner_text() == "5 / 4.000 ký tự"
        assert "text-danger" not in (counter.get_attribute("class") or "")
        box.fill("a" * 4001)
        assert counter.inner_text() == "4.001 / 4.000 ký tự"
        assert "text-danger" in counter.get_attribute("class")
        assert len(box.input_value()) == 4001
        assert pages.console_errors == [], pages.console_errors
