import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from qms_objectives.env import env_bool, env_int, parse_cache_url, parse_database_url, pooled

ROOT = Path(__file__).resolve().parents[2]


def _settings_in_subprocess(**env):
    """Import the settings module in a clean interpreter with exactly these variables."""
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL")
    }
    clean.update(env)
    clean["QMS_TESTING"] = env.get("QMS_TESTING", "false")
    return subprocess.run(
        [sys.executable, "-c", "import qms_objectives.settings as s; print(s.DEBUG)"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_in_production_without_secret_key():
    result = _settings_in_subprocess(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_starts_in_debug_without_secret_key():
    result = _settings_in_subprocess(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_it_names_the_variable_of_a_bad_boolean():
    result = _settings_in_subprocess(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_it_parses_booleans_and_integers(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    monkeypatch.setenv("X_NUM", "42")
    assert env_bool("X_FLAG") is True
    assert env_int("X_NUM", 1) == 42
    monkeypatch.setenv("X_NUM", "forty")
    with pytest.raises(ImproperlyConfigured, match="X_NUM"):
        env_int("X_NUM", 1)


def test_it_parses_database_urls():
    pg = parse_database_url("postgres://qms:p%40ss@db.local:5433/qms_prod?sslmode=require")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "qms",
        "p@ss",
        "db.local",
        "5433",
        "qms_prod",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}
    assert pg["CONN_HEALTH_CHECKS"] is True
    assert parse_database_url("sqlite:////srv/qms/db.sqlite3")["NAME"] == "/srv/qms/db.sqlite3"
    assert parse_database_url("sqlite:///var/db.sqlite3")["NAME"] == "var/db.sqlite3"
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        parse_database_url("mysql://x@y/z")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        parse_database_url("postgres://x@y/")


def test_it_parses_cache_urls():
    assert parse_cache_url("locmem://")["BACKEND"].endswith("LocMemCache")
    assert parse_cache_url("redis://127.0.0.1:6379/1")["LOCATION"] == "redis://127.0.0.1:6379/1"
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        parse_cache_url("memcached://x")


def test_it_gives_a_redis_url_the_redis_cache_that_misses_when_redis_is_down():
    cache = parse_cache_url("redis://:secret@cache.internal:6380/2")
    assert cache["BACKEND"] == "qms_objectives.cache.RedisCache"
    assert cache["LOCATION"] == "redis://:secret@cache.internal:6380/2"
    assert cache["OPTIONS"]["socket_connect_timeout"] <= 1  # a request waits at most that
    assert parse_cache_url("rediss://cache.internal")["BACKEND"] == cache["BACKEND"]


@pytest.mark.parametrize(
    "url", ["redis://", "redis://cache:port/0", "redis://cache:6379/first", "redis:///0"]
)
def test_it_names_the_variable_of_a_bad_redis_url(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        parse_cache_url(url)


def test_a_bad_cache_url_stops_the_settings():
    result = _settings_in_subprocess(DEBUG="true", CACHE_URL="redis://cache:six/0")
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


def test_it_is_vietnamese_first(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]


def test_deploy_check_is_clean_with_production_values():
    leaking = ("DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in leaking}
    env.update(
        SECRET_KEY="a-very-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="qms.example.gov.vn",
        SITE_URL="https://qms.example.gov.vn",
        DEBUG="false",
        QMS_TESTING="false",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_transaction_pooler_gets_no_persistent_connections_or_server_side_cursors():
    database = parse_database_url("postgres://qms@pgbouncer:6432/qms")
    assert database["CONN_MAX_AGE"] == 60 and "DISABLE_SERVER_SIDE_CURSORS" not in database
    assert pooled(database, "session") == database
    behind = pooled(database, "transaction")
    assert behind["CONN_MAX_AGE"] == 0 and behind["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert behind["HOST"] == "pgbouncer" and behind["PORT"] == "6432"


def test_it_names_the_variable_of_an_unknown_pooler():
    result = _settings_in_subprocess(DEBUG="true", DATABASE_POOLER="statement")
    assert result.returncode != 0
    assert "DATABASE_POOLER" in result.stderr
