"""Every transition × every role, written by hand from the rules of issue 5:

- drafters (submit, withdraw, revise): ISO officers; for a department's set also its own head;
- approvers (return, approve): the head and the deputies;
- issuers (issue, prepare for external signing, register): the records officer (the agency in
  these tests has one, so the approvers may not issue);
- publishers: the ISO officer and the head; for a department's set also its department head;
- staff, the agency administrator, a member of another agency and anonymous: nothing.

Allowed actions succeed; refused ones raise WorkflowError("forbidden") and change nothing.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import workflow
from documents.models import Status
from objectives.services import starting
from qms_objectives.errors import WorkflowError
from tests.files_support import small_pdf
from tests.objectives.services_support import (
    ISSUE_DATE,
    make_set,
    snapshot,
)

ROLES = [
    "iso_officer",
    "records_officer",
    "department_head",
    "head",
    "deputy",
    "staff",
    "administrator",
    "outsider",
    "anonymous",
]


def _issue_args():
    return {"number": None, "symbol": "QĐ-VP", "issued_on": ISSUE_DATE}


def _upload():
    return SimpleUploadedFile("ban-ky.pdf", small_pdf(), content_type="application/pdf")


# transition: (state before, state after, call(document, actor), who may, on a department set?)
TRANSITIONS = {
    "submit": (
        Status.DRAFT,
        Status.SUBMITTED,
        lambda d, a: workflow.document_submit(document=d, actor=a),
    ),
    "withdraw": (
        Status.RETURNED,
        Status.WITHDRAWN,
        lambda d, a: workflow.document_withdraw(document=d, actor=a),
    ),
    "return": (
        Status.SUBMITTED,
        Status.RETURNED,
        lambda d, a: workflow.document_return(document=d, actor=a, comment="Bổ sung chỉ tiêu."),
    ),
    "approve": (
        Status.SUBMITTED,
        Status.APPROVED,
        lambda d, a: workflow.document_approve(document=d, actor=a),
    ),
    "issue": (
        Status.APPROVED,
        Status.ISSUED,
        lambda d, a: workflow.document_issue(document=d, actor=a, **_issue_args()),
    ),
    "prepare_external": (
        Status.APPROVED,
        Status.APPROVED,
        lambda d, a: workflow.document_prepare_external(document=d, actor=a, **_issue_args()),
    ),
    "register_external": (
        Status.APPROVED,
        Status.ISSUED,
        lambda d, a: workflow.document_register_external(
            document=d, actor=a, uploaded_file=_upload(), **_issue_args()
        ),
    ),
    "publish": (
        Status.ISSUED,
        Status.PUBLISHED,
        lambda d, a: workflow.document_publish(document=d, actor=a),
    ),
}

AGENCY_SET_ALLOWED = {
    "submit": {"iso_officer"},
    "withdraw": {"iso_officer"},
    "return": {"head", "deputy"},
    "approve": {"head", "deputy"},
    "issue": {"records_officer"},
    "prepare_external": {"records_officer"},
    "register_external": {"records_officer"},
    "publish": {"iso_officer", "head"},
}
DEPARTMENT_SET_ALLOWED = {
    **AGENCY_SET_ALLOWED,
    "submit": {"iso_officer", "department_head"},
    "withdraw": {"iso_officer", "department_head"},
    "publish": {"iso_officer", "head", "department_head"},
}


def _actor(people, role):
    return AnonymousUser() if role == "anonymous" else people[role]


def _check(document, transition, role, allowed, people):
    before_status, after_status, call = TRANSITIONS[transition]
    before = snapshot(document)
    if role in allowed:
        result = call(document, _actor(people, role))
        result.refresh_from_db()
        assert result.status == after_status
        assert snapshot(result)["events"] == before["events"] + 1
        assert result.version == before["version"] + 1
    else:
        with pytest.raises(WorkflowError) as refusal:
            call(document, _actor(people, role))
        assert refusal.value.code == "forbidden"
        assert snapshot(document) == before


@pytest.mark.usefixtures("fast_render")
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("transition", list(TRANSITIONS))
def test_it_lets_only_the_right_roles_move_an_agency_set(people, agency, transition, role):
    document = make_set(agency, status=TRANSITIONS[transition][0])
    _check(document, transition, role, AGENCY_SET_ALLOWED[transition], people)


@pytest.mark.usefixtures("fast_render")
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("transition", list(TRANSITIONS))
def test_it_lets_only_the_right_roles_move_a_department_set(
    people, agency, department, transition, role
):
    document = make_set(agency, department=department, status=TRANSITIONS[transition][0])
    _check(document, transition, role, DEPARTMENT_SET_ALLOWED[transition], people)


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_drafters_revise(people, agency, department, role):
    agency_set = make_set(agency, status=Status.PUBLISHED)
    department_set = make_set(agency, department=department, status=Status.ISSUED)
    for document, allowed in (
        (agency_set, {"iso_officer"}),
        (department_set, {"iso_officer", "department_head"}),
    ):
        count = type(document).objects.count()
        if role in allowed:
            revision = starting.set_revise(document=document, actor=_actor(people, role))
            assert revision.revises_id == document.pk
        else:
            with pytest.raises(WorkflowError) as refusal:
                starting.set_revise(document=document, actor=_actor(people, role))
            assert refusal.value.code == "forbidden"
            assert type(document).objects.count() == count


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_drafters_start_sets(people, agency, department, role):
    agency_set = make_set(agency, status=Status.PUBLISHED, year=2023)
    actor = _actor(people, role)
    starts = {
        "blank agency": (
            {"iso_officer"},
            lambda: starting.set_start_blank(agency=agency, year=2024, actor=actor),
        ),
        "blank department": (
            {"iso_officer", "department_head"},
            lambda: starting.set_start_blank(
                agency=agency, department=department, year=2025, actor=actor
            ),
        ),
        "copy": (
            {"iso_officer"},
            lambda: starting.set_copy_from(source=agency_set, year=2026, actor=actor),
        ),
        "derive": (
            {"iso_officer", "department_head"},
            lambda: starting.set_derive_from_agency(
                agency_set=agency_set,
                department=department,
                year=2023,
                actor=actor,
                objective_ids=list(agency_set.objectives.values_list("pk", flat=True)),
            ),
        ),
    }
    for name, (allowed, call) in starts.items():
        count = type(agency_set).objects.count()
        if role in allowed:
            assert call().status == Status.DRAFT, name
        else:
            with pytest.raises(WorkflowError) as refusal:
                call()
            assert refusal.value.code == "forbidden", name
            assert type(agency_set).objects.count() == count, name
