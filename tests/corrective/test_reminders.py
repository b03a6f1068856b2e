"""Open actions past due are reminded: on the due date, then once a week while open; never twice
a day however often the task runs; a done or closed action is not reminded. Today is fixed."""

from datetime import date, timedelta

import pytest

from corrective.models import Status
from corrective.reminders import reminders_send
from corrective.tasks import reminders_send_due
from notifications import kinds
from notifications.models import Notification
from tests.corrective.conftest import DUE, make_action


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """reminders_send with the notices written (they are written on commit)."""

    def run(today):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=today)

    return run


def _told():
    return sorted(
        (n.user.username, n.kind)
        for n in Notification.objects.select_related("user").order_by("pk")
    )


OWNERS = [
    ("department_head", kinds.CORRECTIVE_ACTION_DUE),
    ("staff", kinds.CORRECTIVE_ACTION_DUE),
]


def test_it_reminds_at_the_due_date_then_weekly(action, people, send):
    assert send(DUE - timedelta(days=1)) == []
    assert _told() == []

    assert send(DUE) == [action]
    assert _told() == OWNERS
    notice = Notification.objects.get(user=people["staff"])
    assert notice.url == action.get_absolute_url()
    assert "10/07/2024" in notice.text and action.action in notice.text

    assert send(DUE) == []  # again the same day: nothing
    for days in range(1, 7):
        assert send(DUE + timedelta(days=days)) == []
    assert len(_told()) == 2

    assert send(DUE + timedelta(days=7)) == [action]
    assert len(_told()) == 4
    assert action.history.count() == 1  # reminding is not a change of the action


@pytest.mark.parametrize("status", [Status.DONE, Status.CLOSED])
def test_a_done_or_closed_action_is_not_reminded(action, status, send):
    action.status = status
    action.save()
    assert send(DUE + timedelta(days=14)) == []
    assert _told() == []


def test_without_owners_the_iso_officers_are_told(agency, people, send):
    make_action(agency, people, owner_person=None, owner_department=None)
    # An action without owner cannot be saved through the services; one left without an
    # active owner (the person left) reaches the ISO officers.
    send(DUE)
    assert _told() == [("iso_officer", kinds.CORRECTIVE_ACTION_DUE)]


def test_the_beat_task_uses_today(action, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2024, 7, 10))
    assert reminders_send_due() == 1
    assert reminders_send_due() == 0
