"""Mail on real services: a real Redis (Debian redis-server) as broker, real Celery worker
processes (and beat) driving django-post-office's queue, a local SMTP sink (aiosmtpd), one
database that the test and the workers share (a file SQLite test database, or PostgreSQL's
test_qms). Every mail is received exactly once with two workers racing for it; killing workers
in the middle of a batch loses nothing and duplicates only what was in the one window no queue
closes — after the SMTP server accepted a message, before its row was marked sent
(docs/DEPLOYMENT.md) — at most one per kill; Bcc recipients are not in the message they receive;
a password reset asked for on the site reaches the sink through the broker and a worker."""

import re
import time
from email import message_from_bytes, policy

import pytest
from django.urls import reverse
from post_office.models import STATUS, Email

from qms_objectives.celery import app
from tests.notifications.services_support import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
SEND = "notifications.tasks.mail_send_queued"


def _queue(subjects: list[str]) -> None:
    Email.objects.bulk_create(
        Email(to=["a@example.gov.vn"], subject=s, message="B", from_email="q@example.gov.vn",
              status=STATUS.queued, message_id=f"<{s}@qms.example.gov.vn>")
        for s in subjects
    )  # fmt: skip


def _all_sent(count: int) -> bool:
    return Email.objects.filter(status=STATUS.sent).count() == count


def _wait_all_sent(workers, count: int, timeout: float) -> None:
    try:
        wait_for(lambda: _all_sent(count), timeout, f"{count} mails sent")
    except AssertionError:
        print(workers.log_tail())
        raise


@pytest.fixture
def on_the_broker(redis_url):
    """This process's Celery app sends its tasks to the test's Redis, as an app server does."""
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = redis_url, False
    yield
    app.close()  # its connections to this Redis
    app.conf.broker_url, app.conf.task_always_eager = saved


def test_two_workers_send_every_mail_exactly_once(workers, smtp_sink):
    sink, _port = smtp_sink
    workers.start(), workers.start()
    subjects = [f"once-{i}" for i in range(40)]

    _queue(subjects)
    # Many runs of the task at once on both workers, as after-commit hooks and beat give them:
    # the library selects waiting rows without locking them; the sender's lock lets one through.
    for _ in range(40):
        workers.client.send_task(SEND)

    _wait_all_sent(workers, len(subjects), 90)
    time.sleep(1)  # a duplicate would arrive now
    assert {s: sink.received[s] for s in subjects} == dict.fromkeys(subjects, 1)
    assert set(Email.objects.values_list("logs__status", flat=True)) == {STATUS.sent}
    assert Email.objects.filter(logs__isnull=False).count() == len(subjects)  # one attempt each


def test_killing_workers_mid_batch_loses_nothing(workers, smtp_sink):
    """Each kill comes right after the sink accepted a message: the worker that sent it is then
    most likely inside the window (SMTP accepted, row not yet sent), the worst case. Beat runs
    the task every second; a killed sender's lock expires after 5 s (worker_settings)."""
    sink, _port = smtp_sink
    names = [workers.start(), workers.start()]
    workers.beat()
    subjects = [f"kill-{i}" for i in range(120)]
    before = sink.total()

    _queue(subjects)
    workers.client.send_task(SEND)
    kills = 0
    for fraction in (0.2, 0.45, 0.7):
        wait_for(
            lambda f=fraction: sink.total() - before >= f * len(subjects),
            90,
            f"{fraction:.0%} of the batch",
            step=0.01,
        )
        workers.kill(names.pop(0))
        kills += 1
        assert sink.total() - before < len(subjects), "the batch ended before the kill"
        names.append(workers.start(wait=False))  # it boots while the others work

    _wait_all_sent(workers, len(subjects), 180)
    time.sleep(1)
    counts = {s: sink.received[s] for s in subjects}
    lost = [s for s, n in counts.items() if n == 0]
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    print(f"\n{len(subjects)} mails, {kills} workers killed: {duplicates} sent twice (the window)")
    assert lost == []
    assert duplicates <= kills
    # A copy sent again carries the Message-ID its row was queued with.
    ids = {}
    for _rcpt, raw in sink.messages:
        message = message_from_bytes(raw, policy=policy.default)
        ids.setdefault(message["Subject"], set()).add(message["Message-ID"])
    assert all(ids[s] == {f"<{s}@qms.example.gov.vn>"} for s in subjects)


def test_bcc_recipients_receive_the_mail_without_appearing_in_it(workers, smtp_sink, on_the_broker):
    from django.core.mail import EmailMessage

    sink, _port = smtp_sink
    workers.start()

    EmailMessage(
        "Thư có Bcc", "Nội dung", "q@example.gov.vn", ["to@example.gov.vn"],
        cc=["cc@example.gov.vn"], bcc=["hidden@example.gov.vn"],
    ).send()  # fmt: skip

    _wait_all_sent(workers, 1, 60)
    [(recipients, raw)] = [(r, m) for r, m in sink.messages if "hidden@example.gov.vn" in r]
    assert sorted(recipients) == ["cc@example.gov.vn", "hidden@example.gov.vn", "to@example.gov.vn"]
    message = message_from_bytes(raw, policy=policy.default)
    assert (message["To"], message["Cc"], message["Bcc"]) == (
        "to@example.gov.vn", "cc@example.gov.vn", None,
    )  # fmt: skip
    assert b"hidden" not in raw


def test_a_password_reset_is_queued_and_delivered(
    workers, smtp_sink, on_the_broker, client, people
):
    sink, _port = smtp_sink
    workers.start()
    user = people["staff"]

    response = client.post(reverse("password_reset"), {"email": user.email})

    assert response.status_code == 302
    email = Email.objects.get()  # queued by the request, sent by the worker
    _wait_all_sent(workers, 1, 60)
    [(recipients, raw)] = [(r, m) for r, m in sink.messages if user.email in r]
    message = message_from_bytes(raw, policy=policy.default)
    assert message["To"] == user.email and message["Message-ID"] == email.message_id
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", message.get_content()).group(1)
    assert client.get(link, follow=True).context["validlink"]
