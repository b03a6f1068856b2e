"""Real parallel requests on PostgreSQL: two people save the same objective at the same moment
(the versioned save keeps the first and refuses the second, whose text comes back to them), and
two records officers issue with the same number at once (one number, one file).

SQLite serialises every write on one database lock, so these prove nothing there: they skip.
"""

import threading
import urllib.error
import urllib.request
from datetime import date
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from documents.models import DocumentNumber, Status
from documents.workflow import document_issue
from objectives.models import Objective, ObjectiveSet
from objectives.services import editing
from qms_objectives.errors import WorkflowError
from tests.factories import MembershipFactory, UserFactory
from tests.objectives.services_support import make_set, stored_files
from tests.objectives.test_views_objectives import objective_data
from tests.objectives.views_support import set_with_objectives

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://…): SQLite serialises all writes",
    ),
    pytest.mark.django_db(transaction=True),
]

CSRF = "a" * 32  # a CSRF secret: sent as cookie and header, as the browser's htmx does


def _at_once(*calls):
    """Run the calls in threads released together; each thread closes its own connection.
    Returns what each returned or raised, in order."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome under test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _second_officer(agency):
    user = UserFactory(username="iso_officer_2")
    MembershipFactory(user=user, agency=agency, is_iso_officer=True)
    return user


def _post(url: str, session: str, data: dict) -> tuple[int, str]:
    request = urllib.request.Request(
        url,
        data=urlencode(data, doseq=True).encode(),
        headers={
            "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "HX-Request": "true",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - live_server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_it_keeps_the_first_of_two_parallel_saves_and_returns_the_second(
    live_server, agency, people
):
    draft = set_with_objectives(agency)
    objective = Objective.objects.filter(objective_set=draft).order_by("order").first()
    url = live_server.url + reverse("objectives:objective_edit", args=[objective.pk])
    texts = ["Nội dung của cán bộ ISO thứ nhất.", "Nội dung của cán bộ ISO thứ hai."]
    sessions = [_session(people["iso_officer"]), _session(_second_officer(agency))]
    forms = [objective_data(objective, content=text) for text in texts]

    outcomes = _at_once(
        *(lambda s=s, f=f: _post(url, s, f) for s, f in zip(sessions, forms, strict=True))
    )

    statuses = sorted(status for status, _body in outcomes)
    assert statuses == [200, 409]
    winner = next(i for i, (status, _body) in enumerate(outcomes) if status == 200)
    loser = 1 - winner
    objective.refresh_from_db()
    assert objective.content == texts[winner]
    assert objective.version == 2
    assert texts[loser] in outcomes[loser][1]  # the refused text is handed back, not lost
    assert objective.history.filter(content=texts[winner]).count() == 1
    assert not objective.history.filter(content=texts[loser]).exists()


def test_it_lets_exactly_one_of_eight_parallel_service_saves_through(agency, people):
    draft = set_with_objectives(agency)
    objective = Objective.objects.filter(objective_set=draft).order_by("order").first()
    actor = people["iso_officer"]

    def save(n):
        return lambda: editing.objective_update(
            objective=objective, actor=actor, version=1, fields={"content": f"Lần lưu số {n}."}
        )

    outcomes = _at_once(*(save(n) for n in range(8)))

    saved = [o for o in outcomes if isinstance(o, Objective)]
    refused = [o for o in outcomes if isinstance(o, editing.EditConflict)]
    assert (len(saved), len(refused)) == (1, 7)
    objective.refresh_from_db()
    assert objective.content == saved[0].content
    assert objective.version == 2


@pytest.mark.usefixtures("fast_render")
def test_it_gives_a_number_once_when_two_issue_it_at_the_same_moment(
    agency, department, other_department, people
):
    documents = [
        make_set(agency, status=Status.APPROVED, department=unit)
        for unit in (department, other_department)
    ]

    def issue(document):
        return lambda: document_issue(
            document=document,
            actor=people["records_officer"],
            number=124,
            symbol="QĐ-VP",
            issued_on=date(2024, 1, 15),
        )

    outcomes = _at_once(*(issue(d) for d in documents))

    refused = [o for o in outcomes if isinstance(o, WorkflowError)]
    assert len(refused) == 1 and refused[0].code == "number_taken"
    assert ObjectiveSet.objects.filter(status=Status.ISSUED).count() == 1
    assert ObjectiveSet.objects.filter(status=Status.APPROVED, number=None).count() == 1
    assert DocumentNumber.objects.count() == 1
    assert len(stored_files()) == 1  # the refused issue's file was deleted
