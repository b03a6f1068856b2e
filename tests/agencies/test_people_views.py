"""The people pages: only the agency's administrators use them; every other member gets 403,
people of other agencies 404, anonymous visitors the login page. Refused actions change
nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from post_office.models import Email

from agencies.models import Invitation, Membership
from tests.factories import MembershipFactory, UserFactory

NON_ADMINISTRATORS = ["staff", "iso_officer", "head", "deputy", "records_officer"]


def _membership(people, role, agency):
    return Membership.objects.get(user=people[role], agency=agency)


def _urls(agency, member):
    args = [agency.pk, member.pk]
    return {
        "get": [
            reverse("agencies:member_list", args=[agency.pk]),
            reverse("agencies:member_add", args=[agency.pk]),
            reverse("agencies:member_import", args=[agency.pk]),
            reverse("agencies:member_edit", args=args),
        ],
        "post": [
            reverse("agencies:member_deactivate", args=args),
            reverse("agencies:member_reactivate", args=args),
            reverse("agencies:member_password_reset", args=args),
            reverse("agencies:member_edit", args=args),
            reverse("agencies:member_add", args=[agency.pk]),
        ],
    }


def _snapshot():
    return (
        list(Membership.objects.order_by("pk").values()),
        list(
            get_user_model()
            .objects.order_by("pk")
            .values("pk", "username", "email", "first_name", "last_name", "password", "is_active")
        ),
        Email.objects.count(),
    )


def test_the_administrator_opens_every_page(client, agency, people):
    client.force_login(people["administrator"])
    for url in _urls(agency, _membership(people, "staff", agency))["get"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", NON_ADMINISTRATORS)
def test_other_members_are_refused_and_nothing_changes(client, agency, people, role):
    urls = _urls(agency, _membership(people, "staff", agency))
    before = _snapshot()
    client.force_login(people[role])

    for url in urls["get"]:
        assert client.get(url).status_code == 403, url
    for url in urls["post"]:
        data = {"email": "new@example.gov.vn", "full_name": "Lê Văn Mới", "roles": ["staff"]}
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("agencies:people_home")).status_code == 403
    assert _snapshot() == before


def test_outsiders_get_404_and_nothing_changes(client, agency, people):
    urls = _urls(agency, _membership(people, "staff", agency))
    before = _snapshot()
    client.force_login(people["outsider"])

    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url, {"email": "x@example.gov.vn"}).status_code == 404, url
    assert _snapshot() == before


def test_an_administrator_cannot_reach_members_of_another_agency(
    client, agency, outsider_agency, people
):
    """Even through their own agency's URLs: a membership id of another agency is 404."""
    foreign = _membership(people, "outsider", outsider_agency)
    before = _snapshot()
    client.force_login(people["administrator"])

    for url in _urls(agency, foreign)["get"][3:] + _urls(agency, foreign)["post"][:4]:
        assert client.get(url).status_code in (404, 405)
        assert client.post(url).status_code == 404, url
    assert _snapshot() == before


def test_anonymous_visitors_are_sent_to_log_in(client, agency, people):
    urls = _urls(agency, _membership(people, "staff", agency))
    for url in urls["get"] + [reverse("agencies:people_home")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_people_home_opens_the_administered_agency(client, agency, people):
    client.force_login(people["administrator"])

    response = client.get(reverse("agencies:people_home"))

    assert response.url == reverse("agencies:member_list", args=[agency.pk])


def test_the_list_shows_only_this_agency(client, agency, outsider_agency, people):
    client.force_login(people["administrator"])

    response = client.get(reverse("agencies:member_list", args=[agency.pk]))

    listed = {m.user for m in response.context["active"]}
    assert people["staff"] in listed and people["outsider"] not in listed
    assert len(listed) == 7


def test_it_adds_a_new_person_with_an_invitation(
    client, agency, department, people, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(people["administrator"])
    data = {
        "email": "Tran.Thi.Binh@Example.gov.vn",
        "full_name": "Trần Thị  Bình",
        "department": department.pk,
        "roles": ["iso_officer", "staff"],
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("agencies:member_add", args=[agency.pk]), data)

    assert response.status_code == 302
    # No account yet (issue 17): the invitation carries the roles; the person sets the rest.
    assert not get_user_model().objects.filter(email__iexact="tran.thi.binh@example.gov.vn")
    invitation = Invitation.objects.get(agency=agency)
    assert invitation.department == department
    assert invitation.roles == ["iso_officer", "staff"]
    [mail] = mailoutbox
    assert mail.to == ["Tran.Thi.Binh@example.gov.vn"]
    assert "/people/invitation/" in mail.body and "Văn phòng UBND tỉnh Đồng Nai" in mail.body


def test_it_invites_an_existing_user_of_another_agency_without_adding_them(
    client, agency, outsider_agency, people
):
    outsider = people["outsider"]
    client.force_login(people["administrator"])
    data = {"email": outsider.email.upper(), "full_name": "", "roles": ["staff"]}

    response = client.post(reverse("agencies:member_add", args=[agency.pk]), data)

    assert response.status_code == 302
    assert get_user_model().objects.filter(email__iexact=outsider.email).count() == 1
    assert Membership.objects.filter(user=outsider).count() == 1
    assert Invitation.objects.filter(agency=agency, email__iexact=outsider.email).exists()
    other = Membership.objects.get(user=outsider, agency=outsider_agency)
    assert other.is_active and other.is_iso_officer


def test_it_refuses_to_add_a_member_twice_and_keeps_the_input(client, agency, people):
    staff = people["staff"]
    before = _snapshot()
    client.force_login(people["administrator"])

    response = client.post(
        reverse("agencies:member_add", args=[agency.pk]),
        {"email": staff.email, "full_name": "Tên khác", "roles": ["head"]},
    )

    assert response.status_code == 400
    assert "đã là thành viên" in response.text
    assert 'value="Tên khác"' in response.text
    assert _snapshot() == before


def test_it_changes_roles_and_department(client, agency, department, people):
    membership = _membership(people, "head", agency)
    client.force_login(people["administrator"])

    response = client.post(
        reverse("agencies:member_edit", args=[agency.pk, membership.pk]),
        {"department": department.pk, "roles": ["deputy", "staff"], "job_title": "Phó Chánh VP"},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.roles == ["deputy", "staff"]
    assert membership.department == department and membership.job_title == "Phó Chánh VP"


def test_it_deactivates_only_this_membership(client, agency, outsider_agency, people):
    staff = people["staff"]
    elsewhere = MembershipFactory(user=staff, agency=outsider_agency, is_iso_officer=True)
    membership = _membership(people, "staff", agency)
    client.force_login(people["administrator"])

    response = client.post(reverse("agencies:member_deactivate", args=[agency.pk, membership.pk]))

    assert response.status_code == 302
    membership.refresh_from_db()
    elsewhere.refresh_from_db()
    staff.refresh_from_db()
    assert not membership.is_active
    assert elsewhere.is_active and elsewhere.is_iso_officer
    assert staff.is_active and staff.has_usable_password()

    client.post(reverse("agencies:member_reactivate", args=[agency.pk, membership.pk]))
    membership.refresh_from_db()
    assert membership.is_active


def test_the_administrator_cannot_remove_themselves(client, agency, people):
    membership = _membership(people, "administrator", agency)
    client.force_login(people["administrator"])

    response = client.post(
        reverse("agencies:member_deactivate", args=[agency.pk, membership.pk]), follow=True
    )

    membership.refresh_from_db()
    assert membership.is_active
    assert "không thể tự ngừng" in response.text


def test_it_sends_a_password_reset_email_without_touching_the_password(
    client, agency, people, django_capture_on_commit_callbacks, mailoutbox
):
    staff = people["staff"]
    password = staff.password
    membership = _membership(people, "staff", agency)
    client.force_login(people["administrator"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agencies:member_password_reset", args=[agency.pk, membership.pk])
        )

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.password == password
    [mail] = mailoutbox
    assert mail.to == [staff.email] and "/accounts/reset/" in mail.body
    assert "Đặt lại mật khẩu" in mail.subject


def test_the_people_pages_need_post_for_changes(client, agency, people):
    membership = _membership(people, "staff", agency)
    client.force_login(people["administrator"])
    for name in ("member_deactivate", "member_reactivate", "member_password_reset"):
        url = reverse(f"agencies:{name}", args=[agency.pk, membership.pk])
        assert client.get(url).status_code == 405


def test_the_list_runs_a_fixed_number_of_queries(
    client, agency, department, people, django_assert_max_num_queries
):
    for n in range(25):
        MembershipFactory(
            user=UserFactory(username=f"member{n}"), agency=agency, department=department
        )
    client.force_login(people["administrator"])

    with django_assert_max_num_queries(10):
        response = client.get(reverse("agencies:member_list", args=[agency.pk]))
    assert response.status_code == 200
