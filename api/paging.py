"""limit/offset pagination with the total count and the links to the next and previous pages,
and the query parameters every endpoint shares (bounded, so that no value reaches the database
that it would refuse: a 422 with the parameter named, never a 500)."""

from django.conf import settings
from ninja import Query
from pydantic import Field

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_ID = 2**53  # ids beyond any the database holds (and within every backend's integer)
# Printable text only: a NUL byte or a control character never reaches a query.
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"
SLUG_PATTERN = r"^[a-z0-9-]{1,80}$"

Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Số mục mỗi trang (1–200).")
Offset = Query(0, ge=0, le=10**6, description="Bỏ qua chừng ấy mục đầu.")


def year_query(description: str):
    return Query(None, ge=2000, le=2100, description=description)


def id_field(description: str = ""):
    return Field(..., ge=1, le=MAX_ID, description=description)


def _link(request, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return f"{settings.SITE_URL}{request.path}?{query.urlencode()}"


def page(request, items, *, limit: int, offset: int, serialize) -> dict:
    """One page of `items` (a queryset or a list) as {count, limit, offset, next, previous,
    results}."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    chunk = list(items[offset : offset + limit])
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _link(request, limit, offset + limit) if offset + limit < count else None,
        "previous": _link(request, limit, max(0, offset - limit)) if offset > 0 else None,
        "results": [serialize(item) for item in chunk],
    }
