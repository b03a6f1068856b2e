"""The real services of the `services` tests in this folder: a redis-server, an SMTP sink,
Celery workers and beat (tests/notifications/services_support.py)."""

import logging
import os
import shutil
import subprocess

import pytest
from celery import Celery

from tests.notifications.services_support import (
    Sink,
    Workers,
    database_url,
    free_port,
    missing,
    wait_for,
)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(server):
        missing("redis-server is not installed (apt-get install redis-server)")
    redis = pytest.importorskip("redis")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)

    def answers():
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    wait_for(answers, 10, "redis-server")
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def smtp_sink():
    controller_module = pytest.importorskip("aiosmtpd.controller")
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per SMTP command otherwise
    sink = Sink(delay=0.03)
    controller = controller_module.Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


@pytest.fixture
def workers(request, redis_url, smtp_sink, tmp_path):
    """Start them with workers.start() (and workers.beat()); a test module may name the settings
    module of its workers in WORKER_SETTINGS."""
    _sink, smtp_port = smtp_sink
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": getattr(
            request.module, "WORKER_SETTINGS", "tests.notifications.worker_settings"
        ),
        "QMS_TESTING": "true",
        "DATABASE_URL": database_url(),
        "VAR_DIR": str(tmp_path / "var"),
        "CELERY_BROKER_URL": redis_url,
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    client = Celery("qms-test-client", broker=redis_url)
    group = Workers(env, tmp_path, client)
    yield group
    group.stop_all()
    client.close()
