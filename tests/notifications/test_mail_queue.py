"""The mail queue in process (no broker, as under `make run`): django-post-office's queue driven
by notifications.tasks — queued with the transaction and sent after its commit, never on
rollback; a failed send retried later, then failed with its error; the text as written; the
admin's requeue; the purge of old sent mail; where `make run` puts each message."""

import os
import subprocess
import sys
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction
from django.utils import timezone
from post_office.models import STATUS, Email, Log

from notifications.tasks import mail_purge, mail_send_queued
from tests.notifications.services_support import database_url

ROOT = Path(__file__).resolve().parents[2]
FAILURES = []  # what the next FlakyBackend.send_messages calls raise, in order


class FlakyBackend(LocmemBackend):
    """The in-memory outbox, but each send first raises the next error of FAILURES, if any."""

    def send_messages(self, messages):
        if FAILURES:
            raise FAILURES.pop(0)
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.POST_OFFICE = settings.POST_OFFICE | {
        "BACKENDS": {"default": f"{__name__}.FlakyBackend"}
    }
    FAILURES.clear()
    yield FAILURES
    FAILURES.clear()


def queued(**fields) -> Email:
    values = {"to": ["a@example.gov.vn"], "subject": "S", "message": "B", "from_email": "q@x.vn"}
    return Email.objects.create(**({"status": STATUS.queued} | values | fields))


@pytest.mark.django_db(transaction=True)
def test_a_mail_is_queued_with_the_transaction_and_sent_after_its_commit(mailoutbox):
    with transaction.atomic():
        send_mail("Có việc mới", "Nội dung", "q@x.vn", ["user@example.gov.vn"])
        email = Email.objects.get()
        assert email.status == STATUS.queued and mailoutbox == []

    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert [(m.subject, m.to) for m in mailoutbox] == [("Có việc mới", ["user@example.gov.vn"])]
    assert list(email.logs.values_list("status", flat=True)) == [STATUS.sent]


@pytest.mark.django_db(transaction=True)
def test_nothing_is_queued_or_sent_when_the_transaction_rolls_back(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Có việc mới", "Nội dung", "q@x.vn", ["user@example.gov.vn"])
        raise RuntimeError("refused")

    assert mailoutbox == [] and not Email.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_text_comes_out_as_written(mailoutbox):
    """The library renders what it queues as a Django template (ui/django-post_office#478): a
    comment quoting template syntax must neither vanish nor stop the mail."""
    text = "Ý kiến: {{ user }} {% endverbatim %} {{{TEST}}} {# x #}"
    message = EmailMultiAlternatives("Trả lại {{ x }}", text, "q@x.vn", ["a@example.gov.vn"])
    message.attach_alternative(f"<p>{text}</p>", "text/html")
    message.send()

    [sent] = mailoutbox
    assert (sent.subject, sent.body) == ("Trả lại {{ x }}", text)
    assert sent.alternatives[0][0] == f"<p>{text}</p>"
    assert Email.objects.get().status == STATUS.sent


@pytest.mark.django_db(transaction=True)
def test_bcc_recipients_get_the_mail_without_appearing_in_it(mailoutbox):
    EmailMessage(
        "Mời", "Nội dung", "q@x.vn", ["to@example.gov.vn"], bcc=["hidden@example.gov.vn"]
    ).send()

    email = Email.objects.get()
    assert (email.to, email.bcc) == (["to@example.gov.vn"], ["hidden@example.gov.vn"])
    [sent] = mailoutbox
    assert sent.recipients() == ["to@example.gov.vn", "hidden@example.gov.vn"]
    raw = sent.message().as_string()
    assert sent.message()["To"] == "to@example.gov.vn" and "hidden" not in raw


def test_a_failed_send_is_tried_again_later_and_not_lost(db, flaky, settings, mailoutbox):
    email = queued()
    flaky.append(ConnectionRefusedError(111, "Connection refused"))

    assert mail_send_queued.delay().get() == 0

    email.refresh_from_db()
    assert (email.status, email.number_of_retries) == (STATUS.requeued, 1)
    wait = email.scheduled_time - timezone.now()
    assert timedelta(minutes=2) < wait <= settings.POST_OFFICE["RETRY_INTERVAL"]
    assert email.logs.get().exception_type == "ConnectionRefusedError"
    assert mail_send_queued.delay().get() == 0  # beat a minute later: not due yet
    assert mailoutbox == []

    Email.objects.filter(pk=email.pk).update(scheduled_time=timezone.now())  # its time has come
    assert mail_send_queued.delay().get() == 1

    email.refresh_from_db()
    assert email.status == STATUS.sent and len(mailoutbox) == 1


def test_it_gives_up_after_the_last_retry_with_each_error_in_its_log(db, flaky, settings):
    email = queued()
    retries = settings.POST_OFFICE["MAX_RETRIES"]
    flaky += [ConnectionRefusedError(111, "Connection refused")] * (retries + 1)

    for _ in range(retries + 1):
        mail_send_queued.delay().get()
        Email.objects.filter(pk=email.pk).update(scheduled_time=timezone.now())

    email.refresh_from_db()
    assert email.status == STATUS.failed
    assert Log.objects.filter(email=email, status=STATUS.failed).count() == retries + 1
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_the_admin_puts_mail_back_in_the_queue_for_the_task(admin_client, mailoutbox):
    failed = queued(subject="failed", status=STATUS.failed, number_of_retries=5)
    sent = queued(subject="sent", status=STATUS.sent, message_id="<m-1@qms.example.gov.vn>")

    response = admin_client.post(
        "/admin/post_office/email/",
        {"action": "requeue", "_selected_action": [failed.pk]},
        follow=True,
    )
    assert "Đã xếp 1 thư để gửi lại." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.number_of_retries) == (STATUS.sent, 0)

    # The button on a mail's page sends it again through the queue, with its Message-ID.
    response = admin_client.get(f"/admin/post_office/email/{sent.pk}/resend/", follow=True)
    assert "Đã xếp thư để gửi lại." in response.content.decode()
    assert [m.subject for m in mailoutbox] == ["failed", "sent"]
    assert mailoutbox[1].message()["Message-ID"] == "<m-1@qms.example.gov.vn>"


@pytest.mark.django_db(transaction=True)
def test_a_mail_keeps_the_message_id_it_was_queued_with(mailoutbox):
    send_mail("Một", "B", "q@x.vn", ["a@example.gov.vn"])
    send_mail("Hai", "B", "q@x.vn", ["a@example.gov.vn"])

    first, second = Email.objects.order_by("pk")
    assert first.message_id and first.message_id != second.message_id
    assert first.message_id.endswith("@127.0.0.1>")  # the host of SITE_URL
    assert [m.message()["Message-ID"] for m in mailoutbox] == [
        first.message_id,
        second.message_id,
    ]


def test_the_purge_deletes_old_sent_mail_and_keeps_the_rest(db, settings):
    settings.MAIL_SENT_KEPT_DAYS = 30
    long_ago = timezone.now() - timedelta(days=31)
    rows = [
        ("old sent", STATUS.sent),
        ("old failed", STATUS.failed),
        ("old queued", STATUS.queued),
        ("recent sent", STATUS.sent),
    ]
    for subject, status in rows:
        email = queued(subject=subject, status=status)
        Log.objects.create(email=email, status=STATUS.sent if status == STATUS.sent else 1)
        if subject.startswith("old"):
            Email.objects.filter(pk=email.pk).update(last_updated=long_ago)

    assert mail_purge.delay().get() == 1

    assert sorted(Email.objects.values_list("subject", flat=True)) == [
        "old failed",
        "old queued",
        "recent sent",
    ]
    assert Log.objects.count() == 3


def test_make_run_writes_each_message_under_var_mail(transactional_db, tmp_path):
    """`make run`'s settings (DEBUG, no broker, the default EMAIL_DELIVERY_BACKEND, VAR_DIR): a
    mail sent from the shell is queued, sent after commit in the same process, and lands as a
    file in var/mail/ (README). The shell uses the test database, already migrated."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "CELERY_", "EMAIL_", "QMS_", "PYTEST_", "DJANGO_"))
    }
    env |= {"DEBUG": "true", "VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": database_url()}
    manage = [sys.executable, str(ROOT / "manage.py")]
    code = (
        "from django.core.mail import send_mail; "
        "send_mail('Đặt lại mật khẩu', 'Liên kết', None, ['an@example.gov.vn'], "
        "html_message='<p>Liên kết</p>')"
    )
    subprocess.run([*manage, "shell", "-c", code], env=env, cwd=ROOT, check=True, timeout=120)

    [file] = (tmp_path / "var" / "mail").iterdir()
    message = message_from_bytes(file.read_bytes(), policy=policy.default)
    assert (message["To"], message["Subject"]) == ("an@example.gov.vn", "Đặt lại mật khẩu")
    assert message.get_body(("html",)).get_content() == "<p>Liên kết</p>"
