"""Counting attempts per person or address in the cache, for the public forms that send mail or
take uploads. The login has its own lockout (django-axes); this is for the rest."""

import hashlib

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def client_address(request) -> str:
    """The address as the login lockout sees it (AXES_IPWARE_* settings behind a proxy)."""
    return get_client_ip_address(request) or ""


def over_limit(scope: str, who: str, *, limit: int, window: int) -> bool:
    """Count one more attempt by `who`; True once there were more than `limit` of them in the
    last `window` seconds (counted from the first). Shared by all app servers when the cache is
    (CACHE_URL); with a cache per process each allows its own `limit`."""
    key = f"throttle:{scope}:" + hashlib.sha256(who.encode()).hexdigest()
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
