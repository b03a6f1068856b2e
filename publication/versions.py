"""The versions the whole-page cache is keyed by, held in the shared cache (Redis in
production: docs/DEPLOYMENT.md), so that a write on one app server retires the pages on all of
them at once, and a cache hit reads nothing but the cache.

A page records the versions of what it shows; it is served only while every one of them is
still current. A write raises exactly the versions of the pages that show it:

- `agency:<id>` — the agency's page (its policy, this year's objectives, the list of years);
- `agency-meta:<id>` — what every year page of the agency shows of the agency itself (name,
  slug, policy, the publication settings, its province);
- `agency-year:<id>:<year>` — one year page (its sets, their supersession, their results);
- `province:<id>` — a province's page (its scope, and its agencies' objectives in force);
- `provinces` — the list of provinces; `sitemap` — the sitemap.

A version is raised after the transaction commits (`transaction.on_commit`): a page rendered
before the commit is stored under the old version and retired by the raise, never the reverse.
A version missing from the cache (evicted, or a Redis restarted empty) is a new random value,
never one an old page was stored under.
"""

import secrets

from django.core.cache import cache
from django.db import transaction

PREFIX = "pub:v:"


def agency_key(agency_id: int) -> str:
    return f"agency:{agency_id}"


def agency_meta_key(agency_id: int) -> str:
    return f"agency-meta:{agency_id}"


def agency_year_key(agency_id: int, year: int) -> str:
    return f"agency-year:{agency_id}:{year}"


def province_key(body_id: int) -> str:
    return f"province:{body_id}"


PROVINCES = "provinces"
SITEMAP = "sitemap"


def _new_value() -> int:
    return secrets.randbits(62) + 1


def current(names) -> dict[str, int]:
    """{name: version} now, creating the missing ones (read before a page is rendered)."""
    names = list(dict.fromkeys(names))
    found = cache.get_many([PREFIX + name for name in names])
    versions = {}
    for name in names:
        value = found.get(PREFIX + name)
        if value is None:
            cache.add(PREFIX + name, _new_value(), timeout=None)
            value = cache.get(PREFIX + name)
        versions[name] = value
    return versions


def still_current(versions: dict[str, int]) -> bool:
    """Whether none of these versions was raised since (a cache hit's only check)."""
    if not versions:
        return False
    found = cache.get_many([PREFIX + name for name in versions])
    return all(found.get(PREFIX + name) == value for name, value in versions.items())


def _raise_now(names) -> None:
    cache.set_many({PREFIX + name: _new_value() for name in set(names)}, timeout=None)


def raise_versions(names) -> None:
    """Retire the pages showing these, once the current transaction commits."""
    names = set(names)
    if names:
        transaction.on_commit(lambda: _raise_now(names))
