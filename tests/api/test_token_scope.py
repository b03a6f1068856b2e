"""A token reads its own agency (or its oversight body's scope, year by year) and nothing else:
another agency is 404 exactly like one that does not exist, a revoked or unknown token is 401,
and each use is recorded."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from api.models import ApiToken
from api.services import token_create, token_revoke
from documents.models import Status
from tests.api.support import agency_key, bearer
from tests.factories import ObjectiveSetFactory
from tests.factories_oversight import (
    OversightBodyFactory,
    OversightMembershipFactory,
    OversightScopeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sets(agency, outsider_agency):
    return {
        "own_draft": ObjectiveSetFactory(agency=agency, year=2025, with_objectives=1),
        "own_published": ObjectiveSetFactory(agency=agency, published=True, with_objectives=1),
        "other_draft": ObjectiveSetFactory(agency=outsider_agency, year=2025, with_objectives=1),
        "other_published": ObjectiveSetFactory(
            agency=outsider_agency, published=True, with_objectives=1
        ),
    }


def _ids(client, url, key):
    response = client.get(url, **bearer(key))
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_it_reads_every_status_of_its_own_agency_and_nothing_of_another(
    client, agency, outsider_agency, people, sets
):
    key = agency_key(agency, people["administrator"])

    assert _ids(client, "/api/v1/scope/agencies", key) == [agency.pk]
    own = _ids(client, f"/api/v1/scope/agencies/{agency.pk}/sets", key)
    assert sorted(own) == sorted([sets["own_draft"].pk, sets["own_published"].pk])
    for name in ("own_draft", "own_published"):
        for tail in ("", "/monitoring", "/evaluation"):
            url = f"/api/v1/scope/sets/{sets[name].pk}{tail}"
            assert client.get(url, **bearer(key)).status_code == 200, url
    for url in (
        f"/api/v1/scope/agencies/{outsider_agency.pk}",
        f"/api/v1/scope/agencies/{outsider_agency.pk}/sets",
        f"/api/v1/scope/sets/{sets['other_draft'].pk}",
        f"/api/v1/scope/sets/{sets['other_published'].pk}/monitoring",
        f"/api/v1/scope/sets/{sets['other_published'].pk}/evaluation",
    ):
        response = client.get(url, **bearer(key))
        assert response.status_code == 404, url
        assert response.json()["detail"] == "not_found"


def test_the_status_filter_narrows_the_sets(client, agency, people, sets):
    key = agency_key(agency, people["administrator"])
    url = f"/api/v1/scope/agencies/{agency.pk}/sets?status={Status.DRAFT}"

    assert _ids(client, url, key) == [sets["own_draft"].pk]


def test_a_body_token_reads_the_agencies_of_its_scope_in_the_years_it_covered_them(
    client, agency, outsider_agency, sets
):
    body = OversightBodyFactory()
    admin = OversightMembershipFactory(body=body, is_administrator=True).user
    # Agency A under the body from 2020 until the end of 2024 only (moved in the 2025 mergers).
    OversightScopeFactory(body=body, agency=agency, valid_until=date(2024, 12, 31))
    _token, key = token_create(user=admin, name="Tổng hợp", oversight_body=body)

    assert _ids(client, "/api/v1/scope/agencies", key) == [agency.pk]
    # 2024 is in scope, 2025 no longer: the draft of 2025 is not the body's to read.
    assert _ids(client, f"/api/v1/scope/agencies/{agency.pk}/sets", key) == [
        sets["own_published"].pk
    ]
    assert (
        client.get(f"/api/v1/scope/sets/{sets['own_draft'].pk}", **bearer(key)).status_code == 404
    )
    assert (
        client.get(f"/api/v1/scope/agencies/{outsider_agency.pk}", **bearer(key)).status_code == 404
    )
    assert (
        client.get(f"/api/v1/scope/sets/{sets['other_published'].pk}", **bearer(key)).status_code
        == 404
    )


@pytest.mark.parametrize(
    "header",
    ["", "Bearer ", "Bearer qms_unknown", "Token qms_x", "Basic YTpi"],
    ids=["none", "empty", "unknown", "other-scheme", "basic"],
)
def test_it_answers_401_in_both_languages_without_a_valid_token(client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    response = client.get("/api/v1/scope/agencies", **extra)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["detail"] == "unauthorized" and body["message_vi"] and body["message_en"]


def test_a_revoked_token_gets_401_at_once(client, agency, people, sets):
    token, key = token_create(user=people["administrator"], name="Cổng", agency=agency)
    url = f"/api/v1/scope/sets/{sets['own_draft'].pk}"
    assert client.get(url, **bearer(key)).status_code == 200

    token_revoke(user=people["administrator"], token=token)

    assert client.get(url, **bearer(key)).status_code == 401
    assert client.get("/api/v1/scope/agencies", **bearer(key)).status_code == 401


def test_a_token_of_an_agency_no_longer_active_gets_401(client, agency, people):
    key = agency_key(agency, people["administrator"])
    agency.is_active = False
    agency.save(update_fields=["is_active"])

    assert client.get("/api/v1/scope/agencies", **bearer(key)).status_code == 401


def test_it_records_the_last_use_at_most_once_a_minute(client, agency, people):
    key = agency_key(agency, people["administrator"])
    token = ApiToken.objects.get()
    assert token.last_used_at is None

    client.get("/api/v1/scope/agencies", **bearer(key))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=30)

    client.get("/api/v1/scope/agencies", **bearer(key))
    token.refresh_from_db()
    assert token.last_used_at == first


def test_the_key_itself_is_never_stored(agency, people):
    token, key = token_create(user=people["administrator"], name="Cổng", agency=agency)

    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in {str(value) for value in stored.values()}
    assert stored["token_hash"] == ApiToken.hash_key(key) and len(stored["token_hash"]) == 64
    assert key.startswith(stored["prefix"]) and len(stored["prefix"]) < len(key) // 3
