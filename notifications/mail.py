"""The mail queue is django-post-office's (post_office.Email, its admin, its sending, its retries);
this module drives it from the task engine. Every Django send goes through EMAIL_BACKEND =
"post_office.EmailBackend" and becomes a queued row; `mail_send_queued` sends what waits with
the library's `send_queued`, one sender at a time in the whole installation; `mail_purge` deletes
sent mail after MAIL_SENT_KEPT_DAYS.

Why a lock of our own: the library picks the waiting rows without locking them (its lock is a file
in the machine's temporary folder), so two workers, on two machines or on one, would send the
same rows. With a broker the lock is a Redis lock on the broker's server, which every worker of
every machine shares; it expires after MAIL_SEND_LOCK_SECONDS, so a worker killed while holding
it stops the mail for that long at most. Without a broker (`make run`, a small single server)
tasks run in the web processes of one machine, and an flock on VAR_DIR/mail-send.lock does it
(released by the kernel if its process dies)."""

import contextlib
import fcntl
import logging
import time
from datetime import timedelta

import redis
from django.conf import settings
from django.utils import timezone
from post_office.mail import get_queued, send_queued
from post_office.models import STATUS, Attachment, Email

logger = logging.getLogger(__name__)

LOCK_NAME = "qms:mail-send"
_clients: dict[str, redis.Redis] = {}


@contextlib.contextmanager
def one_sender():
    """Yield True while this process is the installation's only mail sender, False (at once) if
    another one is: it sends what this one would have sent."""
    if not settings.CELERY_BROKER_URL:
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        with open(settings.VAR_DIR / "mail-send.lock", "a") as file:
            fcntl.flock(file, fcntl.LOCK_EX)  # the other sender is a request of this machine
            try:
                yield True
            finally:
                fcntl.flock(file, fcntl.LOCK_UN)
        return
    url = settings.CELERY_BROKER_URL
    client = _clients.get(url) or _clients.setdefault(url, redis.Redis.from_url(url))
    lock = client.lock(LOCK_NAME, timeout=settings.MAIL_SEND_LOCK_SECONDS)
    if not lock.acquire(blocking=False):
        yield False
        return
    try:
        yield True
    finally:
        try:
            lock.release()
        except redis.exceptions.LockError:  # it expired: the batch outlived MAIL_SEND_LOCK_SECONDS
            logger.warning("the mail sender's lock expired before its batch was done")


def mail_send_queued(*, seconds: float | None = None) -> tuple[int, bool]:
    """Send the waiting mail, batch by batch (POST_OFFICE["BATCH_SIZE"]), with the library's
    send_queued, holding the lock for each batch. Returns (sent, more): `more` is True when time
    ran out (`seconds`, default MAIL_SEND_SLICE_SECONDS) with mail still waiting, for the caller to
    go on in a new task. If another process holds the lock, returns at once: the holder looks for
    waiting mail after each release, so a row committed while it sent is not left behind."""
    deadline = time.monotonic() + (settings.MAIL_SEND_SLICE_SECONDS if seconds is None else seconds)
    sent = 0
    while True:
        with one_sender() as held:
            if not held:
                return sent, False
            batch_sent, _failed, _requeued = send_queued(processes=1)
            sent += batch_sent
        if not get_queued().exists():
            return sent, False
        if time.monotonic() > deadline:
            return sent, True


def mail_purge(*, days: int | None = None, batch_size: int = 1000) -> int:
    """Delete the mail sent more than `days` ago (default MAIL_SENT_KEPT_DAYS), with its log and
    any attachment left without a message; waiting and failed mail stays (the admin's to act on).
    The library's own cleanup deletes every row older than the cutoff, failed ones too."""
    days = settings.MAIL_SENT_KEPT_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    old = Email.objects.filter(status=STATUS.sent, last_updated__lt=cutoff)
    deleted = 0
    while ids := list(old.values_list("pk", flat=True)[:batch_size]):
        Email.objects.filter(pk__in=ids).delete()
        deleted += len(ids)
    for attachment in Attachment.objects.filter(emails=None).iterator():
        attachment.file.delete(save=False)
        attachment.delete()
    return deleted
