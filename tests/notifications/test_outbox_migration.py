"""notifications 0004: the hand-written outbox gives way to django-post-office's queue. Waiting
and failed mail moves with its Message-ID (a failed one with its error in the mail's log), sent
mail does not; whoever held the outbox's permissions holds post_office's; the outbox's content
type goes (tests/operations/test_legacy_upgrade.py runs it on a real old database)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("notifications", "0003_notification_centre")]
AFTER = [("notifications", "0004_outbox_to_post_office")]


@pytest.fixture
def before(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    MigrationExecutor(connection).migrate(AFTER)


def test_waiting_and_failed_mail_and_the_permissions_move(before, settings):
    settings.SITE_URL = "https://qms.example.gov.vn"
    outbox = before.get_model("notifications", "OutboundEmail")
    content_type = before.get_model("contenttypes", "ContentType").objects.create(
        app_label="notifications", model="outboundemail"
    )
    change = before.get_model("auth", "Permission").objects.create(
        content_type=content_type, codename="change_outboundemail", name="Can change"
    )
    group = before.get_model("auth", "Group").objects.create(name="Văn thư")
    group.permissions.add(change)
    common = {"from_email": "q@example.gov.vn", "body": "Nội dung"}
    waiting = outbox.objects.create(
        to=["a@example.gov.vn"], bcc=["h@example.gov.vn"], subject="Chờ", **common
    )
    failed = outbox.objects.create(
        to=["b@example.gov.vn"], subject="Lỗi", html_body="<p>B</p>", state="failed",
        attempts=6, last_error="SMTPRecipientsRefused: 550", **common,
    )  # fmt: skip
    outbox.objects.create(to=["c@example.gov.vn"], subject="Đã gửi", state="sent", **common)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    after = executor.loader.project_state(AFTER).apps

    Email = after.get_model("post_office", "Email")
    rows = {e.subject: e for e in Email.objects.all()}
    assert sorted(rows) == ["Chờ", "Lỗi"]
    moved = rows["Chờ"]
    assert (moved.to, moved.bcc, moved.status, moved.message) == (
        ["a@example.gov.vn"], ["h@example.gov.vn"], 2, "Nội dung",
    )  # fmt: skip
    assert moved.message_id == f"<qms-outbox-{waiting.pk}@qms.example.gov.vn>"
    gone_wrong = rows["Lỗi"]
    assert (gone_wrong.status, gone_wrong.html_message) == (1, "<p>B</p>")
    assert gone_wrong.message_id == f"<qms-outbox-{failed.pk}@qms.example.gov.vn>"
    log = after.get_model("post_office", "Log").objects.get()
    assert (log.email_id, log.message) == (gone_wrong.pk, "SMTPRecipientsRefused: 550")
    held = after.get_model("auth", "Group").objects.get(name="Văn thư").permissions.all()
    assert [(p.content_type.app_label, p.codename) for p in held] == [
        ("post_office", "change_email")
    ]
    ContentType = after.get_model("contenttypes", "ContentType")
    assert not ContentType.objects.filter(model="outboundemail").exists()
    assert "notifications_outboundemail" not in connection.introspection.table_names()
