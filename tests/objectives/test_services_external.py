"""Preparing for signing outside the app, and registering a document issued outside it."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import issuing, workflow
from documents.models import DocumentNumber, IssueMethod, Status
from qms_objectives.errors import WorkflowError
from tests.files_support import small_pdf
from tests.objectives.services_support import (
    ISSUE_DATE,
    make_set,
    snapshot,
    stored_files,
)

pytestmark = pytest.mark.usefixtures("fast_render")


def _prepare(document, people, number=7):
    return workflow.document_prepare_external(
        document=document,
        actor=people["records_officer"],
        number=number,
        symbol="QĐ-VP",
        issued_on=ISSUE_DATE,
    )


def _register(document, people, data, name="scan.pdf", number=8):
    return workflow.document_register_external(
        document=document,
        actor=people["records_officer"],
        number=number,
        symbol="QĐ-VP",
        issued_on=ISSUE_DATE,
        uploaded_file=SimpleUploadedFile(name, data, content_type="application/pdf"),
    )


def test_it_prepares_the_final_unsigned_pdf_and_stays_approved(people, agency):
    document = make_set(agency, status=Status.APPROVED)
    _prepare(document, people)
    document.refresh_from_db()
    assert document.status == Status.APPROVED
    assert document.issue_method == IssueMethod.EXTERNAL_SIGNING
    assert document.number_and_symbol == "07/QĐ-VP"
    assert document.header_agency_name == agency.printed_name
    assert document.verification_code
    data = document.prepared_file.read()
    assert data == small_pdf()
    assert document.prepared_sha256 == hashlib.sha256(data).hexdigest()
    assert document.issued_file.name == ""
    assert DocumentNumber.objects.get().number == 7


def test_it_refuses_to_issue_or_register_a_prepared_set_another_way(people, agency):
    document = make_set(agency, status=Status.APPROVED)
    _prepare(document, people)
    before = snapshot(document)
    for attempt in (
        lambda: _prepare(document, people, number=9),
        lambda: workflow.document_issue(
            document=document,
            actor=people["records_officer"],
            number=9,
            symbol="QĐ-VP",
            issued_on=ISSUE_DATE,
        ),
        lambda: _register(document, people, small_pdf()),
    ):
        with pytest.raises(WorkflowError) as refusal:
            attempt()
        assert refusal.value.code == "prepared"
    assert snapshot(document) == before


def test_it_registers_a_pdf_issued_outside_the_app(people, agency):
    document = make_set(agency, status=Status.APPROVED)
    _register(document, people, small_pdf())
    document.refresh_from_db()
    assert document.status == Status.ISSUED
    assert document.issue_method == IssueMethod.REGISTERED
    assert document.issued_file.read() == small_pdf()
    assert document.issued_sha256 == hashlib.sha256(small_pdf()).hexdigest()
    assert document.verification_code is None  # no QR code on a file made elsewhere
    assert document.number_and_symbol == "08/QĐ-VP"
    assert document.is_digitally_signed is False
    assert DocumentNumber.objects.get().number == 8


@pytest.mark.parametrize(
    "data",
    [
        b"Quyet dinh so 124/QD-VP",
        b"%PDF-1.7\nkhong phai PDF that\n%%EOF",
        b"PK\x03\x04" + b"\x00" * 200,
        b"",
    ],
)
def test_it_refuses_a_file_that_is_not_a_pdf(people, agency, data):
    document = make_set(agency, status=Status.APPROVED)
    before = snapshot(document)
    with pytest.raises(WorkflowError) as refusal:
        _register(document, people, data, name="quyet-dinh.pdf")
    assert refusal.value.code == "not_pdf"
    assert snapshot(document) == before
    assert stored_files() == []


def test_it_refuses_a_file_over_the_limit(people, agency, monkeypatch):
    monkeypatch.setattr(issuing, "MAX_UPLOAD_BYTES", len(small_pdf()) - 1)
    document = make_set(agency, status=Status.APPROVED)
    before = snapshot(document)
    with pytest.raises(WorkflowError) as refusal:
        _register(document, people, small_pdf())
    assert refusal.value.code == "too_big"
    assert snapshot(document) == before


def test_it_refuses_a_registered_number_already_taken(people, agency, department):
    _register(make_set(agency, status=Status.APPROVED), people, small_pdf(), number=3)
    second = make_set(agency, department=department, status=Status.APPROVED)
    before = snapshot(second)
    with pytest.raises(WorkflowError) as refusal:
        _register(second, people, small_pdf(), number=3)
    assert refusal.value.code == "number_taken"
    assert snapshot(second) == before
    assert len(stored_files()) == 1
