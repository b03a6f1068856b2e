"""Real services for the `services` tests: a redis-server on a free port, an aiosmtpd sink
counting what it accepted, and Celery worker (and beat) processes on the test's own database (a
file SQLite test database, or PostgreSQL's test_qms). Skipped with a reason when redis-server is
missing, failed instead when CI=true."""

import os
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

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the services tests must run)")
    pytest.skip(reason)


def wait_for(predicate, timeout: float, what: str, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Sink:
    """An SMTP server that counts what it accepted, by subject, and keeps each raw message."""

    def __init__(self, delay: float):
        self.delay = delay
        self.received = Counter()
        self.by_recipient = Counter()
        self.messages: list[tuple[list[str], bytes]] = []  # (envelope recipients, raw message)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        time.sleep(self.delay)  # a real server takes a moment: kills land in mid-batch
        subject = message_from_bytes(envelope.original_content)["Subject"]
        with self.lock:
            self.received[subject] += 1
            for recipient in envelope.rcpt_tos:
                self.by_recipient[subject, recipient] += 1
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def total(self) -> int:
        with self.lock:
            return sum(self.received.values())


def database_url() -> str:
    """The test database as the workers must open it."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = str(db["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            missing("the SQLite test database is in memory; workers cannot see it")
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
            wait_for(lambda: self.client.control.ping([name], timeout=0.5), 60, f"worker {name}")
        return name

    def beat(self) -> None:
        log = open(self.logs / "beat.log", "w")  # noqa: SIM115 - closed with the process
        self.running["beat"] = subprocess.Popen(
            [str(CELERY), "-A", "qms_objectives", "beat", "--loglevel", "INFO",
             "--schedule", str(self.logs / "celerybeat-schedule")],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

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
