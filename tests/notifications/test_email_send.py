"""The mail task in process (no broker, as under `make run`): sent once after commit, never on
rollback, retried on SMTP errors and then FAILED with its error, Bcc kept out of the headers."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction
from django.utils import timezone

from notifications.delivery import email_deliver
from notifications.models import OutboundEmail
from notifications.services import emails_queue, notification_send
from notifications.tasks import MAX_RETRIES, email_purge, email_queue_sweep, email_send
from tests.factories import UserFactory

QUEUE = "notifications.backends.QueueBackend"
FAILURES = []  # what the next FlakyBackend.send_messages calls raise, in order


class FlakyBackend(LocmemBackend):
    """The locmem outbox, but each send first raises the next error of FAILURES, if any."""

    def send_messages(self, messages):
        if FAILURES:
            raise FAILURES.pop(0)
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FlakyBackend"
    FAILURES.clear()
    yield FAILURES
    FAILURES.clear()


def outbox_row(**fields) -> OutboundEmail:
    values = {"to": ["a@example.gov.vn"], "subject": "S", "body": "B", "from_email": "q@x.vn"}
    return OutboundEmail.objects.create(**(values | fields))


@pytest.mark.django_db(transaction=True)
def test_it_sends_a_notice_once_after_commit(mailoutbox):
    user = UserFactory()
    with transaction.atomic():
        notification_send(users=[user], agency=None, message="Có việc mới", url="/x/")
        assert mailoutbox == [] and not OutboundEmail.objects.exists()

    assert [m.to for m in mailoutbox] == [[user.email]]
    row = OutboundEmail.objects.get()
    assert (row.state, row.attempts, row.sent_at is not None) == ("sent", 1, True)


@pytest.mark.django_db(transaction=True)
def test_it_sends_nothing_when_the_transaction_rolls_back(mailoutbox):
    user = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        notification_send(users=[user], agency=None, message="Có việc mới")
        raise RuntimeError("refused")

    assert mailoutbox == [] and not OutboundEmail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_never_sends_a_row_twice(mailoutbox):
    row = outbox_row()
    with transaction.atomic():
        emails_queue(emails=[OutboundEmail(to=["b@example.gov.vn"], subject="T", body="B")])

    assert email_deliver(email_id=row.pk) is True
    assert email_deliver(email_id=row.pk) is False
    assert email_send.delay(row.pk).get() is False
    assert sorted(m.subject for m in mailoutbox) == ["S", "T"]


def test_it_retries_an_smtp_error_and_then_sends(db, flaky, mailoutbox):
    row = outbox_row()
    flaky += [smtplib.SMTPServerDisconnected("gone"), ConnectionRefusedError(111, "refused")]

    assert email_send.delay(row.pk).get() is True

    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == ("sent", 3, "")
    assert len(mailoutbox) == 1


def test_it_gives_up_after_the_last_retry_with_the_error(db, flaky, mailoutbox):
    row = outbox_row()
    flaky += [smtplib.SMTPServerDisconnected("mail server gone")] * (MAX_RETRIES + 1)

    result = email_send.delay(row.pk)

    assert result.state == "FAILURE"
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("failed", MAX_RETRIES + 1)
    assert row.last_error == "SMTPServerDisconnected: mail server gone"
    assert mailoutbox == []
    assert email_send.delay(row.pk).get() is False  # FAILED stays FAILED: nothing sent


def test_a_refusal_fails_at_once(db, flaky, mailoutbox):
    row = outbox_row()
    flaky.append(smtplib.SMTPRecipientsRefused({"a@example.gov.vn": (550, b"no such user")}))

    assert email_send.delay(row.pk).state == "FAILURE"

    row.refresh_from_db()
    assert (row.state, row.attempts) == ("failed", 1)
    assert "550" in row.last_error


@pytest.mark.django_db(transaction=True)
def test_bcc_stays_bcc(settings, mailoutbox):
    settings.EMAIL_BACKEND = QUEUE
    EmailMessage(
        "Mời", "Nội dung", "q@x.vn", ["to@example.gov.vn"], bcc=["hidden@example.gov.vn"]
    ).send()

    row = OutboundEmail.objects.get()
    assert (row.to, row.bcc) == (["to@example.gov.vn"], ["hidden@example.gov.vn"])
    assert row.state == "sent"
    sent = mailoutbox[0]
    assert sent.to == ["to@example.gov.vn"]
    assert sent.recipients() == ["to@example.gov.vn", "hidden@example.gov.vn"]
    headers = sent.message()
    assert headers["To"] == "to@example.gov.vn" and "hidden" not in headers.as_string()


@pytest.mark.django_db(transaction=True)
def test_django_send_mail_goes_through_the_outbox(settings, mailoutbox):
    settings.EMAIL_BACKEND = QUEUE
    send_mail("Đặt lại mật khẩu", "Liên kết", "q@x.vn", ["user@example.gov.vn"])

    assert OutboundEmail.objects.get().state == "sent"
    assert [m.subject for m in mailoutbox] == ["Đặt lại mật khẩu"]


def test_the_sweep_sends_what_a_lost_message_left_queued(db, mailoutbox):
    old = outbox_row(subject="old")
    OutboundEmail.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=1))
    outbox_row(subject="new")  # its own message is still on its way

    assert email_queue_sweep.delay().get() == 1

    assert [m.subject for m in mail.outbox] == ["old"]
    assert OutboundEmail.objects.get(pk=old.pk).state == "sent"


def test_the_purge_deletes_old_sent_mail_and_keeps_failures(db):
    long_ago = timezone.now() - timedelta(days=100)
    outbox_row(subject="sent", state="sent", sent_at=long_ago)
    outbox_row(subject="recent", state="sent", sent_at=timezone.now())
    outbox_row(subject="failed", state="failed")

    assert email_purge.delay().get() == 1
    assert sorted(OutboundEmail.objects.values_list("subject", flat=True)) == ["failed", "recent"]


@pytest.mark.django_db(transaction=True)
def test_an_administrator_sends_failed_mail_again(admin_client, mailoutbox):
    failed = outbox_row(subject="failed", state="failed", attempts=6, last_error="SMTP: down")
    sent = outbox_row(subject="sent", state="sent")

    response = admin_client.post(
        "/admin/notifications/outboundemail/",
        {"action": "requeue", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )

    assert "Đã xếp 1 thư để gửi lại." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.state, failed.attempts, failed.last_error) == ("sent", 1, "")
    assert [m.subject for m in mailoutbox] == ["failed"]


def test_a_mail_sent_again_carries_the_same_message_id(db, settings):
    settings.SITE_URL = "https://qms.example.gov.vn"
    first, second = (
        OutboundEmail.objects.create(to=["a@example.gov.vn"], subject="s", body="b", from_email="f")
        for _ in range(2)
    )
    sent = first.message().message()  # the MIME message as the SMTP backend sends it
    assert sent["Message-ID"] == f"<qms-outbox-{first.pk}@qms.example.gov.vn>"
    assert first.message().message()["Message-ID"] == sent["Message-ID"]
    assert second.message().message()["Message-ID"] != sent["Message-ID"]
