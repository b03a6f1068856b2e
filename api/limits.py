"""Rate limits of the API, per client address and per token, counted in the shared Django
cache (CACHE_URL: Redis in production, so the limit holds across app servers): a fixed window of
`window` seconds per client, `limit` requests in it; past that, 429 with Retry-After (the
seconds until the window turns)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

from qms_objectives.throttle import client_address


class WindowThrottle(BaseThrottle):
    scope = ""

    def __init__(self, setting: str):
        self.setting = setting

    def rate(self) -> tuple[int, int]:
        return getattr(settings, self.setting)

    def ident(self, request) -> str | None:
        raise NotImplementedError

    def counter_key(self, ident: str) -> str:
        """The cache key counting `ident`'s requests in the current window."""
        _limit, window = self.rate()
        digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
        return f"api-rate:{self.scope}:{digest}:{int(time.time() // window)}"

    def allow_request(self, request) -> bool:
        ident = self.ident(request)
        limit, window = self.rate()
        if ident is None or limit <= 0:
            return True
        key = self.counter_key(ident)
        cache.add(key, 0, timeout=window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window + 1)
            count = 1
        return count <= limit

    def wait(self) -> float:
        _limit, window = self.rate()
        return max(1.0, window - (time.time() % window))


class AddressThrottle(WindowThrottle):
    scope = "address"

    def ident(self, request) -> str | None:
        return client_address(request) or None


class TokenThrottle(WindowThrottle):
    scope = "token"

    def ident(self, request) -> str | None:
        token = getattr(request, "auth", None)
        return f"token:{token.pk}" if getattr(token, "pk", None) else None


def throttles() -> list[BaseThrottle]:
    return [AddressThrottle("API_RATE_PER_ADDRESS"), TokenThrottle("API_RATE_PER_TOKEN")]
