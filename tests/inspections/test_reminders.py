"""Reminders of an inspection's corrective actions: two weeks before the two-month deadline the
agency's ISO officer and head are told, once each however often the task runs; past the
deadline the team leader too; nothing once every action is closed."""

import datetime

import pytest

from corrective.models import CorrectiveAction
from corrective.models import Status as CorrectiveStatus
from inspections import services_inspection as services
from inspections.models import InspectionReminder
from inspections.reminders_inspection import reminders_send
from notifications.models import Notification

pytestmark = pytest.mark.django_db
MINUTES_DAY = datetime.date(2024, 5, 15)  # due 15/07/2024


@pytest.fixture
def signed(approved, people, both_certificates):
    minutes = services.minutes_sign_inspecting_unit(
        minutes=approved, actor=people["inspector"], number=None, issued_on=MINUTES_DAY
    )
    return services.minutes_sign_agency(minutes=minutes, actor=people["head"])


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """reminders_send, with what it queues after commit (the notifications) run."""

    def send(day: datetime.date) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=day)

    return send


def _told(people, role) -> int:
    return Notification.objects.filter(user=people[role], kind="inspection_corrective_due").count()


def test_it_tells_the_agency_two_weeks_before_once(signed, people, run):
    assert run(datetime.date(2024, 6, 30)) == 0
    assert run(datetime.date(2024, 7, 1)) == 2
    assert run(datetime.date(2024, 7, 2)) == 0
    assert _told(people, "iso_officer") == 1 and _told(people, "head") == 1
    assert _told(people, "staff") == 0 and _told(people, "inspector") == 0


def test_past_the_deadline_the_team_leader_is_told_too(signed, people, run):
    run(datetime.date(2024, 7, 1))
    assert run(datetime.date(2024, 7, 16)) == 1
    assert _told(people, "inspector") == 1
    assert InspectionReminder.objects.count() == 3


def test_nothing_once_every_action_is_closed(signed, people, run):
    CorrectiveAction.objects.update(status=CorrectiveStatus.CLOSED)
    assert run(datetime.date(2024, 7, 20)) == 0
    assert not Notification.objects.filter(kind="inspection_corrective_due").exists()
