"""CACHE_URL=redis://… against a real redis-server: what one app server caches, another reads
(the dashboard is computed once for the installation, the throttles count for all servers),
and a Redis that goes down makes pages slower, never broken.

Each "app server" is Django with its own cache connection (its own RedisCache and connection
pool), as a second gunicorn process would have. The server is started on a free port of
127.0.0.1 in a temporary folder, or taken from REDIS_URL; keys carry a prefix of their own per
test, so a shared Redis is never flushed."""

import logging
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.test.utils import override_settings
from django.urls import reverse

from monitoring import dashboard_cache
from qms_objectives.cache import LOG_EVERY, RedisCache
from qms_objectives.env import parse_cache_url
from qms_objectives.throttle import over_limit
from tests.monitoring.conftest import TODAY, add_objective, publish_set, put

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis_server_binary() -> str:
    """redis-server, or skip (fail under CI=true, where it must be installed)."""
    found = shutil.which("redis-server")
    if found:
        return found
    reason = "redis-server is not installed (Debian: apt-get install redis-server)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + "; CI=true needs it")
    pytest.skip(reason)


def _start_redis(folder: Path, port: int) -> subprocess.Popen:
    """A throwaway redis-server on 127.0.0.1:port, nothing written to disk; answers on return."""
    folder.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [_redis_server_binary(), "--bind", "127.0.0.1", "--port", str(port)]
        + ["--dir", str(folder), "--save", "", "--appendonly", "no", "--daemonize", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis(port=port, socket_connect_timeout=0.2).ping()
            return server
        except redis.ConnectionError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(f"redis-server did not start on port {port}") from None
            time.sleep(0.05)


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A Redis to test against: REDIS_URL, or a redis-server of this session (and worker)."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    port = _free_port()
    server = _start_redis(tmp_path_factory.mktemp("redis"), port)
    yield f"redis://127.0.0.1:{port}/0"
    _stop(server)


@contextmanager
def app_server(url: str, prefix: str):
    """Django as one app server with CACHE_URL=url: a cache connection of its own."""
    with override_settings(CACHES={"default": {**parse_cache_url(url), "KEY_PREFIX": prefix}}):
        yield caches["default"]


@pytest.fixture
def prefix(redis_url):
    """A key prefix of this test's own; its keys are deleted afterwards."""
    prefix = f"qms-test-{uuid.uuid4().hex}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"*{prefix}*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def computed(monkeypatch):
    """How many times the dashboard's data was computed (not read from the cache)."""
    calls = []
    real = dashboard_cache.dashboard

    def counting(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(dashboard_cache, "dashboard", counting)
    return calls


@pytest.fixture
def monitored(agency, department, people, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    agency_set = publish_set(agency)
    objective = add_objective(
        agency_set, content="Tỷ lệ hồ sơ giải quyết đúng hạn đạt ít nhất 96%.", lead_unit=department
    )
    put(objective.targets.get(), "2024-Q1", numerator=960, denominator=1000, user=people["staff"])
    return objective


def dashboard_page(client, user, agency) -> str:
    client.force_login(user)
    response = client.get(reverse("monitoring:dashboard", args=[agency.pk, 2024]))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_it_gives_the_settings_a_redis_cache_shared_with_another_process(redis_url, prefix):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(DEBUG="true", QMS_TESTING="false", CACHE_URL=redis_url)
    program = (
        "import django; django.setup(); from django.core.cache import caches; "
        "cache = caches['default']; "
        f"cache.set('{prefix}:written', 'by the other process'); "
        "print(type(cache).__module__, type(cache).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "qms_objectives.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["qms_objectives.cache", "RedisCache"]
    with app_server(redis_url, "") as cache:
        assert isinstance(cache, DjangoRedisCache)
        assert cache.get(f"{prefix}:written") == "by the other process"


def test_a_dashboard_computed_on_one_server_is_served_from_redis_by_another(
    client, people, agency, monitored, computed, redis_url, prefix
):
    with app_server(redis_url, prefix) as first:
        html = dashboard_page(client, people["staff"], agency)
    assert len(computed) == 1

    with app_server(redis_url, prefix) as second:
        assert second is not first and second._cache is not first._cache
        assert dashboard_page(client, people["head"], agency) == html
    assert len(computed) == 1  # the second server read it from Redis
    stored = redis.Redis.from_url(redis_url).keys(f"{prefix}:*")
    assert stored  # in Redis, under this test's prefix


def test_a_result_recorded_retires_the_dashboard_on_every_server(
    client, people, agency, monitored, computed, redis_url, prefix
):
    with app_server(redis_url, prefix):
        dashboard_page(client, people["staff"], agency)
    put(monitored.targets.get(), "2024-Q2", numerator=990, denominator=1000, user=people["head"])

    with app_server(redis_url, prefix):
        html = dashboard_page(client, people["staff"], agency)
    with app_server(redis_url, prefix):
        assert dashboard_page(client, people["staff"], agency) == html
    assert len(computed) == 2  # once before the write, once after, for both servers


def test_the_throttle_counts_the_attempts_on_every_server(redis_url, prefix):
    def attempt() -> bool:
        return over_limit("verify-upload", "203.0.113.9", limit=3, window=60)

    with app_server(redis_url, prefix):
        assert [attempt(), attempt()] == [False, False]
    with app_server(redis_url, prefix):
        assert [attempt(), attempt()] == [False, True]  # the 4th attempt, counted on both
    with app_server(redis_url, prefix):
        assert attempt() is True
        assert over_limit("verify-upload", "198.51.100.7", limit=3, window=60) is False


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test alone, to stop and start again: (url, stop, start)."""
    port = _free_port()
    running = [_start_redis(tmp_path / "redis", port)]

    def stop():
        _stop(running.pop())

    def start():
        running.append(_start_redis(tmp_path / "redis", port))

    yield f"redis://127.0.0.1:{port}/0", stop, start
    for server in running:
        _stop(server)


def test_while_redis_is_down_pages_are_computed_and_served(
    client, people, agency, monitored, computed, own_redis, prefix, caplog, monkeypatch
):
    url, stop, start = own_redis
    monkeypatch.setattr(RedisCache, "_logged_at", -LOG_EVERY)  # not logged yet in this process
    with app_server(url, prefix):
        html = dashboard_page(client, people["staff"], agency)
        assert len(computed) == 1
        stop()

        with caplog.at_level(logging.WARNING, logger="qms_objectives.cache"):
            assert dashboard_page(client, people["staff"], agency) == html  # a miss, not a 500
            assert dashboard_page(client, people["staff"], agency) == html
        assert len(computed) == 3  # every request computes while Redis is down
        assert "cannot be reached" in caplog.text
        # The throttle lets the requests through: nothing counts them while Redis is down.
        assert not any(
            over_limit("verify-upload", "203.0.113.9", limit=1, window=60) for _ in "123"
        )

        start()  # an empty Redis again: the next page is computed once and cached
        dashboard_page(client, people["staff"], agency)
        dashboard_page(client, people["staff"], agency)
        assert len(computed) == 4


def test_djangos_own_redis_cache_would_raise_while_redis_is_down(own_redis):
    """Why qms_objectives.cache exists: the built-in backend fails the request."""
    url, stop, _ = own_redis
    stop()
    plain = DjangoRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 0.5}})
    with pytest.raises(redis.ConnectionError):
        plain.get("anything")
