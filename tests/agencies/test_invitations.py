"""Adding someone by email sends an invitation (issue 17): no membership and nothing of the
person (not even whether they have an account) until the owner of the email accepts. Only the
agency's administrator invites, sends again and cancels; the link is single use, expires, dies
when sent again or cancelled, and its token is never stored in clear."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agencies import services
from agencies.models import Invitation, Membership
from qms_objectives.errors import WorkflowError
from tests.factories import UserFactory
from tests.objectives.reading_data import published_set

# The agency administrator may; the ISO officer (the set's editor) and a member of another
# agency (who administers theirs) may not.
REFUSED = ["iso_officer", "outsider"]
NEW_EMAIL = "tran.thi.binh@example.gov.vn"


def _token(mail) -> str:
    return re.search(r"/people/invitation/([\w-]+)/", mail.body).group(1)


def _state():
    return (
        list(Invitation.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
        list(
            get_user_model()
            .objects.order_by("pk")
            .values("pk", "username", "email", "first_name", "last_name", "password", "is_active")
        ),
    )


@pytest.fixture
def invite(agency, people, django_capture_on_commit_callbacks, mailoutbox):
    """Invite an email as the administrator; returns (invitation, token from the email)."""

    def _invite(email=NEW_EMAIL, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            invitation, outcome = services.member_add(
                agency=agency, actor=people["administrator"], email=email, **fields
            )
        assert outcome == services.INVITED
        return invitation, _token(mailoutbox[-1])

    return _invite


def _accept_url(token: str) -> str:
    return reverse("agencies:invitation_accept", args=[token])


# --- who may invite, send again, cancel ---------------------------------------------------------


def test_the_administrator_invites_sends_again_and_cancels(
    client, agency, department, people, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(people["administrator"])
    data = {"email": NEW_EMAIL, "department": department.pk, "roles": ["iso_officer", "staff"]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("agencies:member_add", args=[agency.pk]), data)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.department, invitation.roles) == (
        NEW_EMAIL,
        department,
        ["iso_officer", "staff"],
    )
    [mail] = mailoutbox
    assert mail.to == [NEW_EMAIL] and agency.name in mail.body
    listed = client.get(reverse("agencies:member_list", args=[agency.pk])).text
    assert NEW_EMAIL in listed and "Lời mời chưa nhận" in listed

    with django_capture_on_commit_callbacks(execute=True):
        url = reverse("agencies:invitation_resend", args=[agency.pk, invitation.pk])
        assert client.post(url).status_code == 302
    assert len(mailoutbox) == 2 and _token(mailoutbox[1]) != _token(mailoutbox[0])

    url = reverse("agencies:invitation_cancel", args=[agency.pk, invitation.pk])
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    listed = client.get(reverse("agencies:member_list", args=[agency.pk])).text
    assert 'data-testid="pending-invitations"' not in listed


@pytest.mark.parametrize("role", REFUSED)
def test_others_cannot_invite_send_again_or_cancel_and_nothing_changes(
    client, agency, people, role, invite, django_capture_on_commit_callbacks, mailoutbox
):
    invitation, _token_ = invite()
    sent = len(mailoutbox)
    before = _state()
    client.force_login(people[role])
    expected = 404 if role == "outsider" else 403

    with django_capture_on_commit_callbacks(execute=True):
        add = client.post(
            reverse("agencies:member_add", args=[agency.pk]),
            {"email": "moi@example.gov.vn", "roles": ["staff"]},
        )
        resend = client.post(reverse("agencies:invitation_resend", args=[agency.pk, invitation.pk]))
        cancel = client.post(reverse("agencies:invitation_cancel", args=[agency.pk, invitation.pk]))
    assert [add.status_code, resend.status_code, cancel.status_code] == [expected] * 3

    for call in (
        lambda: services.invitation_send(agency=agency, actor=people[role], email="x@example.vn"),
        lambda: services.invitation_resend(invitation=invitation, actor=people[role]),
        lambda: services.invitation_cancel(invitation=invitation, actor=people[role]),
    ):
        with pytest.raises(WorkflowError) as error:
            call()
        assert error.value.code == "forbidden"
    assert _state() == before and len(mailoutbox) == sent


def test_an_administrator_of_another_agency_cannot_touch_our_invitations(
    client, agency, outsider_agency, people, invite
):
    """The outsider administers their own agency: our invitation is 404 even under theirs."""
    invitation, _token_ = invite()
    before = _state()
    client.force_login(people["outsider"])
    for name in ("invitation_resend", "invitation_cancel"):
        url = reverse(f"agencies:{name}", args=[outsider_agency.pk, invitation.pk])
        assert client.post(url).status_code == 404
    assert _state() == before


def test_the_actions_need_post(client, agency, people, invite):
    invitation, _token_ = invite()
    client.force_login(people["administrator"])
    for name in ("invitation_resend", "invitation_cancel"):
        url = reverse(f"agencies:{name}", args=[agency.pk, invitation.pk])
        assert client.get(url).status_code == 405


# --- an existing account of another agency -------------------------------------------------------


def test_a_person_of_another_agency_is_neither_added_nor_named_until_they_accept(
    client, agency, people, invite
):
    outsider = people["outsider"]
    outsider.first_name, outsider.last_name = "Lê Văn", "Khách"
    outsider.save()
    objective_set = published_set(agency)
    memberships = Membership.objects.filter(user=outsider).count()
    client.force_login(people["administrator"])

    response = client.post(
        reverse("agencies:member_add", args=[agency.pk]),
        {"email": outsider.email.upper(), "roles": ["staff"]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Lê Văn Khách" not in response.text  # not in the message, not in the list
    assert Membership.objects.filter(user=outsider).count() == memberships
    client.force_login(people["iso_officer"])
    readers = client.get(reverse("objectives:reading_readers", args=[objective_set.pk]))
    assert "Lê Văn Khách" not in readers.text

    invitation = Invitation.objects.get()
    assert invitation.email.lower() == outsider.email.lower() and invitation.accepted_at is None


def test_an_existing_account_logs_in_and_accepts(client, agency, outsider_agency, people, invite):
    outsider = people["outsider"]
    invitation, token = invite(email=outsider.email.upper(), roles=["records_officer"])
    url = _accept_url(token)

    page = client.get(url)  # not logged in: asked to log in as the invited email
    assert page.status_code == 200 and "Đăng nhập để nhận lời mời" in page.text
    assert client.post(url).status_code == 302  # to the login page, nothing accepted
    assert not Membership.objects.filter(user=outsider, agency=agency).exists()

    client.force_login(outsider)
    assert client.get(url).status_code == 200
    response = client.post(url)

    assert response.status_code == 302
    membership = Membership.objects.get(user=outsider, agency=agency)
    assert membership.is_active and membership.roles == ["records_officer"]
    assert Membership.objects.get(user=outsider, agency=outsider_agency).is_active
    invitation.refresh_from_db()
    assert invitation.accepted_by == outsider and invitation.accepted_at is not None
    client.force_login(people["administrator"])
    listed = client.get(reverse("agencies:member_list", args=[agency.pk])).text
    assert outsider.get_full_name() in listed


def test_only_the_owner_of_the_email_accepts(client, agency, people, invite):
    invitation, token = invite(email=people["outsider"].email)
    before = _state()
    client.force_login(people["staff"])

    page = client.get(_accept_url(token))
    post = client.post(_accept_url(token))

    assert page.status_code == 403 and post.status_code == 403
    assert "không phải email của tài khoản đang đăng nhập" in post.text
    assert _state() == before
    with pytest.raises(WorkflowError) as error:
        services.invitation_accept(invitation=invitation, user=people["staff"])
    assert error.value.code == "not_yours"


# --- a new person ------------------------------------------------------------------------------


def test_a_new_person_sets_name_and_password_and_becomes_a_member(
    client, agency, department, invite
):
    # The username is taken (by someone with another email): the next free one is used.
    UserFactory(username="tran.thi.binh", email="khac@example.gov.vn")
    invitation, token = invite(department=department, roles=["staff"], full_name="Trần Bình")
    url = _accept_url(token)
    assert not get_user_model().objects.filter(email__iexact=NEW_EMAIL).exists()

    page = client.get(url)
    assert page.status_code == 200 and 'value="Trần Bình"' in page.text

    bad = client.post(url, {"full_name": "Trần Thị Bình", "password1": "x", "password2": "y"})
    assert bad.status_code == 400 and "Hai mật khẩu không khớp nhau." in bad.text
    assert not get_user_model().objects.filter(email__iexact=NEW_EMAIL).exists()

    password = "Mục tiêu chất lượng 2026!"
    data = {"full_name": " Trần  Thị Bình ", "password1": password, "password2": password}
    response = client.post(url, data)

    assert response.status_code == 302
    user = get_user_model().objects.get(email__iexact=NEW_EMAIL)
    assert user.get_full_name() == "Trần Thị Bình" and user.check_password(password)
    assert user.username == "tran.thi.binh2"
    membership = Membership.objects.get(user=user, agency=agency)
    assert membership.department == department and membership.roles == ["staff"]
    assert client.get(reverse("home")).wsgi_request.user == user  # logged in


# --- the link: single use, expiry, sent again, cancelled, hashed ---------------------------------


def _new_person(password="Mục tiêu chất lượng 2026!"):
    return {"full_name": "Trần Thị Bình", "password1": password, "password2": password}


def test_a_link_serves_once(client, invite):
    invitation, token = invite()
    assert client.post(_accept_url(token), _new_person()).status_code == 302
    client.logout()
    before = _state()

    again = client.post(_accept_url(token), _new_person())

    assert again.status_code == 410 and "chỉ dùng được một lần" in again.text
    assert _state() == before


def test_an_expired_link_is_refused(client, settings, invite):
    settings.INVITATION_EXPIRY_DAYS = 3
    invitation, token = invite()
    assert invitation.expires_at - invitation.sent_at == timedelta(days=3)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    before = _state()

    page = client.get(_accept_url(token))
    post = client.post(_accept_url(token), _new_person())

    assert page.status_code == 410 and "đã hết hạn" in page.text
    assert post.status_code == 410
    assert _state() == before


def test_sending_again_kills_the_old_link_and_cancelling_kills_the_new(
    client, agency, people, invite, django_capture_on_commit_callbacks, mailoutbox
):
    invitation, old = invite()
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(invitation=invitation, actor=people["administrator"])
    new = _token(mailoutbox[-1])

    assert client.get(_accept_url(old)).status_code == 404
    assert client.get(_accept_url(new)).status_code == 200

    services.invitation_cancel(invitation=invitation, actor=people["administrator"])
    before = _state()
    refused = client.post(_accept_url(new), _new_person())
    assert refused.status_code == 410 and "đã bị quản trị cơ quan hủy" in refused.text
    assert _state() == before


def test_the_token_is_not_stored_in_clear(invite):
    invitation, token = invite()
    row = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert all(token not in str(value) for value in row.values())
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()


def test_an_unknown_link_says_so(client, db):
    response = client.get(_accept_url("not-a-token"))
    assert response.status_code == 404 and "Đường dẫn mời không đúng" in response.text


def test_accepting_needs_the_csrf_token(agency, invite):
    invitation, token = invite()
    before = _state()
    response = Client(enforce_csrf_checks=True).post(_accept_url(token), _new_person())
    assert response.status_code == 403
    assert _state() == before


def test_inviting_the_same_email_twice_is_refused_next_to_the_field(client, agency, people, invite):
    invite()
    client.force_login(people["administrator"])
    response = client.post(
        reverse("agencies:member_add", args=[agency.pk]),
        {"email": NEW_EMAIL.upper(), "roles": ["staff"]},
    )
    assert response.status_code == 400
    assert "đã được mời" in response.text and "invalid-feedback" in response.text
    assert Invitation.objects.count() == 1
