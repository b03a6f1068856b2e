"""The people services refuse what an administrator may not do, and change nothing then."""

import pytest
from django.contrib.auth import get_user_model

from agencies import services
from agencies.models import Invitation, Membership
from qms_objectives.errors import WorkflowError
from tests.factories import DepartmentFactory, MembershipFactory, UserFactory


def _state():
    return (
        list(Membership.objects.order_by("pk").values()),
        get_user_model().objects.count(),
        list(Invitation.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("role", ["staff", "iso_officer", "head", "outsider"])
def test_only_administrators_of_the_agency_manage_people(agency, people, role):
    staff = Membership.objects.get(user=people["staff"], agency=agency)
    before = _state()
    calls = [
        lambda: services.member_add(
            agency=agency, actor=people[role], email="a@example.gov.vn", full_name="A B"
        ),
        lambda: services.member_update(
            membership=staff, actor=people[role], department=None, roles=["head"]
        ),
        lambda: services.member_deactivate(membership=staff, actor=people[role]),
        lambda: services.member_password_reset_send(membership=staff, actor=people[role]),
    ]
    for call in calls:
        with pytest.raises(WorkflowError) as error:
            call()
        assert error.value.code == "forbidden"
    assert _state() == before


def test_it_refuses_a_department_of_another_agency(agency, outsider_agency, people):
    foreign = DepartmentFactory(agency=outsider_agency)
    staff = Membership.objects.get(user=people["staff"], agency=agency)
    before = _state()

    with pytest.raises(WorkflowError):
        services.member_update(
            membership=staff, actor=people["administrator"], department=foreign, roles=["staff"]
        )
    with pytest.raises(WorkflowError):
        services.member_add(
            agency=agency,
            actor=people["administrator"],
            email="x@example.gov.vn",
            full_name="X Y",
            department=foreign,
        )
    assert _state() == before


def test_the_last_administrator_keeps_the_role(agency, people):
    admin = Membership.objects.get(user=people["administrator"], agency=agency)
    second = MembershipFactory(
        user=UserFactory(username="admin2"), agency=agency, is_administrator=True
    )

    with pytest.raises(WorkflowError) as error:
        services.member_deactivate(membership=admin, actor=admin.user)
    assert error.value.code == "self"

    services.member_deactivate(membership=second, actor=admin.user)
    with pytest.raises(WorkflowError) as error:
        services.member_update(membership=admin, actor=admin.user, department=None, roles=["staff"])
    assert error.value.code == "last_administrator"
    admin.refresh_from_db()
    assert admin.is_administrator


def test_a_locked_account_is_not_reactivated(agency, people):
    locked = UserFactory(username="locked", is_active=False)
    MembershipFactory(user=locked, agency=agency, is_active=False)
    before = _state()

    with pytest.raises(WorkflowError) as error:
        services.member_add(agency=agency, actor=people["administrator"], email=locked.email)

    assert error.value.code == "inactive"
    assert _state() == before


def test_two_members_with_one_email_are_not_guessed_between(agency, people):
    for username, email in (("twin1", "twin@example.gov.vn"), ("twin2", "TWIN@example.gov.vn")):
        MembershipFactory(user=UserFactory(username=username, email=email), agency=agency)
    before = _state()

    with pytest.raises(WorkflowError) as error:
        services.member_add(
            agency=agency, actor=people["administrator"], email="twin@example.gov.vn"
        )

    assert error.value.code == "duplicate_email"
    assert _state() == before


def test_adding_someone_who_is_not_a_member_only_invites_them(agency, people):
    """Whether they have an account (elsewhere) or not, nothing of it is touched or told."""
    users, memberships = get_user_model().objects.count(), Membership.objects.count()

    new, outcome = services.member_add(
        agency=agency,
        actor=people["administrator"],
        email="an@other.gov.vn",
        full_name="Nguyễn Văn An",
    )
    existing, again = services.member_add(
        agency=agency, actor=people["administrator"], email=people["outsider"].email
    )

    assert outcome == again == services.INVITED
    assert isinstance(new, Invitation) and isinstance(existing, Invitation)
    assert new.suggested_name == "Nguyễn Văn An" and new.invited_by == people["administrator"]
    assert get_user_model().objects.count() == users
    assert Membership.objects.count() == memberships


def test_a_returning_member_is_reactivated(agency, people):
    membership = Membership.objects.get(user=people["staff"], agency=agency)
    services.member_deactivate(membership=membership, actor=people["administrator"])

    again, outcome = services.member_add(
        agency=agency, actor=people["administrator"], email=people["staff"].email, roles=["head"]
    )

    assert outcome == services.REACTIVATED and again.pk == membership.pk
    assert again.is_active and again.roles == ["head"]
