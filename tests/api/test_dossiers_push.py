"""POST /api/v1/dossiers/ (issue 23): an agency's token made with the push scope pushes its
dossiers, idempotent by code; a read-only token (the default), a body's token, no token or a
revoked one are refused and write nothing; a bad record is located and nothing is written; GET
is a JSON 405."""

import pytest

from api.models import ApiToken, TokenScope
from api.services import token_create, token_revoke
from dossiers.models import Dossier, DossierImport
from qms_objectives.errors import WorkflowError
from tests.api.support import agency_key, bearer, push_key
from tests.dossiers.test_push import RECORDS
from tests.factories import MembershipFactory
from tests.factories_oversight import (
    OversightBodyFactory,
    OversightMembershipFactory,
    OversightScopeFactory,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/dossiers/"


def push(client, key, records):
    return client.post(URL, {"records": records}, content_type="application/json", **bearer(key))


def test_an_agencys_token_pushes_and_a_second_push_duplicates_nothing(client, agency, people):
    key = push_key(agency, people["administrator"])
    first = push(client, key, RECORDS)
    assert first.status_code == 200, first.content
    assert first.json() | {"problems": []} == {
        "status": "done",
        "received": 2,
        "created": 2,
        "updated": 0,
        "problems_total": 0,
        "problems": [],
    }
    again = push(client, key, RECORDS)
    assert again.status_code == 200 and (again.json()["created"], again.json()["updated"]) == (0, 2)
    assert Dossier.objects.filter(agency=agency).count() == 2
    assert set(DossierImport.objects.values_list("kind", flat=True)) == {"push"}


def test_the_dossiers_go_to_the_tokens_own_agency_only(client, agency, outsider_agency, people):
    push(client, push_key(agency, people["administrator"]), RECORDS)
    assert not Dossier.objects.filter(agency=outsider_agency).exists()


def test_a_bad_record_is_located_and_nothing_is_written(client, agency, people):
    key = push_key(agency, people["administrator"])
    response = push(client, key, [RECORDS[0], dict(RECORDS[1], NgayHenTra="hôm qua")])
    assert response.status_code == 400
    problem = response.json()["problems"][0]
    assert problem["row"] == 2 and problem["column"] == "NgayHenTra" and problem["message"]
    assert not Dossier.objects.exists()


def test_a_body_token_may_read_but_never_push(client, agency):
    body = OversightBodyFactory()
    admin = OversightMembershipFactory(body=body, is_administrator=True).user
    OversightScopeFactory(body=body, agency=agency)
    _token, key = token_create(user=admin, name="Tổng hợp", oversight_body=body)
    response = push(client, key, RECORDS)
    assert response.status_code == 403 and response.json()["detail"] == "forbidden"
    assert not Dossier.objects.exists() and not DossierImport.objects.exists()


@pytest.mark.parametrize("header", [{}, bearer("qms_khong-dung")])
def test_without_a_valid_token_it_is_401_and_nothing_changes(client, header):
    response = client.post(URL, {"records": RECORDS}, content_type="application/json", **header)
    assert response.status_code == 401
    assert not Dossier.objects.exists()


def test_a_revoked_push_token_cannot_push(client, agency, people):
    key = push_key(agency, people["administrator"])
    token_revoke(token=ApiToken.objects.get(), user=people["administrator"])
    assert push(client, key, RECORDS).status_code == 401
    assert not Dossier.objects.exists()


def test_an_empty_batch_and_a_malformed_body_are_4xx(client, agency, people):
    key = push_key(agency, people["administrator"])
    assert push(client, key, []).status_code == 400
    response = client.post(URL, "{", content_type="application/json", **bearer(key))
    assert 400 <= response.status_code < 500
    assert not Dossier.objects.exists()


def test_get_is_a_json_405(client, agency, people):
    response = client.get(URL, **bearer(push_key(agency, people["administrator"])))
    assert response.status_code == 405 and response.json()["detail"] == "method_not_allowed"


def test_a_read_only_token_is_403_in_both_languages_and_changes_nothing(client, agency, people):
    key = agency_key(agency, people["administrator"])  # the default scope: read only
    token = ApiToken.objects.get()
    assert token.scope == TokenScope.READ and not token.may_push_dossiers

    response = push(client, key, RECORDS)

    assert response.status_code == 403 and response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["detail"] == "insufficient_scope"
    assert "chỉ đọc" in body["message_vi"] and "read-only" in body["message_en"]
    assert not Dossier.objects.exists() and not DossierImport.objects.exists()
    # the same token still reads
    assert client.get("/api/v1/scope/agencies", **bearer(key)).status_code == 200


def test_a_push_token_of_another_agency_writes_only_there(client, agency, outsider_agency, people):
    other_admin = MembershipFactory(agency=outsider_agency, is_administrator=True).user
    response = push(client, push_key(outsider_agency, other_admin), RECORDS)

    assert response.status_code == 200
    assert not Dossier.objects.filter(agency=agency).exists()
    assert Dossier.objects.filter(agency=outsider_agency).count() == 2


def test_a_body_token_cannot_be_made_with_the_push_scope(agency):
    body = OversightBodyFactory()
    admin = OversightMembershipFactory(body=body, is_administrator=True).user
    with pytest.raises(WorkflowError):
        token_create(user=admin, name="Tổng hợp", oversight_body=body, scope="push_dossiers")
    assert not ApiToken.objects.exists()
