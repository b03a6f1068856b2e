"""enqueue_on_commit: the work goes to the task engine after commit, and a broker that is down
never turns the committed request into an error (the sweep enqueues it again later)."""

import logging

import pytest
from django.db import transaction

from qms_objectives.tasks import enqueue_on_commit

pytestmark = pytest.mark.django_db(transaction=True)


class BrokerDown:
    name = "notifications.tasks.email_send"

    def __init__(self):
        self.calls = []

    def delay(self, *args):
        self.calls.append(args)
        raise ConnectionRefusedError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


class Broker(BrokerDown):
    def delay(self, *args):
        self.calls.append(args)


def test_it_enqueues_only_after_commit():
    task = Broker()
    with transaction.atomic():
        enqueue_on_commit(task, 7)
        assert task.calls == []
    assert task.calls == [(7,)]


def test_it_enqueues_nothing_when_the_transaction_rolls_back():
    task = Broker()
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(task, 7)
        raise RuntimeError
    assert task.calls == []


def test_a_broker_that_is_down_is_logged_and_the_next_work_still_goes(caplog):
    down, up = BrokerDown(), Broker()
    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"), transaction.atomic():
        enqueue_on_commit(down, 1)
        enqueue_on_commit(up, 2)
    assert down.calls == [(1,)] and up.calls == [(2,)]
    assert "notifications.tasks.email_send" in caplog.text
