"""What the API tests share: a token for an agency or a body, and GET with its header."""

from api.models import TokenScope
from api.services import token_create


def agency_key(agency, administrator, *, scope=TokenScope.READ) -> str:
    _token, key = token_create(user=administrator, name="Cổng", agency=agency, scope=scope)
    return key


def push_key(agency, administrator) -> str:
    """A key of the agency's token that may also push its dossiers."""
    return agency_key(agency, administrator, scope=TokenScope.PUSH_DOSSIERS)


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
