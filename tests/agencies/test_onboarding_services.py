"""agencies/onboarding.py: an oversight body set up by the installation's administrator, its
people, the agencies it creates, and the move of an agency (the 2025 mergers). Each refusal
(an agency's administrator, the body's inspector, an outsider) changes nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from agencies import onboarding, services
from agencies.models import (
    Agency,
    GoverningBodyTerm,
    Invitation,
    OversightBody,
    OversightMembership,
    OversightRole,
    OversightScope,
)
from agencies.oversight import agency_ids_in_scope, oversees
from qms_objectives.errors import WorkflowError
from tests.agencies.snapshots import snapshot
from tests.factories import UserFactory

DETAILS = onboarding.AgencyDetails(
    name="Sở Tư pháp tỉnh Đồng Nai",
    short_name="STP Đồng Nai",
    symbol="STP",
    place_name="Đồng Nai",
    head_title="Giám đốc",
    governing_body="UBND TỈNH ĐỒNG NAI",
)
MERGER = datetime.date(2025, 7, 1)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.gov.vn", "x-Pass-123")


@pytest.fixture
def other_body(outsider_agency):
    own = Agency.objects.create(
        name="Sở Khoa học và Công nghệ thành phố Đà Nẵng",
        short_name="SKHCN Đà Nẵng",
        symbol="SKHCN",
        place_name="Đà Nẵng",
        head_title="Giám đốc",
    )
    return OversightBody.objects.create(
        agency=own,
        name="Sở Khoa học và Công nghệ thành phố Đà Nẵng",
        region_name="Đà Nẵng",
        slug="da-nang",
        inspecting_unit="Phòng Tiêu chuẩn Đo lường Chất lượng",
    )


@pytest.mark.parametrize("role", ["administrator", "inspector", "outsider"])
def test_only_the_body_administrator_creates_agencies(body, overseers, role):
    before = snapshot()
    with pytest.raises(WorkflowError) as refused:
        onboarding.agency_create(body=body, actor=overseers[role], details=DETAILS)
    assert refused.value.code == "forbidden"
    assert snapshot() == before


def test_a_created_agency_is_in_scope_from_today_with_its_governing_body(body, overseers):
    agency = onboarding.agency_create(
        body=body, actor=overseers["oversight_admin"], details=DETAILS
    )
    assert agency.pk in agency_ids_in_scope(body)
    assert oversees(overseers["inspector"], agency.pk)
    term = GoverningBodyTerm.objects.get(agency=agency)
    assert (term.name, term.valid_until) == ("UBND TỈNH ĐỒNG NAI", None)
    assert agency.history.count() == 1  # the creation's history row


def test_many_agencies_are_created_all_or_none(body, overseers, agency):
    before = snapshot()
    clash = onboarding.AgencyDetails(**{**DETAILS.__dict__, "short_name": agency.short_name})
    with pytest.raises(WorkflowError):
        onboarding.agencies_create(
            body=body, actor=overseers["oversight_admin"], rows=[DETAILS, clash]
        )
    assert snapshot() == before


def test_the_installation_administrator_creates_a_body_and_invites_its_administrator(
    superuser, django_capture_on_commit_callbacks, mailoutbox
):
    details = onboarding.AgencyDetails(
        name="Sở Khoa học và Công nghệ tỉnh Đồng Nai",
        short_name="SKHCN Đồng Nai",
        symbol="SKHCN",
        place_name="Đồng Nai",
        head_title="Giám đốc",
        governing_body="UBND TỈNH ĐỒNG NAI",
    )
    with django_capture_on_commit_callbacks(execute=True):
        body, invitation = onboarding.oversight_body_create(
            actor=None,
            name="Sở Khoa học và Công nghệ tỉnh Đồng Nai",
            region_name="Đồng Nai",
            slug="dong-nai",
            inspecting_unit="Phòng Tiêu chuẩn Đo lường Chất lượng",
            invited_by=superuser,
            admin_email="qt@skhcn.example.gov.vn",
            agency_details=details,
        )
    assert body.agency.short_name == "SKHCN Đồng Nai"
    assert invitation.oversight_body == body
    assert OversightRole.ADMINISTRATOR in invitation.roles
    assert "Sở Khoa học và Công nghệ tỉnh Đồng Nai" in mailoutbox[-1].subject


def test_a_body_invitation_accepted_makes_an_oversight_membership(
    body, overseers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            body=body,
            actor=overseers["oversight_admin"],
            email="moi@skhcn.example.gov.vn",
            roles=[OversightRole.INSPECTOR],
            job_title="Chuyên viên",
        )
    user, membership = services.invitation_accept_new_account(
        invitation=invitation, full_name="Phạm Thị Lan", password="Mục tiêu 2026!"
    )
    assert isinstance(membership, OversightMembership)
    assert membership.body == body and membership.is_inspector and not membership.is_administrator
    assert membership.job_title == "Chuyên viên" and user.get_full_name() == "Phạm Thị Lan"
    assert not user.memberships.exists()  # a member of no agency


def test_a_deactivated_body_member_is_reactivated_by_a_new_invitation(
    body, overseers, django_capture_on_commit_callbacks
):
    inspector = OversightMembership.objects.get(user=overseers["inspector"])
    onboarding.oversight_member_deactivate(membership=inspector, actor=overseers["oversight_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(
            body=body,
            actor=overseers["oversight_admin"],
            email=overseers["inspector"].email,
            roles=[OversightRole.ADMINISTRATOR],
        )
    services.invitation_accept(invitation=invitation, user=overseers["inspector"])
    inspector.refresh_from_db()
    assert inspector.is_active and inspector.is_administrator and not inspector.is_inspector


@pytest.mark.parametrize("role", ["administrator", "inspector", "outsider"])
def test_only_the_body_administrator_invites_to_the_body(body, overseers, role):
    before = snapshot()
    with pytest.raises(WorkflowError):
        services.invitation_send(body=body, actor=overseers[role], email="x@example.gov.vn")
    assert snapshot() == before


def test_the_body_invites_only_an_agency_administrator(body, overseers, agency):
    before = snapshot()
    with pytest.raises(WorkflowError):
        services.invitation_send(
            agency=agency,
            actor=overseers["oversight_admin"],
            email="x@example.gov.vn",
            roles=["iso_officer"],
        )
    assert snapshot() == before
    invitation = onboarding.agency_administrator_invite(
        agency=agency, actor=overseers["oversight_admin"], email="qt@example.gov.vn"
    )
    assert invitation.roles == ["administrator"]


def test_the_body_never_invites_into_an_agency_outside_its_scope(body, overseers, outsider_agency):
    before = snapshot()
    with pytest.raises(WorkflowError):
        onboarding.agency_administrator_invite(
            agency=outsider_agency, actor=overseers["oversight_admin"], email="q@example.gov.vn"
        )
    assert snapshot() == before


def test_the_last_body_administrator_is_kept(body, overseers):
    own = OversightMembership.objects.get(user=overseers["oversight_admin"])
    before = snapshot()
    with pytest.raises(WorkflowError) as refused:
        onboarding.oversight_member_update(
            membership=own, actor=overseers["oversight_admin"], roles=[OversightRole.INSPECTOR]
        )
    assert refused.value.code == "last_administrator"
    with pytest.raises(WorkflowError):
        onboarding.oversight_member_deactivate(membership=own, actor=overseers["oversight_admin"])
    assert snapshot() == before


# --- the move -------------------------------------------------------------------------------


@pytest.fixture
def quang_nam(body, overseers):
    """An agency of Quảng Nam created on 01/01/2024 under the body."""
    agency = onboarding.agency_create(
        body=body,
        actor=overseers["oversight_admin"],
        details=onboarding.AgencyDetails(
            **{**DETAILS.__dict__, "governing_body": "UBND TỈNH QUẢNG NAM"}
        ),
    )
    GoverningBodyTerm.objects.filter(agency=agency).update(valid_from=datetime.date(2024, 1, 1))
    OversightScope.objects.filter(agency=agency).update(valid_from=datetime.date(2024, 1, 1))
    return agency


def test_a_move_closes_the_old_rows_the_day_before_and_opens_new_ones(
    quang_nam, body, other_body, superuser
):
    onboarding.agency_move(
        agency=quang_nam,
        governing_body="UBND THÀNH PHỐ ĐÀ NẴNG",
        body=other_body,
        on=MERGER,
        actor=superuser,
    )
    quang_nam.refresh_from_db()
    assert quang_nam.governing_body == "UBND THÀNH PHỐ ĐÀ NẴNG"
    terms = list(GoverningBodyTerm.objects.filter(agency=quang_nam).order_by("valid_from"))
    assert [(t.name, t.valid_from, t.valid_until) for t in terms] == [
        ("UBND TỈNH QUẢNG NAM", datetime.date(2024, 1, 1), datetime.date(2025, 6, 30)),
        ("UBND THÀNH PHỐ ĐÀ NẴNG", MERGER, None),
    ]
    # 2024 was under the old body; 2025 under both (half a year each); today the new one.
    assert quang_nam.pk in agency_ids_in_scope(body, year=2024)
    assert quang_nam.pk not in agency_ids_in_scope(other_body, year=2024)
    assert quang_nam.pk in agency_ids_in_scope(body, year=2025)
    assert quang_nam.pk in agency_ids_in_scope(other_body, year=2025)
    assert quang_nam.pk not in agency_ids_in_scope(body)
    assert quang_nam.pk in agency_ids_in_scope(other_body)


@pytest.mark.parametrize("role", ["oversight_admin", "administrator", "outsider"])
def test_only_the_installation_administrator_moves_an_agency(
    quang_nam, other_body, overseers, role
):
    before = snapshot()
    with pytest.raises(WorkflowError) as refused:
        onboarding.agency_move(
            agency=quang_nam,
            governing_body="UBND THÀNH PHỐ ĐÀ NẴNG",
            body=other_body,
            on=MERGER,
            actor=overseers[role],
        )
    assert refused.value.code == "forbidden"
    assert snapshot() == before


def test_a_move_before_the_current_term_started_is_refused(quang_nam, other_body, superuser):
    before = snapshot()
    with pytest.raises(WorkflowError) as refused:
        onboarding.agency_move(
            agency=quang_nam,
            governing_body="UBND THÀNH PHỐ ĐÀ NẴNG",
            body=other_body,
            on=datetime.date(2023, 12, 31),
            actor=superuser,
        )
    assert refused.value.code == "on"
    assert snapshot() == before


def test_a_move_to_where_it_already_is_is_refused(quang_nam, body, superuser):
    with pytest.raises(WorkflowError) as refused:
        onboarding.agency_move(
            agency=quang_nam,
            governing_body="UBND TỈNH QUẢNG NAM",
            body=body,
            on=MERGER,
            actor=superuser,
        )
    assert refused.value.code == "same"


def test_a_future_move_is_refused(quang_nam, other_body, superuser):
    with pytest.raises(WorkflowError):
        onboarding.agency_move(
            agency=quang_nam,
            governing_body="UBND THÀNH PHỐ ĐÀ NẴNG",
            body=other_body,
            on=datetime.date.today() + datetime.timedelta(days=3),
            actor=superuser,
        )


def test_an_inactive_user_is_no_installation_administrator(quang_nam, other_body):
    user = UserFactory(username="former_root", is_superuser=True, is_active=False)
    with pytest.raises(WorkflowError):
        onboarding.agency_move(
            agency=quang_nam, governing_body="X", body=other_body, on=MERGER, actor=user
        )
    assert Invitation.objects.count() == 0
