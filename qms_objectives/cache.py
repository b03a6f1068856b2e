"""Django's Redis cache, made to miss instead of fail while Redis cannot be reached.

Everything this project keeps in the cache can be lost: the dashboards are computed again, the
rate limits of the public forms start counting again. So a Redis that is down or unreachable
behaves as an empty cache that keeps nothing (reads miss, writes are dropped, a counter is
missing), is logged, and no page answers 500 for it. Django's own RedisCache raises
redis.ConnectionError out of every call instead. Errors that are not about reaching Redis
(a wrong password, a command Redis refuses) still raise: they are configuration to fix.
"""

import logging
import time

from django.core.cache.backends import redis as django_redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)

# An outage is logged once a minute per process, not once per cache call.
LOG_EVERY = 60.0


class RedisCache(django_redis.RedisCache):
    _logged_at = -LOG_EVERY

    def _unreachable(self, error: Exception) -> None:
        now = time.monotonic()
        if now - RedisCache._logged_at >= LOG_EVERY:
            RedisCache._logged_at = now
            logger.warning("The cache (Redis) cannot be reached; served without it: %s", error)

    def add(self, key, value, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return True  # stored, as far as the caller can tell, in a cache that keeps nothing

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return default

    def set(self, key, value, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)

    def touch(self, key, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            raise ValueError(f"Key '{key}' not found (the cache cannot be reached).") from error

    def set_many(self, data, timeout=django_redis.DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return []

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable(error)

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as error:
            self._unreachable(error)
            return False
