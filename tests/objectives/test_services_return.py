"""Submit, return (from both states, comment required, shown until resubmitted), withdraw."""

import pytest
from django.utils import timezone

from documents import workflow
from documents.models import DocumentNumber, IssueMethod, Status
from objectives.models import ObjectiveSet
from qms_objectives.errors import WorkflowError
from tests.objectives.services_support import (
    events_of,
    make_set,
    snapshot,
    stored_files,
)


def test_it_submits_a_draft_and_records_who_did_it(people, agency):
    document = make_set(agency)
    result = workflow.document_submit(document=document, actor=people["iso_officer"])
    document.refresh_from_db()
    assert result.status == document.status == Status.SUBMITTED
    event = events_of(document).get()
    assert (event.actor, event.action, event.from_status, event.to_status) == (
        people["iso_officer"],
        "submit",
        Status.DRAFT,
        Status.SUBMITTED,
    )
    assert document.history.first().history_user == people["iso_officer"]


@pytest.mark.parametrize("state", [Status.SUBMITTED, Status.APPROVED])
def test_it_returns_from_both_states_with_the_comment(people, agency, state):
    document = make_set(agency, status=state)
    workflow.document_return(document=document, actor=people["deputy"], comment="  Sửa mục 2. ")
    document.refresh_from_db()
    assert document.status == Status.RETURNED
    assert document.return_comment == "Sửa mục 2."
    assert document.is_editable
    event = events_of(document).get()
    assert (event.from_status, event.comment) == (state, "Sửa mục 2.")


@pytest.mark.parametrize("comment", ["", "   ", None])
def test_it_refuses_a_return_without_comment(people, agency, comment):
    document = make_set(agency, status=Status.SUBMITTED)
    before = snapshot(document)
    with pytest.raises(WorkflowError) as refusal:
        workflow.document_return(document=document, actor=people["head"], comment=comment)
    assert refusal.value.code == "comment_required"
    assert "ý kiến" in refusal.value.message
    assert snapshot(document) == before


def test_it_shows_the_comment_until_resubmitted(people, agency):
    document = make_set(agency, status=Status.SUBMITTED)
    workflow.document_return(document=document, actor=people["head"], comment="Bổ sung biện pháp.")
    document.refresh_from_db()
    assert document.return_comment == "Bổ sung biện pháp."
    workflow.document_submit(document=document, actor=people["iso_officer"])
    document.refresh_from_db()
    assert document.status == Status.SUBMITTED
    assert document.return_comment == ""


def test_it_undoes_the_approval_when_returning_an_approved_set(people, agency):
    document = make_set(agency, status=Status.SUBMITTED)
    workflow.document_approve(document=document, actor=people["head"])
    workflow.document_return(document=document, actor=people["head"], comment="Xem lại.")
    document.refresh_from_db()
    assert document.signing_lines == []
    assert document.signer is None
    assert document.approved_at is None


@pytest.mark.usefixtures("fast_render")
def test_it_frees_the_number_and_file_of_a_set_prepared_for_external_signing(
    people, agency, django_capture_on_commit_callbacks
):
    document = make_set(agency, status=Status.SUBMITTED)
    workflow.document_approve(document=document, actor=people["head"])
    workflow.document_prepare_external(
        document=document,
        actor=people["records_officer"],
        number=12,
        symbol="QĐ-VP",
        issued_on=timezone.localdate(),  # signed in the app: not before its approval, today
    )
    assert DocumentNumber.objects.count() == 1
    assert len(stored_files()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        workflow.document_return(document=document, actor=people["head"], comment="Sai số.")
    document.refresh_from_db()
    assert document.status == Status.RETURNED
    assert (document.number, document.issue_method, document.prepared_file.name) == (None, "", "")
    assert document.verification_code is None
    assert DocumentNumber.objects.count() == 0
    assert stored_files() == []


@pytest.mark.parametrize(
    "state",
    [Status.APPROVED, Status.ISSUED, Status.PUBLISHED, Status.SUPERSEDED, Status.WITHDRAWN],
)
def test_it_refuses_to_submit_a_set_that_is_not_a_draft(people, agency, state):
    document = make_set(agency, status=state)
    before = snapshot(document)
    with pytest.raises(WorkflowError) as refusal:
        workflow.document_submit(document=document, actor=people["iso_officer"])
    assert refusal.value.code == "state"
    assert str(Status(state).label) in refusal.value.message
    assert snapshot(document) == before


@pytest.mark.parametrize("state", [Status.DRAFT, Status.RETURNED])
def test_it_withdraws_a_draft_and_keeps_it(people, agency, state):
    document = make_set(agency, status=state)
    workflow.document_withdraw(document=document, actor=people["iso_officer"])
    document.refresh_from_db()
    assert document.status == Status.WITHDRAWN
    assert document.objectives.count() == 1
    # A new set for the year may now be started.
    ObjectiveSet.objects.create(agency=agency, year=document.year)


@pytest.mark.parametrize("state", [Status.SUBMITTED, Status.APPROVED, Status.ISSUED])
def test_it_refuses_to_withdraw_a_set_past_drafting(people, agency, state):
    document = make_set(agency, status=state)
    before = snapshot(document)
    with pytest.raises(WorkflowError):
        workflow.document_withdraw(document=document, actor=people["iso_officer"])
    assert snapshot(document) == before


def test_it_leaves_the_callers_instance_alone_when_refusing(people, agency):
    document = make_set(agency, status=Status.APPROVED, issue_method=IssueMethod.APP)
    with pytest.raises(WorkflowError):
        workflow.document_submit(document=document, actor=people["iso_officer"])
    assert document.status == Status.APPROVED
