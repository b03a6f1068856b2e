"""Issuing in the app: number (optional, unique), header data, verification code before
rendering, final PDF stored with its hash; a failure anywhere leaves everything as it was."""

import hashlib
from datetime import date

import pytest
from django.core.files.storage import FileSystemStorage

from agencies.models import Membership
from documents import issuing, render, signing, steps, workflow
from documents.models import DocumentNumber, IssueMethod, Status
from qms_objectives.errors import WorkflowError
from tests.files_support import small_pdf
from tests.objectives.services_support import (
    ISSUE_DATE,
    events_of,
    make_set,
    snapshot,
    stored_files,
)

pytestmark = pytest.mark.usefixtures("fast_render")


def _approved(agency, **fields):
    return make_set(agency, status=Status.APPROVED, **fields)


def _issue(document, people, number=124, symbol="QĐ-VP", issued_on=ISSUE_DATE):
    return workflow.document_issue(
        document=document,
        actor=people["records_officer"],
        number=number,
        symbol=symbol,
        issued_on=issued_on,
    )


def test_it_issues_with_a_number_and_keeps_the_file_with_its_hash(people, agency):
    document = _approved(agency)
    _issue(document, people)
    document.refresh_from_db()
    assert document.status == Status.ISSUED
    assert document.number_and_symbol == "124/QĐ-VP"
    assert document.issued_on == ISSUE_DATE
    assert document.issue_method == IssueMethod.APP
    assert document.issued_by == people["records_officer"]
    data = document.issued_file.read()
    assert data == small_pdf()
    assert document.issued_sha256 == hashlib.sha256(data).hexdigest()
    assert document.issued_file.name.startswith("issued/")
    assert document.is_digitally_signed is False
    register = DocumentNumber.objects.get()
    assert (register.number, register.symbol, register.year, register.document) == (
        124,
        "QĐ-VP",
        2024,
        document,
    )
    assert [e.action for e in events_of(document)] == ["issue"]


def test_it_copies_the_header_data_from_the_agency(people, agency):
    agency.governing_body = "UBND TỈNH ĐỒNG NAI"
    agency.name_in_documents = "Văn phòng Ủy ban nhân dân tỉnh"
    agency.place_name = "Đồng Nai"
    agency.save()
    document = _issue(_approved(agency), people)
    assert document.header_governing_body == "UBND TỈNH ĐỒNG NAI"
    assert document.header_agency_name == "Văn phòng Ủy ban nhân dân tỉnh"
    assert document.place_name == "Đồng Nai"
    agency.name_in_documents = "Tên mới"
    agency.save()
    document.refresh_from_db()
    assert document.header_agency_name == "Văn phòng Ủy ban nhân dân tỉnh"


def test_it_issues_without_a_number(people, agency):
    document = _issue(_approved(agency), people, number=None)
    document.refresh_from_db()
    assert document.status == Status.ISSUED
    assert document.number is None
    assert document.symbol == "QĐ-VP" and document.number_and_symbol == ""  # no lone symbol
    assert DocumentNumber.objects.count() == 0


def test_it_gives_the_renderer_the_verification_code_and_number(people, agency, monkeypatch):
    seen = {}

    def spy(document, final):
        stored = type(document).objects.get(pk=document.pk)
        seen.update(code=document.verification_code, stored=stored.verification_code)
        seen.update(number=stored.number, final=final)
        return small_pdf()

    monkeypatch.setattr(render, "render_document", spy)
    document = _issue(_approved(agency), people)
    assert seen["code"] == seen["stored"] == document.verification_code
    assert (seen["number"], seen["final"]) == (124, True)
    code = document.verification_code
    assert len(code) == issuing.CODE_LENGTH
    assert set(code) <= set(issuing.CODE_ALPHABET)
    assert not set(code) & set("01OIL")


def test_it_refuses_a_number_already_given_this_year(people, agency, department):
    _issue(_approved(agency), people, number=5)
    second = _approved(agency, department=department)
    before = snapshot(second)
    with pytest.raises(WorkflowError) as refusal:
        _issue(second, people, number=5, issued_on=date(2024, 6, 1))
    assert refusal.value.code == "number_taken"
    assert "05/QĐ-VP" in refusal.value.message
    assert "6" in refusal.value.message  # the next free number is suggested
    assert snapshot(second) == before


def test_it_accepts_the_same_number_under_another_symbol_or_year(people, agency, department):
    _issue(_approved(agency), people, number=5)
    _issue(_approved(agency, department=department), people, number=5, symbol="KH-VP")
    _issue(_approved(agency, year=2025), people, number=5, issued_on=date(2025, 1, 2))
    assert DocumentNumber.objects.count() == 3


def test_it_suggests_the_next_free_number_without_taking_it(people, agency):
    assert workflow.next_free_number(agency=agency, symbol="QĐ-VP", year=2024) == 1
    _issue(_approved(agency), people, number=41)
    assert workflow.next_free_number(agency=agency, symbol="QĐ-VP", year=2024) == 42
    assert workflow.next_free_number(agency=agency, symbol="QĐ-VP", year=2025) == 1
    assert workflow.next_free_number(agency=agency, symbol="KH-VP", year=2024) == 1
    assert DocumentNumber.objects.count() == 1


@pytest.mark.parametrize(("number", "issued_on"), [(0, ISSUE_DATE), (3, None), (3, "2024-01-15")])
def test_it_refuses_a_bad_number_or_date(people, agency, number, issued_on):
    document = _approved(agency)
    before = snapshot(document)
    with pytest.raises(WorkflowError):
        _issue(document, people, number=number, issued_on=issued_on)
    assert snapshot(document) == before


def _boom(*args, **kwargs):
    raise RuntimeError("hỏng phông chữ")


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ((render, "render_document"), "render"),
        ((signing, "sign_if_configured"), "sign"),
        ((FileSystemStorage, "_save"), "storage"),
    ],
)
def test_it_changes_nothing_when_rendering_signing_or_storage_fails(
    people, agency, monkeypatch, target, code
):
    document = _approved(agency)
    before = snapshot(document)
    monkeypatch.setattr(*target, _boom)
    with pytest.raises(WorkflowError) as refusal:
        _issue(document, people)
    assert refusal.value.code == code
    assert "hỏng phông chữ" in refusal.value.message
    assert snapshot(document) == before
    assert before["numbers"] == 0
    assert stored_files() == []


def test_it_deletes_the_written_file_when_a_later_step_fails(people, agency, monkeypatch):
    document = _approved(agency)
    before = snapshot(document)
    monkeypatch.setattr(steps, "event_record", _boom)
    with pytest.raises(RuntimeError):
        _issue(document, people)
    assert snapshot(document) == before
    assert stored_files() == []


def test_it_keeps_a_signers_own_message(people, agency, monkeypatch):
    def refuse(agency, pdf):
        raise signing.SigningError("Chứng thư số đã hết hạn.", code="certificate")

    monkeypatch.setattr(signing, "sign_if_configured", refuse)
    with pytest.raises(WorkflowError) as refusal:
        _issue(_approved(agency), people)
    assert refusal.value.message == "Chứng thư số đã hết hạn."


def test_it_stores_what_the_signer_returns(people, agency, monkeypatch):
    monkeypatch.setattr(signing, "sign_if_configured", lambda agency, pdf: (pdf + b"%ky", True))
    document = _issue(_approved(agency), people)
    document.refresh_from_db()
    assert document.is_digitally_signed is True
    assert document.issued_file.read() == small_pdf() + b"%ky"


def test_it_lets_the_approver_issue_where_there_is_no_records_officer(people, agency):
    Membership.objects.filter(user=people["records_officer"]).update(is_active=False)
    document = _approved(agency)
    workflow.document_issue(
        document=document, actor=people["deputy"], number=None, symbol="", issued_on=ISSUE_DATE
    )
    document.refresh_from_db()
    assert document.status == Status.ISSUED
    assert document.issued_by == people["deputy"]


@pytest.mark.parametrize("state", [Status.SUBMITTED, Status.ISSUED, Status.PUBLISHED])
def test_it_issues_only_an_approved_set(people, agency, state):
    document = make_set(agency, status=state)
    before = snapshot(document)
    with pytest.raises(WorkflowError) as refusal:
        _issue(document, people)
    assert refusal.value.code == "state"
    assert snapshot(document) == before


def test_it_records_the_issuer_on_the_field_history(people, agency):
    document = _issue(_approved(agency), people)
    latest = document.history.first()
    assert latest.status == Status.ISSUED
    assert latest.history_user == people["records_officer"]


def test_it_issues_with_the_real_renderer(people, agency, monkeypatch):
    monkeypatch.undo()  # no stand-in: the document's own renderer produces the stored PDF
    document = _issue(_approved(agency), people)
    data = document.issued_file.read()
    assert data.startswith(b"%PDF-")
    assert data != small_pdf()
    assert document.issued_sha256 == hashlib.sha256(data).hexdigest()
