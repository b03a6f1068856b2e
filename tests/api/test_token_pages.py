"""The token pages and their services: the agency administrator (and an oversight body's
administrator for the body) makes a token — its key shown once on the answer, never again —
lists and revokes it; every other role is refused and a refused action changes nothing."""

import pytest
from django.urls import reverse

from api.models import ApiToken
from api.services import token_create, token_revoke
from qms_objectives.errors import WorkflowError
from tests.factories_oversight import OversightBodyFactory, OversightMembershipFactory

pytestmark = pytest.mark.django_db


def _page(agency) -> str:
    return f"/api-tokens/agency/{agency.pk}/"


def test_it_shows_the_key_once_and_keeps_only_its_hash(client, agency, people):
    client.force_login(people["administrator"])

    made = client.post(_page(agency), {"name": "Cổng thông tin"})
    token = ApiToken.objects.get()
    key = made.context["created_key"]
    listed = client.get(_page(agency))

    assert made.status_code == 200 and key in made.content.decode()
    assert made["Cache-Control"].startswith("max-age=0") or "no-store" in made["Cache-Control"]
    assert token.token_hash == ApiToken.hash_key(key) and token.agency == agency
    assert token.created_by == people["administrator"] and token.history.count() == 1
    assert key not in listed.content.decode() and token.prefix in listed.content.decode()


def test_a_name_is_required_and_nothing_is_made_without_one(client, agency, people):
    client.force_login(people["administrator"])

    response = client.post(_page(agency), {"name": "   "})

    assert response.status_code == 400
    assert "Trường này là bắt buộc" in response.content.decode() or response.context["form"].errors
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    "role, code", [("iso_officer", 403), ("head", 403), ("staff", 403), ("outsider", 404)]
)
def test_other_roles_are_refused_and_nothing_changes(client, agency, people, role, code):
    token, _key = token_create(user=people["administrator"], name="Cổng", agency=agency)
    client.force_login(people[role])

    page = client.get(_page(agency))
    made = client.post(_page(agency), {"name": "Của tôi"})
    revoked = client.post(f"/api-tokens/{token.pk}/revoke/")

    assert (page.status_code, made.status_code, revoked.status_code) == (code, code, code)
    token.refresh_from_db()
    assert token.revoked_at is None and ApiToken.objects.count() == 1


def test_the_administrator_revokes_a_token(client, agency, people):
    token, _key = token_create(user=people["administrator"], name="Cổng", agency=agency)
    client.force_login(people["administrator"])

    response = client.post(f"/api-tokens/{token.pk}/revoke/")

    assert response.status_code == 302 and response["Location"] == _page(agency)
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == people["administrator"]
    assert token.history.count() == 2


def test_revoking_twice_is_refused_by_the_service(agency, people):
    token, _key = token_create(user=people["administrator"], name="Cổng", agency=agency)
    token_revoke(user=people["administrator"], token=token)

    with pytest.raises(WorkflowError) as refused:
        token_revoke(user=people["administrator"], token=token)

    assert refused.value.code == "state"


@pytest.mark.parametrize("role", ["iso_officer", "head", "outsider"])
def test_the_service_refuses_anyone_but_the_administrator(agency, people, role):
    with pytest.raises(WorkflowError) as refused:
        token_create(user=people[role], name="Cổng", agency=agency)

    assert refused.value.code == "forbidden" and not ApiToken.objects.exists()


def test_an_oversight_administrator_makes_the_body_s_token_an_inspector_may_not(client, people):
    body = OversightBodyFactory()
    administrator = OversightMembershipFactory(body=body, is_administrator=True).user
    inspector = OversightMembershipFactory(body=body).user
    other = OversightMembershipFactory(is_administrator=True).user
    page = f"/api-tokens/oversight/{body.pk}/"

    client.force_login(administrator)
    made = client.post(page, {"name": "Báo cáo tỉnh"})
    token = ApiToken.objects.get()
    client.force_login(inspector)
    inspector_page = client.get(page)
    inspector_revoke = client.post(f"/api-tokens/{token.pk}/revoke/")
    client.force_login(other)
    other_page = client.get(page)
    client.force_login(people["administrator"])  # an agency's administrator is no one here
    agency_admin_page = client.get(page)

    assert made.status_code == 200 and token.oversight_body == body and token.agency is None
    assert (inspector_page.status_code, inspector_revoke.status_code) == (403, 403)
    assert (other_page.status_code, agency_admin_page.status_code) == (404, 404)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_people_page_and_the_body_s_table_lead_to_the_token_pages(client, agency, people):
    body = OversightBodyFactory()
    administrator = OversightMembershipFactory(body=body, is_administrator=True).user
    inspector = OversightMembershipFactory(body=body).user
    table = reverse("oversight:table", args=[body.pk, 2024])

    client.force_login(people["administrator"])
    people_page = client.get(f"/people/{agency.pk}/").content.decode()
    client.force_login(administrator)
    administrator_table = client.get(table).content.decode()
    client.force_login(inspector)
    inspector_table = client.get(table).content.decode()

    assert f'href="/api-tokens/agency/{agency.pk}/"' in people_page
    assert f'href="/api-tokens/oversight/{body.pk}/"' in administrator_table
    assert "/api-tokens/" not in inspector_table


def test_a_token_is_read_only_unless_the_push_scope_is_chosen_and_the_list_says_which(
    client, agency, people
):
    client.force_login(people["administrator"])

    client.post(_page(agency), {"name": "Cổng thông tin"})
    client.post(_page(agency), {"name": "Một cửa", "scope": "push_dossiers"})
    bad = client.post(_page(agency), {"name": "Lạ", "scope": "admin"})
    listed = client.get(_page(agency)).content.decode()

    scopes = dict(ApiToken.objects.values_list("name", "scope"))
    assert scopes == {"Cổng thông tin": "read", "Một cửa": "push_dossiers"}
    assert bad.status_code == 400 and bad.context["form"].errors["scope"]
    assert listed.count('data-testid="token-scope"') == 2
    assert "Đọc và đẩy hồ sơ TTHC" in listed and "Chỉ đọc" in listed


def test_a_body_s_token_page_offers_no_push_scope_and_ignores_one_posted(client):
    body = OversightBodyFactory()
    administrator = OversightMembershipFactory(body=body, is_administrator=True).user
    client.force_login(administrator)
    page = f"/api-tokens/oversight/{body.pk}/"

    shown = client.get(page)
    client.post(page, {"name": "Báo cáo", "scope": "push_dossiers"})

    assert "scope" not in shown.context["form"].fields
    assert ApiToken.objects.get().scope == "read"


@pytest.mark.parametrize("role", ["iso_officer", "head", "outsider"])
def test_no_other_role_makes_a_push_token(client, agency, people, role):
    client.force_login(people[role])

    response = client.post(_page(agency), {"name": "Một cửa", "scope": "push_dossiers"})

    assert response.status_code in (403, 404) and not ApiToken.objects.exists()
