"""The schedule on real services: Celery beat fires the reminders task every second to two real
workers (tests/notifications/services_support.py); each person is reminded of each unit's
period once (the department head, then the ISO officer: last year's reports are long overdue),
and each reminder reaches its recipient once."""

import time
from collections import Counter
from pathlib import Path

import pytest
from django.utils import timezone
from post_office.models import STATUS, Email

from monitoring.models import PersonReminder
from monitoring.selectors import due_reports
from tests.monitoring.conftest import add_objective, publish_set
from tests.notifications.services_support import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
WORKER_SETTINGS = "tests.notifications.beat_settings"


def test_beat_fires_the_reminders_and_each_is_sent_once(
    agency, department, people, workers, smtp_sink
):
    sink, _port = smtp_sink
    year = timezone.localdate().year - 1  # every period of last year has ended
    add_objective(publish_set(agency, department=department, year=year))
    due = [
        i for i in due_reports(agency=agency, year=year, today=timezone.localdate()) if i.missing
    ]
    assert due

    workers.start(), workers.start()
    workers.beat()
    expected = 2 * len(due)  # department head (no reporter named), then the ISO officer
    wait_for(lambda: PersonReminder.objects.count() >= expected, 60, "the first reminders")
    wait_for(lambda: _fired(workers) >= 5, 30, "five firings of the schedule")
    wait_for(
        lambda: not Email.objects.exclude(status=STATUS.sent).exists(),
        30,
        "every reminder mail SENT",
    )
    time.sleep(1)

    assert PersonReminder.objects.count() == expected
    rows = list(Email.objects.all())
    assert len(rows) == expected and all(len(r.to) == 1 for r in rows)
    assert sink.total() >= len(rows)
    per_person = {people["department_head"].email: len(due), people["iso_officer"].email: len(due)}
    received = Counter()
    for (_subject, recipient), count in sink.by_recipient.items():
        received[recipient] += count
    assert dict(received) == per_person, "a reminder reached someone twice"


def _fired(workers) -> int:
    log = Path(workers.logs / "beat.log")
    return log.read_text().count("Sending due task reminders") if log.exists() else 0
