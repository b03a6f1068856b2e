"""Deadlines the oversight body sets: its administrator sets them (its inspector reads, 403 on a
post; another body's member 404), agencies past one are late on the table and are reminded
once per deadline, agency and period — however often the daily task runs."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.models import Result
from notifications.models import Notification
from oversight.models import Deadline, DeadlineKind, DeadlineReminder
from oversight.reminders import deadline_reminders_send
from tests.factories import ObjectiveSetFactory


def _post(client, body, **data):
    return client.post(reverse("oversight:deadlines", args=[body.pk, 2024]), data)


def test_the_administrator_sets_a_deadline(client, overseers, body):
    client.force_login(overseers["oversight_admin"])
    response = _post(client, body, kind=DeadlineKind.OBJECTIVES_PUBLISHED, due_on="2024-01-31")
    assert response.status_code == 302
    deadline = Deadline.objects.get()
    assert deadline.due_on == datetime.date(2024, 1, 31)
    assert deadline.history.get().history_user == overseers["oversight_admin"]


def test_a_results_deadline_needs_its_days(client, overseers, body):
    client.force_login(overseers["oversight_admin"])
    response = _post(client, body, kind=DeadlineKind.RESULTS_REPORTED, note="Mỗi quý")
    assert response.status_code == 200
    assert "Hãy nhập số ngày sau khi hết kỳ" in response.content.decode()
    assert not Deadline.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("inspector", 403), ("other_overseer", 404)])
def test_others_are_refused_and_nothing_changes(client, people, overseers, body, role, status):
    deadline = Deadline.objects.create(
        body=body, year=2024, kind=DeadlineKind.INTERNAL_AUDIT, due_on=datetime.date(2024, 11, 30)
    )
    client.force_login({**people, **overseers}[role])
    refused = _post(client, body, kind=DeadlineKind.INTERNAL_AUDIT, due_on="2024-12-31")
    assert refused.status_code == status
    removed = client.post(reverse("oversight:deadline_remove", args=[deadline.pk]))
    assert removed.status_code == status
    deadline.refresh_from_db()
    assert deadline.due_on == datetime.date(2024, 11, 30)


@pytest.fixture
def quarterly(agency):
    return ObjectiveSetFactory(
        agency=agency,
        year=2024,
        published=True,
        with_objectives=1,
        with_objectives__reporting_frequencies=["quarterly"],
    )


def test_late_agencies_are_reminded_once_per_deadline_and_period(
    agency, people, body, quarterly, django_capture_on_commit_callbacks
):
    Deadline.objects.create(
        body=body, year=2024, kind=DeadlineKind.RESULTS_REPORTED, days_after_period=10
    )
    target = quarterly.objectives.get().targets.get()
    Result.objects.create(
        target=target,
        period_key="2024-Q1",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 3, 31),
        value=Decimal(99),
        recorded_by=people["iso_officer"],
    )  # recorded today: after 10/04/2024, so late too

    with django_capture_on_commit_callbacks(execute=True):
        sent = deadline_reminders_send(today=datetime.date(2024, 7, 20))
    assert sorted(r.period_key for r in sent) == ["2024-Q1", "2024-Q2"]
    told = set(
        Notification.objects.filter(kind="oversight_deadline").values_list("user", flat=True)
    )
    assert told == {people["iso_officer"].pk, people["head"].pk}

    assert deadline_reminders_send(today=datetime.date(2024, 7, 21)) == []
    later = deadline_reminders_send(today=datetime.date(2024, 10, 11))
    assert [r.period_key for r in later] == ["2024-Q3"]
    assert DeadlineReminder.objects.count() == 3


def test_an_agency_on_time_is_not_reminded(agency, body, quarterly):
    Deadline.objects.create(
        body=body,
        year=2024,
        kind=DeadlineKind.OBJECTIVES_PUBLISHED,
        due_on=datetime.date(2099, 1, 31),
    )
    assert deadline_reminders_send(today=datetime.date(2024, 7, 20)) == []
