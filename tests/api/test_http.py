"""How the API answers over HTTP, whatever the endpoint: ETag and 304, rate limits per address
and per token with 429 and Retry-After (in the shared cache), CORS from any origin for /api/v1/
only and GET only, JSON errors in Vietnamese and English, pagination with totals."""

import re

import pytest
from django.core.cache import cache

from api.limits import AddressThrottle
from tests.api.support import agency_key, bearer
from tests.factories import AgencyFactory, ObjectiveSetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def test_an_unchanged_answer_is_304_without_a_body(client, agency):
    objective_set = ObjectiveSetFactory(agency=agency, published=True, with_objectives=1)
    url = f"/api/v1/sets/{objective_set.pk}"

    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    other = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')

    assert first.status_code == 200 and etag.startswith('"')
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert other.status_code == 200
    assert first["Cache-Control"] == "public, no-cache"


def test_a_change_gives_a_new_etag(client, agency):
    first = client.get(f"/api/v1/agencies/{agency.pk}")
    agency.quality_policy = "Chính sách mới."
    agency.save(update_fields=["quality_policy"])

    second = client.get(f"/api/v1/agencies/{agency.pk}", HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200 and second["ETag"] != first["ETag"]


def test_token_answers_are_private_and_vary_with_the_token(client, agency, people):
    key = agency_key(agency, people["administrator"])

    response = client.get("/api/v1/scope/agencies", **bearer(key))

    assert response["Cache-Control"] == "private, no-cache"
    assert "Authorization" in response["Vary"]


def test_past_the_limit_per_address_it_answers_429_with_retry_after(client, settings):
    settings.API_RATE_PER_ADDRESS = (3, 60)

    codes = [client.get("/api/v1/agencies").status_code for _ in range(4)]
    refused = client.get("/api/v1/agencies")
    other_address = client.get("/api/v1/agencies", REMOTE_ADDR="10.0.0.9")

    assert codes == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    body = refused.json()
    assert body["detail"] == "throttled" and body["message_vi"] and body["message_en"]
    assert other_address.status_code == 200


def test_the_limit_per_token_holds_across_addresses(client, settings, agency, people):
    settings.API_RATE_PER_TOKEN = (2, 60)
    key = agency_key(agency, people["administrator"])

    codes = [
        client.get("/api/v1/scope/agencies", REMOTE_ADDR=f"10.0.0.{n}", **bearer(key)).status_code
        for n in range(1, 4)
    ]

    assert codes == [200, 200, 429]


def test_the_count_is_shared_through_the_cache(client, settings):
    """Another app server counts in the same cache (CACHE_URL): a request it served for this
    address counts here too."""
    settings.API_RATE_PER_ADDRESS = (2, 60)
    assert client.get("/api/v1/agencies").status_code == 200

    cache.incr(AddressThrottle("API_RATE_PER_ADDRESS").counter_key("127.0.0.1"))  # the other

    assert client.get("/api/v1/agencies").status_code == 429


def test_public_answers_carry_cors_for_any_origin(client):
    response = client.get("/api/v1/agencies", HTTP_ORIGIN="https://cong.example.vn")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_allows_get_only(client):
    response = client.options(
        "/api/v1/agencies",
        HTTP_ORIGIN="https://cong.example.vn",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 200
    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}


def test_the_app_pages_answer_no_cors(client, agency, people):
    client.force_login(people["administrator"])

    response = client.get(f"/api-tokens/agency/{agency.pk}/", HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_any_other_method_is_a_json_405(client, method):
    response = getattr(client, method)("/api/v1/agencies")

    assert response.status_code == 405
    assert response.json()["detail"] == "method_not_allowed"


@pytest.mark.parametrize(
    "url, code",
    [
        ("/api/v1/sets/999999", "not_found"),
        ("/api/v1/khong-co/dau", "not_found"),
        ("/api/v1/agencies?limit=0", "invalid"),
        ("/api/v1/agencies?year=1999", "invalid"),
        ("/api/v1/agencies?governing_body=%00", "invalid"),
        ("/api/v1/sets/99999999999999999999", "invalid"),
        ("/api/v1/open-data/Dong%20Nai/2024/objectives.json", "invalid"),
    ],
)
def test_errors_are_json_in_both_languages(client, url, code):
    response = client.get(url)

    body = response.json()
    assert response.status_code == {"not_found": 404, "invalid": 422}[code]
    assert body["detail"] == code
    assert body["message_vi"] and body["message_en"] and body["message_vi"] != body["message_en"]


def test_pages_give_totals_and_links(client):
    for number in range(3):
        AgencyFactory(name=f"Sở số {number}")

    first = client.get("/api/v1/agencies?limit=2").json()
    second = client.get(first["next"].split("testserver")[-1]).json()

    assert first["count"] == 3 and len(first["results"]) == 2 and first["previous"] is None
    assert "offset=2" in first["next"] and "limit=2" in first["next"]
    assert len(second["results"]) == 1 and second["next"] is None
    assert {a["id"] for a in first["results"]}.isdisjoint({a["id"] for a in second["results"]})


def test_the_governing_body_filter_ignores_diacritics_and_case(client):
    dong_nai = AgencyFactory(governing_body="UBND TỈNH ĐỒNG NAI")
    AgencyFactory(governing_body="UBND TỈNH QUẢNG NAM")

    rows = client.get("/api/v1/agencies?governing_body=dong nai").json()["results"]

    assert [a["id"] for a in rows] == [dong_nai.pk]


def test_the_schema_and_the_docs_are_served_here(client):
    schema = client.get("/api/v1/openapi.json").json()
    docs = client.get("/api/v1/docs/").content.decode()

    assert schema["openapi"].startswith("3.") and "/api/v1/scope/sets/{set_id}" in schema["paths"]
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert "/static/api/swagger-init.js" in docs
    assert re.search(r"<script\b(?![^>]*\bsrc=)", docs) is None  # only the static starter


def _headers(response) -> dict:
    keep = ("ETag", "Content-Length", "Content-Type", "Cache-Control", "Vary")
    return {name: response.get(name) for name in keep}


@pytest.mark.parametrize(
    "path",
    ["/api/v1/agencies", "/api/v1/sets/{set}", "/api/v1/openapi.json", "/api/v1/", "/api/v1/docs/"],
)
def test_head_answers_like_get_without_the_body(client, agency, path):
    objective_set = ObjectiveSetFactory(agency=agency, published=True, with_objectives=1)
    url = path.format(set=objective_set.pk)

    get = client.get(url)
    head = client.head(url)

    assert get.status_code == head.status_code == 200
    assert head.content == b"" and get.content
    assert _headers(head) == _headers(get)
    assert int(head["Content-Length"]) == len(get.content)


def test_head_with_the_etag_is_304_and_refusals_stay_refusals(client, agency, people):
    published = ObjectiveSetFactory(agency=agency, published=True, with_objectives=1)
    draft = ObjectiveSetFactory(agency=agency, year=2025, with_objectives=1)
    etag = client.get(f"/api/v1/sets/{published.pk}")["ETag"]

    not_modified = client.head(f"/api/v1/sets/{published.pk}", HTTP_IF_NONE_MATCH=etag)
    hidden = client.head(f"/api/v1/sets/{draft.pk}")
    no_token = client.head("/api/v1/scope/agencies")
    nowhere = client.head("/api/v1/khong-co/dau")

    assert not_modified.status_code == 304 and not_modified["ETag"] == etag
    assert hidden.status_code == 404 and hidden.content == b""
    assert no_token.status_code == 401
    assert nowhere.status_code == 404


def test_head_with_a_token_sees_what_get_sees(client, agency, outsider_agency, people):
    key = agency_key(agency, people["administrator"])
    draft = ObjectiveSetFactory(agency=agency, year=2025, with_objectives=1)
    other = ObjectiveSetFactory(agency=outsider_agency, year=2025, with_objectives=1)

    get = client.get(f"/api/v1/scope/sets/{draft.pk}", **bearer(key))
    head = client.head(f"/api/v1/scope/sets/{draft.pk}", **bearer(key))
    outside = client.head(f"/api/v1/scope/sets/{other.pk}", **bearer(key))

    assert head.status_code == get.status_code == 200 and head.content == b""
    assert _headers(head) == _headers(get) and head["Cache-Control"] == "private, no-cache"
    assert outside.status_code == 404


def test_head_carries_cors_for_any_origin_and_the_schema_lists_get_only(client):
    head = client.head("/api/v1/agencies", HTTP_ORIGIN="https://cong.example.vn")
    preflight = client.options(
        "/api/v1/agencies",
        HTTP_ORIGIN="https://cong.example.vn",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="HEAD",
    )
    schema = client.get("/api/v1/openapi.json").json()

    assert head.status_code == 200 and head["Access-Control-Allow-Origin"] == "*"
    assert preflight.status_code == 200 and "HEAD" in preflight["Access-Control-Allow-Methods"]
    methods = {method for operations in schema["paths"].values() for method in operations}
    assert methods == {"get", "post"}  # post: the dossiers push only
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))


def test_head_is_refused_where_get_is(client):
    response = client.head("/api/v1/dossiers/")

    assert response.status_code == 405
