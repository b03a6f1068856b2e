"""Logging in and out, changing the password, resetting it by email (through the queue)."""

import re

from django.urls import reverse
from post_office.models import Email

from tests.objectives.views_support import client_for

PASSWORD = "demo-Password-1"


def test_it_logs_in_with_a_message(client, people):
    page = client.get(reverse("login"))
    assert page.status_code == 200 and "Quên mật khẩu?" in page.content.decode()
    response = client.post(
        reverse("login"), {"username": "iso_officer", "password": PASSWORD}, follow=True
    )
    assert response.context["user"].username == "iso_officer"
    assert [str(m) for m in response.context["messages"]] == ["Đăng nhập thành công."]


def test_it_keeps_the_user_name_when_the_password_is_wrong(client, people):
    response = client.post(reverse("login"), {"username": "iso_officer", "password": "sai"})
    assert response.status_code == 200
    assert 'value="iso_officer"' in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_it_logs_out_with_a_message_and_refuses_get(people):
    client = client_for(people["staff"])
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"), follow=True)
    assert not response.context["user"].is_authenticated
    assert [str(m) for m in response.context["messages"]] == ["Bạn đã đăng xuất."]


def test_it_changes_the_password(people):
    client = client_for(people["staff"])
    data = {
        "old_password": PASSWORD,
        "new_password1": "Mat-khau-moi-2025",
        "new_password2": "Mat-khau-moi-2025",
    }
    response = client.post(reverse("password_change"), data, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Đã đổi mật khẩu."]
    people["staff"].refresh_from_db()
    assert people["staff"].check_password("Mat-khau-moi-2025")


def test_it_keeps_the_old_password_when_the_change_is_invalid(people):
    client = client_for(people["staff"])
    data = {"old_password": "sai", "new_password1": "a", "new_password2": "b"}
    assert client.post(reverse("password_change"), data).status_code == 200
    people["staff"].refresh_from_db()
    assert people["staff"].check_password(PASSWORD)


def test_it_resets_the_password_by_a_queued_email(client, people, settings):
    response = client.post(reverse("password_reset"), {"email": "staff@example.gov.vn"})
    assert response.status_code == 302
    mail = Email.objects.get()
    assert mail.to == ["staff@example.gov.vn"] and "Đặt lại mật khẩu" in mail.subject
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.message).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    data = {"new_password1": "Mat-khau-moi-2025", "new_password2": "Mat-khau-moi-2025"}
    done = client.post(form_page.redirect_chain[-1][0], data, follow=True)
    assert "Đã đặt mật khẩu mới" in done.content.decode()
    people["staff"].refresh_from_db()
    assert people["staff"].check_password("Mat-khau-moi-2025")


def test_it_does_not_reveal_unknown_addresses(client, people, settings):
    response = client.post(reverse("password_reset"), {"email": "ai-do@example.com"}, follow=True)
    assert response.status_code == 200
    assert Email.objects.count() == 0


def test_reset_links_for_one_address_stop_after_three_an_hour_without_saying_so(
    client, people, settings
):
    for _ in range(5):
        response = client.post(reverse("password_reset"), {"email": "Staff@example.gov.vn"})
        assert response.status_code == 302  # the same answer every time
        assert response["Location"] == reverse("password_reset_done")
    assert Email.objects.count() == 3
    # another person's address is not held back by it
    client.post(reverse("password_reset"), {"email": "head@example.gov.vn"})
    assert Email.objects.filter(to=["head@example.gov.vn"]).count() == 1


def test_reset_requests_from_one_machine_are_refused_beyond_the_limit(client, people, settings):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = (2, 3600)
    for address in ("a@example.com", "b@example.com"):
        assert client.post(reverse("password_reset"), {"email": address}).status_code == 302
    response = client.post(reverse("password_reset"), {"email": "staff@example.gov.vn"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "quá nhiều yêu cầu đặt lại mật khẩu" in html and 'value="staff@example.gov.vn"' in html
    assert Email.objects.count() == 0
    # another machine may still ask
    other = client.post(
        reverse("password_reset"), {"email": "staff@example.gov.vn"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302 and Email.objects.count() == 1
