"""Mail on real services: a real Redis (Debian redis-server) as broker, two real Celery worker
processes, a local SMTP sink (aiosmtpd), one database that the test and the workers share (a
file SQLite test database, or PostgreSQL's test_qms). Every mail is received exactly once with
two workers running; killing a worker in the middle of a batch loses nothing, and duplicates
only what was in the one window no queue closes — after the SMTP server accepted a message,
before its row was marked SENT (docs/DEPLOYMENT.md) — at most one per kill, measured here."""

import time

import pytest

from notifications.models import OutboundEmail
from tests.notifications.services_support import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _enqueue(client, subjects: list[str]) -> list[int]:
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
        wait_for(lambda: _all_sent(len(subjects)), 90, "every mail SENT")
    except AssertionError:
        print(workers.log_tail())
        raise
    time.sleep(1)  # a duplicate would arrive now
    assert {s: sink.received[s] for s in subjects} == dict.fromkeys(subjects, 1)
    assert set(OutboundEmail.objects.values_list("attempts", flat=True)) == {1}


def test_killing_workers_mid_batch_loses_nothing(workers, smtp_sink):
    """Each kill comes right after the sink accepted a message: the worker that sent it is then
    most likely inside the window (SMTP accepted, row not yet SENT), the worst case."""
    sink, _port = smtp_sink
    names = [workers.start(), workers.start()]
    subjects = [f"kill-{i}" for i in range(120)]
    before = sink.total()

    _enqueue(workers.client, subjects)
    kills = 0
    for fraction in (0.2, 0.45, 0.7):
        wait_for(
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
        wait_for(lambda: _all_sent(len(subjects)), 120, "every mail SENT after the kills")
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
