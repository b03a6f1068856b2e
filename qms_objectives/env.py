"""Tiny helpers that read settings from the environment and refuse bad values.

Every helper raises ImproperlyConfigured naming the variable, so a typo in production
stops the process at start instead of failing later in a request.
"""

import os
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(map(repr, choices))}.")
    return value


def pooled(database: dict, pooler: str) -> dict:
    """Settings for a connection pooler in front of PostgreSQL (pgbouncer). In transaction mode
    consecutive transactions of one Django connection may run on different server connections:
    no persistent connections and no server-side cursors (which live across transactions)."""
    if pooler == "transaction":
        return {**database, "CONN_MAX_AGE": 0, "DISABLE_SERVER_SIDE_CURSORS": True}
    return database


def parse_database_url(url: str, *, name: str = "DATABASE_URL") -> dict:
    """Turn postgres://user:pass@host:port/db or sqlite:///path into a DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        if not parsed.path.strip("/"):
            raise ImproperlyConfigured(f"{name} must name a database: {url!r}.")
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        try:
            port = parsed.port
        except ValueError:
            raise ImproperlyConfigured(f"{name} has a bad port: {url!r}.")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": unquote(parsed.hostname or ""),
            "PORT": str(port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    if parsed.scheme == "sqlite":
        # sqlite:///relative/file.db or sqlite:////absolute/file.db
        path = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
        if not path:
            raise ImproperlyConfigured(f"{name} must name a SQLite file: {url!r}.")
        # As the default database: writers queue up (IMMEDIATE) instead of failing to upgrade a
        # read lock, and a transaction that reads a row before writing it holds it throughout.
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    raise ImproperlyConfigured(
        f"{name} must start with postgres:// or sqlite:///, not {parsed.scheme or url!r}."
    )


def parse_cache_url(url: str, *, name: str = "CACHE_URL") -> dict:
    parsed = urlparse(url)
    if parsed.scheme in ("locmem", ""):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if parsed.scheme in ("redis", "rediss"):
        return _redis_cache(url, name=name)
    if parsed.scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": parsed.netloc or "django_cache",
        }
    if parsed.scheme == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": parsed.path,
        }
    raise ImproperlyConfigured(f"{name} must start with locmem://, redis://, db:// or file://.")


def _redis_cache(url: str, *, name: str) -> dict:
    """redis://[:password@]host[:port][/db]: Django's RedisCache, through qms_objectives.cache
    (a Redis that cannot be reached is a miss, not an error page)."""
    parsed = urlparse(url)
    try:
        parsed.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a bad port: {url!r}.")
    database = parsed.path.strip("/")
    if not parsed.hostname or not (database == "" or database.isdigit()):
        raise ImproperlyConfigured(
            f"{name} must read redis://host:port/db (db a number), not {url!r}."
        )
    return {
        "BACKEND": "qms_objectives.cache.RedisCache",
        "LOCATION": url,
        # How long a call waits for Redis before it counts as a miss; the request waits as long.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
