"""The home page (what needs this user now), the agency switcher and the navigation."""

import pytest
from django.urls import reverse

from agencies.membership import SESSION_AGENCY_KEY
from agencies.models import Membership
from documents.models import Status
from tests.factories import AgencyFactory, MembershipFactory
from tests.objectives.views_support import client_for, set_with_objectives


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_shows_the_drafter_the_sets_to_edit_with_the_return_comment(agency, people):
    returned = set_with_objectives(agency, status=Status.RETURNED)
    returned.return_comment = "Chỉ tiêu 3 chưa đo được."
    returned.save()
    response = client_for(people["iso_officer"]).get("/")
    assert response.context["to_edit"] == [returned]
    html = response.content.decode()
    assert "Chỉ tiêu 3 chưa đo được." in html
    assert reverse("objectives:set_edit", args=[returned.pk]) in html


def test_it_shows_approvers_what_awaits_their_decision(agency, people):
    submitted = set_with_objectives(agency, status=Status.SUBMITTED)
    response = client_for(people["deputy"]).get("/")
    assert response.context["to_approve"] == [submitted]
    assert "Chờ anh/chị xem xét, duyệt." in response.content.decode()
    assert response.context["to_edit"] == []


def test_it_shows_the_records_officer_what_awaits_issue(agency, people):
    approved = set_with_objectives(agency, status=Status.APPROVED)
    response = client_for(people["records_officer"]).get("/")
    assert response.context["to_issue"] == [approved]
    assert reverse("objectives:set_issue", args=[approved.pk]) in response.content.decode()


def test_it_shows_the_head_and_deputy_what_awaits_issue_where_nobody_is_records_officer(
    agency, people
):
    Membership.objects.filter(user=people["records_officer"]).update(is_active=False)
    approved = set_with_objectives(agency, status=Status.APPROVED)
    for role in ("head", "deputy"):
        client = client_for(people[role])
        assert client.get(reverse("objectives:inbox")).context["documents"] == [approved]
        home = client.get("/")
        assert home.context["to_issue"] == [approved]
        assert 'data-testid="inbox-badge">1<' in home.content.decode()


def test_it_leaves_issue_to_the_records_officer_where_there_is_one(agency, people):
    set_with_objectives(agency, status=Status.APPROVED)
    response = client_for(people["head"]).get(reverse("objectives:inbox"))
    assert response.context["documents"] == []
    assert 'data-testid="inbox-badge"' not in response.content.decode()


def test_it_shows_staff_nothing_of_drafts(agency, people):
    set_with_objectives(agency)
    response = client_for(people["staff"]).get("/")
    assert response.context["to_edit"] == [] and list(response.context["recent"]) == []


def test_it_renders_home_in_a_fixed_number_of_queries(
    agency, people, django_assert_max_num_queries
):
    for year in range(2020, 2026):
        set_with_objectives(
            agency, year=year, status=Status.PUBLISHED if year < 2025 else Status.DRAFT
        )
    client = client_for(people["iso_officer"])
    # session and user, memberships, the open documents (one query over every kind, then one
    # a kind found), the latest sets, the inbox badge, the bell, the documents to publish (the
    # same), the sets to read; then monitoring's cards (objectives.home_cards): the reports due
    # of this year and last, up to five queries a year whatever the size. The oversight bodies'
    # five kinds of document add nothing to an agency's home.
    with django_assert_max_num_queries(16):
        client.get("/")


@pytest.fixture
def two_agencies(agency, people):
    second = AgencyFactory(name="Sở Khoa học và Công nghệ", short_name="SKHCN", symbol="SKHCN")
    MembershipFactory(user=people["iso_officer"], agency=second, is_iso_officer=True)
    return agency, second


def test_it_switches_the_agency_the_user_works_in(people, two_agencies):
    first_agency, second = two_agencies
    client = client_for(people["iso_officer"])
    html = client.get("/").content.decode()
    assert 'data-testid="agency-switcher"' in html
    response = client.post(reverse("objectives:agency_switch"), {"agency": second.pk}, follow=True)
    assert client.session[SESSION_AGENCY_KEY] == second.pk
    assert response.context["membership"].agency == second
    assert [str(m) for m in response.context["messages"]] == [
        "Đang làm việc tại Sở Khoa học và Công nghệ."
    ]


def test_it_refuses_to_switch_to_an_agency_the_user_is_not_in(
    people, two_agencies, outsider_agency
):
    client = client_for(people["iso_officer"])
    client.post(reverse("objectives:agency_switch"), {"agency": outsider_agency.pk})
    assert SESSION_AGENCY_KEY not in client.session
    assert client.get(reverse("objectives:agency_switch")).status_code == 405


def test_it_ignores_a_stale_agency_in_the_session(agency, people, outsider_agency):
    client = client_for(people["iso_officer"])
    session = client.session
    session[SESSION_AGENCY_KEY] = outsider_agency.pk
    session.save()
    assert client.get("/").context["membership"].agency == agency


def test_it_hides_the_switcher_from_users_of_one_agency(people):
    html = client_for(people["deputy"]).get("/").content.decode()
    assert 'data-testid="agency-switcher"' not in html
    assert 'data-testid="nav-inbox"' in html
    assert 'data-testid="nav-inbox"' not in client_for(people["staff"]).get("/").content.decode()
