"""Invitations in real headless Chromium (issue 17): the administrator invites an email from the
people page and sees it pending (email only) with "Gửi lại" and "Hủy lời mời"; the new person
opens the link, is told a mismatch next to the field, then sets name and password and lands
logged in; the used link then says it was used. Photographed at 1280 and 375 px
(var/screenshots/invitations/); none scrolls sideways, no console error."""

import re

import pytest

from agencies.models import Invitation, Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "tran.thi.binh@example.gov.vn"


def _token(mail) -> str:
    return re.search(r"/people/invitation/([\w-]+)/", mail.body).group(1)


def test_an_invitation_from_the_people_page_to_a_new_member(
    agency, department, people, browser, mailoutbox
):
    with browser() as pages:
        page = pages.page
        pages.login("administrator")
        pages.goto(f"/people/{agency.pk}/add/")
        pages.shoot("invitations/add")
        page.fill("#id_email", EMAIL)
        page.click("[data-testid=member-add-submit]")
        page.locator("[data-testid=pending-invitations]").wait_for()
        assert EMAIL in page.locator("[data-testid=invitation-row]").inner_text()
        pages.shoot("invitations/list-pending")
        pages.logout()
        assert pages.console_errors == [] and pages.overflowing == []

    token = _token(mailoutbox[-1])
    assert not Membership.objects.filter(user__email=EMAIL).exists()

    with browser() as pages:
        page = pages.page
        pages.goto(f"/people/invitation/{token}/")
        pages.shoot("invitations/accept-new")
        page.fill("#id_full_name", "Trần Thị Bình")
        page.fill("#id_password1", "Mục tiêu chất lượng 2026!")
        page.fill("#id_password2", "khác hẳn")
        page.click("[data-testid=invitation-accept]")
        assert "không khớp" in page.locator(".invalid-feedback").first.inner_text()
        pages.shoot("invitations/accept-error")
        page.fill("#id_password1", "Mục tiêu chất lượng 2026!")
        page.fill("#id_password2", "Mục tiêu chất lượng 2026!")
        page.click("[data-testid=invitation-accept]")
        page.wait_for_url(pages.base_url + "/")
        pages.shoot("invitations/welcome")
        pages.goto(f"/people/invitation/{token}/")
        page.locator("[data-testid=invitation-refused]").wait_for()
        pages.shoot("invitations/used")
        # The used link answers 410 on purpose (the page says why); nothing else may fail.
        assert [e for e in pages.console_errors if "410" not in e] == []
        assert pages.overflowing == []

    membership = Membership.objects.get(user__email=EMAIL, agency=agency)
    assert membership.user.get_full_name() == "Trần Thị Bình"
    assert Invitation.objects.get().accepted_by == membership.user
