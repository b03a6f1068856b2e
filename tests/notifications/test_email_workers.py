"""Mail on real services: a real Redis (Debian redis-server) as broker, two real Celery worker
processes, a local SMTP sink (aiosmtpd), one database that the test and the workers share (a
file SQLite test database, or PostgreSQL's test_qms). Every mail is received exactly once with
two workers running; killing a worker in the middle of a batch loses nothing, and duplicates
only what was in the one window no queue closes — after the SMTP server accepted a message,
before its row was marked SENT (docs/DEPLOYMENT.md) — at most one per kill, measured here."""

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.db import connection

from notifications.models import OutboundEmail

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the services tests must run)")
    pytest.skip(reason)


def _wait(predicate, timeout: float, what: str, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(server):
        _missing("redis-server is not installed (apt-get install redis-server)")
    redis = pytest.importorskip("redis")
    port = _free_port()
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

    _wait(answers, 10, "redis-server")
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)


class Sink:
    """An SMTP server that counts what it accepted, by subject."""

    def __init__(self, delay: float):
        self.delay = delay
        self.received = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        time.sleep(self.delay)  # a real server takes a moment: kills land in mid-batch
        subject = message_from_bytes(envelope.original_content)["Subject"]
        with self.lock:
            self.received[subject] += 1
        return "250 OK"

    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())


@pytest.fixture(scope="module")
def smtp_sink():
    controller_module = pytest.importorskip("aiosmtpd.controller")
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per SMTP command otherwise
    sink = Sink(delay=0.03)
    controller = controller_module.Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


def _database_url() -> str:
    """The test database as the workers must open it."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = str(db["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            _missing("the SQLite test database is in memory; workers cannot see it")
        return f"sqlite:///{name}"
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


class Workers:
    """Celery worker processes (prefork, one child each), each in its own process group, so a
    kill takes the whole worker as a crash of its machine would."""

    def __init__(self, env: dict, logs: Path, client: Celery):
        self.env, self.logs, self.client = env, logs, client
        self.running: dict[str, subprocess.Popen] = {}
        self.started = 0

    def start(self, *, wait: bool = True) -> str:
        self.started += 1
        name = f"w{self.started}@qms-test"
        log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        self.running[name] = subprocess.Popen(
            [str(CELERY), "-A", "qms_objectives", "worker", "--concurrency", "1", "-n", name,
             "--loglevel", "INFO", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        if wait:
            _wait(lambda: self.client.control.ping([name], timeout=0.5), 60, f"worker {name}")
        return name

    def kill(self, name: str) -> None:
        os.killpg(self.running.pop(name).pid, signal.SIGKILL)

    def stop_all(self) -> None:
        for process in self.running.values():
            os.killpg(process.pid, signal.SIGTERM)
        for process in self.running.values():
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.running.clear()

    def log_tail(self) -> str:
        return "\n".join(p.read_text()[-3000:] for p in sorted(self.logs.glob("*.log")))


@pytest.fixture
def workers(redis_url, smtp_sink, tmp_path):
    _sink, smtp_port = smtp_sink
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "QMS_TESTING": "true",
        "DATABASE_URL": _database_url(),
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


def _enqueue(client: Celery, subjects: list[str]) -> list[int]:
    rows = OutboundEmail.objects.bulk_create(
        OutboundEmail(to=["a@example.gov.vn"], subject=s, body="B", from_email="q@example.gov.vn")
        for s in subjects
    )
    for row in rows:
        client.send_task("notifications.tasks.email_send", args=[row.pk])
    return [row.pk for row in rows]


def _all_sent(count: int) -> bool:
    return OutboundEmail.objects.filter(state=OutboundEmail.State.SENT).count() == count


def test_two_workers_send_every_mail_exactly_once(workers, smtp_sink):
    sink, _port = smtp_sink
    workers.start(), workers.start()
    subjects = [f"once-{i}" for i in range(40)]

    _enqueue(workers.client, subjects)
    # ...and each message a second time, as a redelivery or the sweep would: both workers hold
    # one message for the same row at once, and the row lock lets only one of them send it.
    for row in OutboundEmail.objects.all():
        workers.client.send_task("notifications.tasks.email_send", args=[row.pk])

    try:
        _wait(lambda: _all_sent(len(subjects)), 90, "every mail SENT")
    except AssertionError:
        print(workers.log_tail())
        raise
    time.sleep(1)  # a duplicate would arrive now
    assert {s: sink.received[s] for s in subjects} == dict.fromkeys(subjects, 1)
    assert set(OutboundEmail.objects.values_list("attempts", flat=True)) == {1}


def test_killing_workers_mid_batch_loses_nothing(workers, smtp_sink):
    sink, _port = smtp_sink
    names = [workers.start(), workers.start()]
    subjects = [f"kill-{i}" for i in range(120)]
    before = sink.total()

    _enqueue(workers.client, subjects)
    kills = 0
    for fraction in (0.2, 0.45, 0.7):
        _wait(
            lambda f=fraction: sink.total() - before >= f * len(subjects),
            60,
            f"{fraction:.0%} of the batch",
            step=0.01,
        )
        workers.kill(names.pop(0))
        kills += 1
        assert sink.total() - before < len(subjects), "the batch ended before the kill"
        names.append(workers.start(wait=False))  # it boots while the others work

    try:
        _wait(lambda: _all_sent(len(subjects)), 120, "every mail SENT after the kills")
    except AssertionError:
        print(workers.log_tail())
        raise
    time.sleep(1)
    counts = {s: sink.received[s] for s in subjects}
    lost = [s for s, n in counts.items() if n == 0]
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    print(f"\n{len(subjects)} mails, {kills} workers killed: {duplicates} sent twice (the window)")
    assert lost == []
    assert duplicates <= kills
