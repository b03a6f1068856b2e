"""What the API tests share: a token for an agency or a body, and GET with its header."""

from api.services import token_create


def agency_key(agency, administrator) -> str:
    _token, key = token_create(user=administrator, name="Cổng", agency=agency)
    return key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
