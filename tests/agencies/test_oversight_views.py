"""The oversight body's pages (/people/oversight/<body>/…): its administrator creates agencies
one by one, invites each agency's administrator, and manages the body's people; its inspector
gets 403, an agency's administrator and an outsider 404. Refused actions change nothing."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agencies import services
from agencies.models import (
    Agency,
    GoverningBodyTerm,
    Invitation,
    OversightMembership,
    OversightScope,
)
from tests.agencies.snapshots import snapshot

NEW_AGENCY = {
    "governing_body": "UBND TỈNH ĐỒNG NAI",
    "name": "Sở Tư pháp tỉnh Đồng Nai",
    "name_in_documents": "SỞ TƯ PHÁP",
    "short_name": "STP Đồng Nai",
    "symbol": "STP",
    "place_name": "Đồng Nai",
    "head_title": "Giám đốc",
    "deputy_title": "Phó Giám đốc",
    "collective_name": "",
}


def _urls(body, agency, membership):
    return {
        "agencies": reverse("agencies:body_agencies", args=[body.pk]),
        "create": reverse("agencies:body_agency_create", args=[body.pk]),
        "import": reverse("agencies:body_agency_import", args=[body.pk]),
        "template": reverse("agencies:body_agency_import_template", args=[body.pk]),
        "invite": reverse("agencies:agency_invite", args=[body.pk, agency.pk]),
        "people": reverse("agencies:body_people", args=[body.pk]),
        "member_add": reverse("agencies:body_member_add", args=[body.pk]),
        "member_edit": reverse("agencies:body_member_edit", args=[body.pk, membership.pk]),
    }


@pytest.mark.parametrize(
    ("role", "code"),
    [("oversight_admin", 200), ("inspector", 403), ("administrator", 404), ("outsider", 404)],
)
def test_only_the_body_administrator_opens_its_pages(client, body, overseers, agency, role, code):
    inspector = OversightMembership.objects.get(user=overseers["inspector"])
    client.force_login(overseers[role])
    for name, url in _urls(body, agency, inspector).items():
        assert client.get(url).status_code == code, name


@pytest.mark.parametrize("role", ["inspector", "administrator", "outsider"])
def test_refused_posts_change_nothing(client, body, overseers, agency, role):
    inspector = OversightMembership.objects.get(user=overseers["inspector"])
    urls = _urls(body, agency, inspector)
    client.force_login(overseers[role])
    before = snapshot()
    for url, data in (
        (urls["create"], NEW_AGENCY),
        (urls["invite"], {"email": "qt@example.gov.vn"}),
        (urls["member_add"], {"email": "x@example.gov.vn", "roles": ["inspector"]}),
        (urls["member_edit"], {"roles": ["oversight_administrator"]}),
        (reverse("agencies:body_member_deactivate", args=[body.pk, inspector.pk]), {}),
    ):
        assert client.post(url, data).status_code in (403, 404)
    assert snapshot() == before


def test_the_administrator_creates_an_agency_under_the_body(
    client, body, overseers, django_capture_on_commit_callbacks
):
    client.force_login(overseers["oversight_admin"])
    response = client.post(reverse("agencies:body_agency_create", args=[body.pk]), NEW_AGENCY)
    created = Agency.objects.get(short_name="STP Đồng Nai")
    assert response.status_code == 302
    assert response["Location"] == reverse("agencies:agency_invite", args=[body.pk, created.pk])
    assert created.printed_name == "SỞ TƯ PHÁP" and created.governing_body == "UBND TỈNH ĐỒNG NAI"
    scope = OversightScope.objects.get(agency=created)
    assert scope.body == body and scope.valid_until is None
    assert GoverningBodyTerm.objects.get(agency=created).name == "UBND TỈNH ĐỒNG NAI"
    # The body's list shows it, waiting for its administrator.
    page = client.get(reverse("agencies:body_agencies", args=[body.pk])).content.decode()
    assert "Sở Tư pháp tỉnh Đồng Nai" in page and "Chưa có quản trị" in page


def test_a_taken_short_name_is_said_next_to_the_field_and_nothing_is_saved(
    client, body, overseers, agency
):
    client.force_login(overseers["oversight_admin"])
    before = snapshot()
    response = client.post(
        reverse("agencies:body_agency_create", args=[body.pk]),
        {**NEW_AGENCY, "short_name": agency.short_name},
    )
    assert response.status_code == 400
    assert "short_name" in response.context["form"].errors
    assert snapshot() == before


def test_a_collective_agency_needs_its_collective_name(client, body, overseers):
    client.force_login(overseers["oversight_admin"])
    response = client.post(
        reverse("agencies:body_agency_create", args=[body.pk]),
        {**NEW_AGENCY, "is_collective": "on"},
    )
    assert response.status_code == 400
    assert "collective_name" in response.context["form"].errors


def test_the_administrator_invites_an_agency_administrator_and_sees_the_state(
    client, body, overseers, agency, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(overseers["oversight_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agencies:agency_invite", args=[body.pk, agency.pk]),
            {"email": "quan.tri@stp.example.gov.vn", "full_name": "Lê Văn Tâm"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(agency=agency, email="quan.tri@stp.example.gov.vn")
    assert (
        invitation.roles == ["administrator"]
        and invitation.invited_by == overseers["oversight_admin"]
    )
    assert body.name in mailoutbox[-1].body and "quản trị của" in mailoutbox[-1].body
    page = client.get(reverse("agencies:body_agencies", args=[body.pk])).content.decode()
    assert "quan.tri@stp.example.gov.vn" in page and "Đã mời" in page
    # Sent again (new link), then cancelled, from the body's list.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agencies:body_invitation_resend", args=[body.pk, invitation.pk]))
    assert len(mailoutbox) == 2
    client.post(reverse("agencies:body_invitation_cancel", args=[body.pk, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None


def test_the_body_never_invites_to_an_agency_outside_its_scope(
    client, body, overseers, outsider_agency
):
    client.force_login(overseers["oversight_admin"])
    before = snapshot()
    url = reverse("agencies:agency_invite", args=[body.pk, outsider_agency.pk])
    assert client.post(url, {"email": "qt@example.gov.vn"}).status_code == 404
    assert snapshot() == before


def test_the_body_administrator_cannot_touch_the_agency_staff_invitations(
    client, body, overseers, agency, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_invitation = services.invitation_send(
            agency=agency, actor=overseers["administrator"], email="cb@example.gov.vn"
        )
    client.force_login(overseers["oversight_admin"])
    url = reverse("agencies:body_invitation_cancel", args=[body.pk, staff_invitation.pk])
    assert client.post(url).status_code == 404
    staff_invitation.refresh_from_db()
    assert staff_invitation.cancelled_at is None


def test_the_body_people_page_invites_changes_roles_and_keeps_an_administrator(
    client, body, overseers, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(overseers["oversight_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agencies:body_member_add", args=[body.pk]),
            {"email": "kiem.tra@skhcn.example.gov.vn", "roles": ["inspector"]},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(oversight_body=body)
    assert invitation.roles == ["inspector"] and "theo dõi, kiểm tra" in mailoutbox[-1].body
    inspector = OversightMembership.objects.get(user=overseers["inspector"])
    client.post(
        reverse("agencies:body_member_edit", args=[body.pk, inspector.pk]),
        {"roles": ["inspector", "oversight_administrator"], "job_title": "Trưởng phòng"},
    )
    inspector.refresh_from_db()
    assert inspector.is_administrator and inspector.job_title == "Trưởng phòng"
    own = OversightMembership.objects.get(user=overseers["oversight_admin"])
    client.post(
        reverse("agencies:body_member_deactivate", args=[body.pk, inspector.pk]),
    )
    inspector.refresh_from_db()
    assert not inspector.is_active
    # Now the only administrator: losing the role is refused, and said on the form.
    response = client.post(
        reverse("agencies:body_member_edit", args=[body.pk, own.pk]), {"roles": ["inspector"]}
    )
    assert response.status_code == 400 and "ít nhất một quản trị" in response.content.decode()
    own.refresh_from_db()
    assert own.is_administrator


def test_the_template_is_an_xlsx_with_the_columns(client, body, overseers):
    client.force_login(overseers["oversight_admin"])
    response = client.get(reverse("agencies:body_agency_import_template", args=[body.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Cơ quan chủ quản", "Tên cơ quan", "Tên in trên văn bản", "Tên viết tắt"]
    assert sheet.max_row == 2  # the header and the example


def test_body_home_goes_to_the_administered_body(client, body, overseers):
    client.force_login(overseers["oversight_admin"])
    response = client.get(reverse("agencies:body_home"))
    assert response["Location"] == reverse("agencies:body_agencies", args=[body.pk])
    client.force_login(overseers["inspector"])
    assert client.get(reverse("agencies:body_home")).status_code == 403


@pytest.mark.parametrize(
    ("roles", "administers"),
    [(["oversight_administrator", "inspector"], True), (["inspector"], False)],
)
def test_a_new_body_member_accepts_from_the_link_and_lands_where_they_may(
    client, body, overseers, django_capture_on_commit_callbacks, mailoutbox, roles, administers
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_send(
            body=body, actor=overseers["oversight_admin"], email="moi@example.gov.vn", roles=roles
        )
    link = re.search(r"(/people/invitation/[\w-]+/)", mailoutbox[-1].body).group(1)
    page = client.get(link)
    assert body.name in page.content.decode()
    response = client.post(
        link,
        {"full_name": "Đỗ Văn Hùng", "password1": "Kiểm tra 2026!", "password2": "Kiểm tra 2026!"},
    )
    membership = OversightMembership.objects.get(user__email="moi@example.gov.vn")
    assert membership.body == body and membership.is_administrator == administers
    expected = reverse("agencies:body_agencies", args=[body.pk]) if administers else "/"
    assert response["Location"] == expected
