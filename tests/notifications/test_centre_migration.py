"""notifications 0003: notifications written before kinds keep their finished sentence as the
kind "legacy" and are shown as they were."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("notifications", "0002_outbox_cc_bcc_last_attempt")]
AFTER = [("notifications", "0003_notification_centre")]


@pytest.fixture
def before(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_old_rows_become_legacy_notices_with_their_text(before):
    user = before.get_model("auth", "User").objects.create(username="cu", email="cu@x.vn")
    old = before.get_model("notifications", "Notification").objects.create(
        user=user, message="“Mục tiêu 2024” đã được duyệt.", url="/sets/1/"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    after = executor.loader.project_state(AFTER).apps

    row = after.get_model("notifications", "Notification").objects.get(pk=old.pk)
    assert (row.kind, row.message, row.url, row.params) == (
        "legacy",
        "“Mục tiêu 2024” đã được duyệt.",
        "/sets/1/",
        {},
    )
    assert row.target_type_id is None and row.target_id is None
