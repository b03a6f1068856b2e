"""Conformity pages with three roles and more: the ISO officer keeps the scope, drafts and
submits; the head approves; the records officer issues; staff and the outsider are refused and
nothing changes; the overseers of the agency read what is issued, never a draft; the agency's
page says when the scope on file differs and offers a re-announcement."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.oversight import forget_oversight_memberships
from conformity import services
from conformity.models import ConformityAnnouncement, ConformityScope
from documents.models import Status
from tests.factories_oversight import the_oversight

PROCEDURES = "Cấp giấy phép xây dựng\nĐăng ký đất đai"


@pytest.fixture
def overseers(agency, outsider_agency):
    users = the_oversight(agency, outsider_agency)
    for user in users.values():
        forget_oversight_memberships(user)
    return users


@pytest.fixture
def draft(agency, people):
    services.scope_save(
        agency=agency, actor=people["iso_officer"], activities="Đất đai", procedures=PROCEDURES
    )
    return services.announcement_start(agency=agency, actor=people["iso_officer"], year=2026)


def _as(client, user):
    client.force_login(user)
    return client


def test_the_iso_officer_keeps_the_scope_and_starts_a_draft(client, agency, people):
    _as(client, people["iso_officer"])
    response = client.post(
        reverse("conformity:scope", args=[agency.pk]),
        {"activities": "Đất đai", "procedures": PROCEDURES},
    )
    assert response.status_code == 302
    assert ConformityScope.objects.get(agency=agency).procedures == PROCEDURES
    response = client.post(reverse("conformity:start", args=[agency.pk]))
    announcement = ConformityAnnouncement.objects.get(agency=agency)
    assert response.url == announcement.get_absolute_url()
    assert announcement.procedures == PROCEDURES and announcement.status == Status.DRAFT


@pytest.mark.parametrize(("role", "code"), [("head", 403), ("staff", 403), ("outsider", 404)])
def test_others_may_not_keep_the_scope_or_start(client, agency, people, role, code):
    _as(client, people[role])
    scope = client.post(
        reverse("conformity:scope", args=[agency.pk]), {"activities": "X", "procedures": ""}
    )
    start = client.post(reverse("conformity:start", args=[agency.pk]))
    assert scope.status_code == code and start.status_code == code
    assert not ConformityScope.objects.exists() and not ConformityAnnouncement.objects.exists()


def test_an_invalid_website_is_said_next_to_the_field_and_nothing_typed_is_lost(
    client, draft, people
):
    _as(client, people["iso_officer"])
    response = client.post(
        draft.get_absolute_url(),
        {
            "version": draft.version,
            "activities": "Đất đai\nXây dựng",
            "procedures": PROCEDURES,
            "website_url": "trang của sở",
            "posted_at_office": "Bảng tin tầng 1",
            "recipients": draft.recipients,
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Hãy nhập địa chỉ trang web đầy đủ, bắt đầu bằng https://" in body
    assert "Bảng tin tầng 1" in body and "Xây dựng" in body
    draft.refresh_from_db()
    assert draft.posted_at_office == "" and draft.version == 1


def test_the_workflow_by_its_three_roles_and_refusals_change_nothing(
    client, draft, people, overseers, fast_render
):
    submit = reverse("conformity:submit", args=[draft.pk])
    approve = reverse("conformity:approve", args=[draft.pk])
    _as(client, people["head"])
    assert client.post(submit).status_code == 403
    _as(client, people["iso_officer"])
    assert client.post(submit).status_code == 302
    assert client.post(approve).status_code == 403
    _as(client, people["staff"])
    assert client.post(approve).status_code == 404  # a submitted draft: staff do not see it
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    _as(client, people["head"])
    assert client.post(approve).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.APPROVED
    issue = reverse("conformity:issue", args=[draft.pk])
    assert client.get(issue).status_code == 403
    data = {"number": 9, "symbol": "QĐ-VP", "issued_on": timezone.localdate().strftime("%d/%m/%Y")}
    assert client.post(issue, data).status_code == 403
    _as(client, people["records_officer"])
    assert client.get(issue).status_code == 200
    response = client.post(issue, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.status == Status.ISSUED and draft.number_and_symbol == "09/QĐ-VP"


def test_overseers_read_issued_announcements_of_their_agencies_never_drafts(
    client, agency, draft, people, overseers
):
    _as(client, overseers["inspector"])
    assert client.get(draft.get_absolute_url()).status_code == 404
    ConformityAnnouncement.objects.filter(pk=draft.pk).update(
        status=Status.ISSUED, number=4, symbol="QĐ-VP", issued_on=datetime.date(2026, 1, 5)
    )
    assert client.get(draft.get_absolute_url()).status_code == 200
    listing = client.get(reverse("conformity:home"))
    assert listing.status_code == 200 and "04/QĐ-VP" in listing.content.decode()
    _as(client, overseers["other_overseer"])
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("conformity:agency", args=[agency.pk])).status_code == 404
    assert client.post(reverse("conformity:submit", args=[draft.pk])).status_code == 404


def test_the_agency_page_says_the_scope_differs_and_offers_a_reannouncement(
    client, agency, draft, people
):
    ConformityAnnouncement.objects.filter(pk=draft.pk).update(
        status=Status.ISSUED, number=4, symbol="QĐ-VP", issued_on=datetime.date(2026, 1, 5)
    )
    page = reverse("conformity:agency", args=[agency.pk])
    _as(client, people["iso_officer"])
    assert 'data-testid="scope-differs"' not in client.get(page).content.decode()
    services.scope_save(
        agency=agency,
        actor=people["iso_officer"],
        activities="Đất đai",
        procedures=PROCEDURES + "\nChứng thực",
    )
    body = client.get(page).content.decode()
    assert 'data-testid="scope-differs"' in body and 'data-testid="start-reannouncement"' in body
    _as(client, people["staff"])
    body = client.get(page).content.decode()
    assert 'data-testid="scope-differs"' in body and "start-reannouncement" not in body
