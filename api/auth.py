"""Token authentication of the API, reusable by any endpoint that reads (or, for dossiers,
receives) data for the agencies a token covers.

- `ApiTokenAuth()` is a django-ninja auth class (`auth=ApiTokenAuth()` on an operation or a
  router): it reads "Authorization: Bearer qms_…", answers 401 for a missing, unknown or revoked
  token (or one whose agency or body is no longer active), records the token's last use, and
  puts the `ApiToken` on `request.auth`.
- `token_agency_ids(token, year=…)` is the set of agency ids the token covers: its own agency, or
  the agencies in its oversight body's scope (that year's scope when a year is given, any year's
  otherwise — an agency that moved in the 2025 mergers is read for its past under its old body).
- `token_covers(token, agency_id, year=…)` asks it for one agency, and `token_documents_q(token)`
  filters documents (agency and year) the token reads.

A token never reaches an agency outside that set: every authenticated endpoint must filter
through one of these two (other apps above `agencies` may import them; see issue 22).
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from ninja.security import HttpBearer

from agencies.models import OversightScope
from agencies.oversight import agency_ids_in_scope
from api.models import TOKEN_PREFIX, ApiToken

# The last use is written at most this often per token (not one UPDATE per request).
LAST_USE_GRANULARITY = timedelta(minutes=1)


def token_for_key(key: str) -> ApiToken | None:
    """The active token `key` is, or None (unknown, revoked, or its owner is inactive)."""
    if not key or not key.startswith(TOKEN_PREFIX) or len(key) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("agency", "oversight_body")
        .filter(token_hash=ApiToken.hash_key(key))
        .first()
    )
    if token is None:
        return None
    owner_active = token.agency.is_active if token.agency_id else token.oversight_body.is_active
    return token if owner_active else None


def record_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class ApiTokenAuth(HttpBearer):
    """Bearer token of an `ApiToken` (see the module's docstring)."""

    openapi_description = (
        "Khóa API do quản trị cơ quan hoặc đơn vị quản lý tạo: chỉ đọc, trừ khóa của cơ quan "
        "có quyền “đẩy hồ sơ” (POST /api/v1/dossiers/)."
    )

    def authenticate(self, request, token):
        found = token_for_key(token)
        if found is not None:
            record_use(found)
        return found


def _scope_spans(token: ApiToken) -> dict[int, list[tuple[int, int | None]]]:
    """{agency id: [(first year, last year or None)]} of the token's body's scope rows."""
    spans: dict[int, list[tuple[int, int | None]]] = {}
    rows = OversightScope.objects.filter(body_id=token.oversight_body_id, body__is_active=True)
    for agency_id, start, end in rows.values_list("agency_id", "valid_from", "valid_until"):
        spans.setdefault(agency_id, []).append((start.year, end.year if end else None))
    return spans


def token_agency_ids(token: ApiToken, *, year: int | None = None) -> set[int]:
    """The agencies `token` covers: its agency; for a body's token the agencies of the body's
    scope during `year`, or in any year when no year is given."""
    if token.agency_id:
        return {token.agency_id}
    if year is not None:
        return agency_ids_in_scope(token.oversight_body, year=year)
    return set(_scope_spans(token))


def token_covers(token: ApiToken, agency_id: int, *, year: int | None = None) -> bool:
    return agency_id in token_agency_ids(token, year=year)


def token_documents_q(token: ApiToken) -> Q:
    """The documents (any kind on documents.IssuableDocument: agency_id and year) the token
    reads: its agency's, or for a body's token each agency's in the years its scope covered it."""
    if token.agency_id:
        return Q(agency_id=token.agency_id)
    condition = Q(pk__in=[])
    for agency_id, spans in _scope_spans(token).items():
        for first, last in spans:
            span = Q(agency_id=agency_id, year__gte=first)
            condition |= (span & Q(year__lte=last)) if last is not None else span
    return condition
