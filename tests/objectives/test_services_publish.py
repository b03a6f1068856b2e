"""Publishing supersedes the revised set and any other set in force; the database itself allows
one open and one published set per agency (or department) and year."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from documents import workflow
from documents.models import Status
from objectives.models import ObjectiveSet
from objectives.services import starting
from qms_objectives.errors import WorkflowError
from tests.objectives.services_support import (
    events_of,
    make_set,
    snapshot,
)


def test_it_publishes_an_issued_set(people, agency):
    document = make_set(agency, status=Status.ISSUED)
    workflow.document_publish(document=document, actor=people["head"])
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.published_at is not None


@pytest.mark.parametrize("state", [Status.APPROVED, Status.PUBLISHED, Status.SUPERSEDED])
def test_it_publishes_only_an_issued_set(people, agency, state):
    document = make_set(agency, status=state)
    before = snapshot(document)
    with pytest.raises(WorkflowError) as refusal:
        workflow.document_publish(document=document, actor=people["iso_officer"])
    assert refusal.value.code == "state"
    assert snapshot(document) == before


@pytest.mark.usefixtures("fast_render")
def test_it_supersedes_the_revised_set_when_the_revision_is_published(people, agency):
    original = make_set(agency, status=Status.PUBLISHED)
    revision = starting.set_revise(document=original, actor=people["iso_officer"])
    workflow.document_submit(document=revision, actor=people["iso_officer"])
    workflow.document_approve(document=revision, actor=people["deputy"])
    workflow.document_issue(
        document=revision,
        actor=people["records_officer"],
        number=2,
        symbol="QĐ-VP",
        issued_on=timezone.localdate(),  # signed in the app: not before its approval, today
    )
    original.refresh_from_db()
    assert original.status == Status.PUBLISHED  # still in force until the revision is published
    workflow.document_publish(document=revision, actor=people["iso_officer"])
    original.refresh_from_db()
    revision.refresh_from_db()
    assert (original.status, revision.status) == (Status.SUPERSEDED, Status.PUBLISHED)
    superseded = events_of(original).get(action="supersede")
    assert (superseded.actor, superseded.from_status) == (people["iso_officer"], Status.PUBLISHED)
    assert [e.action for e in events_of(revision)] == [
        "revise",
        "submit",
        "approve",
        "issue",
        "publish",
    ]


def test_it_supersedes_a_revised_set_that_was_issued_but_never_published(people, agency):
    original = make_set(agency, status=Status.ISSUED)
    revision = make_set(agency, status=Status.ISSUED, revises=original, revision=1)
    workflow.document_publish(document=revision, actor=people["head"])
    original.refresh_from_db()
    assert original.status == Status.SUPERSEDED


def test_it_supersedes_any_other_published_set_of_the_same_scope_only(
    people, agency, department, other_department
):
    in_force = make_set(agency, status=Status.PUBLISHED)
    department_set = make_set(agency, department=department, status=Status.PUBLISHED)
    last_year = make_set(agency, status=Status.PUBLISHED, year=2023)
    newcomer = make_set(agency, status=Status.ISSUED)
    workflow.document_publish(document=newcomer, actor=people["iso_officer"])
    for document, status in (
        (in_force, Status.SUPERSEDED),
        (department_set, Status.PUBLISHED),
        (last_year, Status.PUBLISHED),
        (newcomer, Status.PUBLISHED),
    ):
        document.refresh_from_db()
        assert document.status == status
    other = make_set(agency, department=other_department, status=Status.ISSUED)
    workflow.document_publish(document=other, actor=people["head"])
    department_set.refresh_from_db()
    assert department_set.status == Status.PUBLISHED


@pytest.mark.parametrize("scope", ["agency", "department"])
@pytest.mark.parametrize("state", [Status.PUBLISHED, Status.DRAFT, Status.APPROVED])
def test_the_database_allows_one_open_and_one_published_set_per_scope(
    agency, department, scope, state
):
    department = department if scope == "department" else None
    second_state = Status.SUBMITTED if state != Status.PUBLISHED else Status.PUBLISHED
    make_set(agency, department=department, status=state)
    with pytest.raises(IntegrityError), transaction.atomic():
        ObjectiveSet.objects.create(
            agency=agency, department=department, year=2024, status=second_state
        )
    # Another year, or a closed set beside an open one, is fine.
    ObjectiveSet.objects.create(agency=agency, department=department, year=2025, status=state)
    ObjectiveSet.objects.create(
        agency=agency, department=department, year=2024, status=Status.WITHDRAWN
    )
