"""A set prepared for external signing is issued with the signed PDF the records officer
uploads, only if that PDF is the prepared bytes plus signatures and nothing else."""

import datetime
import hashlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.external_signing import document_accept_signed_upload
from documents.models import DocumentEvent, IssueMethod, Status
from documents.workflow import document_prepare_external
from qms_objectives.errors import WorkflowError
from tests import pki
from tests.factories import ObjectiveFactory, ObjectiveSetFactory


@pytest.fixture(scope="module")
def leader_cert(ca):
    return pki.make_certificate(ca, "Nguyễn Kim Long")


@pytest.fixture
def prepared_set(settings, agency, people):
    settings.SIGNING_CONFIG_FILE = ""
    objective_set = ObjectiveSetFactory(
        agency=agency, year=2024, status=Status.APPROVED, signer_name="Nguyễn Kim Long"
    )
    ObjectiveFactory(objective_set=objective_set)
    return document_prepare_external(
        document=objective_set,
        actor=people["records_officer"],
        number=124,
        symbol="QĐ-VP",
        issued_on=datetime.date(2024, 1, 15),
    )


@pytest.fixture
def prepared_pdf(prepared_set) -> bytes:
    with prepared_set.prepared_file.open("rb") as stored:
        return stored.read()


def _upload(document, actor, data: bytes):
    return document_accept_signed_upload(
        document=document,
        actor=actor,
        uploaded_file=SimpleUploadedFile("da-ky.pdf", data, content_type="application/pdf"),
    )


def _events(document):
    content_type = ContentType.objects.get_for_model(document)
    return DocumentEvent.objects.filter(content_type=content_type, object_id=document.pk)


def test_it_issues_a_correctly_signed_upload(prepared_set, prepared_pdf, people, ca, leader_cert):
    signed = pki.sign(prepared_pdf, leader_cert, ca)
    prepared_sha = prepared_set.prepared_sha256

    _upload(prepared_set, people["records_officer"], signed)

    prepared_set.refresh_from_db()
    assert prepared_set.status == Status.ISSUED
    assert prepared_set.issue_method == IssueMethod.EXTERNAL_SIGNING
    assert prepared_set.is_digitally_signed
    assert prepared_set.issued_by == people["records_officer"]
    with prepared_set.issued_file.open("rb") as stored:
        assert stored.read() == signed
    assert prepared_set.issued_sha256 == hashlib.sha256(signed).hexdigest()
    assert prepared_set.prepared_sha256 == prepared_sha, "the unsigned file is kept"
    with prepared_set.prepared_file.open("rb") as stored:
        assert stored.read() == prepared_pdf
    event = _events(prepared_set).last()
    assert (event.action, event.from_status, event.to_status) == (
        "accept_signed_upload",
        Status.APPROVED,
        Status.ISSUED,
    )
    assert "Nguyễn Kim Long" in event.comment


def test_it_accepts_a_second_signature(prepared_set, prepared_pdf, people, ca, leader_cert):
    agency_cert = pki.make_certificate(ca)
    signed = pki.sign(prepared_pdf, leader_cert, ca)
    twice = pki.sign(signed, agency_cert, ca, field_name="AgencySeal")

    _upload(prepared_set, people["records_officer"], twice)

    prepared_set.refresh_from_db()
    assert prepared_set.status == Status.ISSUED


def _first_stream_byte(data: bytes) -> int:
    return data.index(b"stream\n") + len(b"stream\n") + 5


def _flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _changed_prepared_byte(prepared, signed):
    """A byte of the prepared part changed where the PDF stays whole (the binary comment after
    the header), so it is the comparison with the prepared bytes that refuses it."""
    at = signed.index(b"\n%") + 2
    assert at < len(prepared)
    return _flipped(signed, at)


def _broken_prepared_stream(prepared, signed):
    """A byte changed inside the prepared part's first compressed stream: the PDF is no longer
    whole, refused as such before any comparison (every upload is read through, c237b6d)."""
    return _flipped(signed, _first_stream_byte(signed))


def _changed_signed_byte(prepared, signed):
    return pki.flip(signed, b"leader", b"leadex", after=len(prepared))


REFUSALS = {
    "a changed byte in the prepared part": (_changed_prepared_byte, "different_content"),
    "a broken stream in the prepared part": (_broken_prepared_stream, "not_pdf"),
    "a changed byte in the signed revision": (_changed_signed_byte, "broken_signature"),
    "a stripped signature": (lambda prepared, signed: prepared, "not_signed"),
    "an appended revision changing content": (
        lambda prepared, signed: pki.append_content_change(signed),
        "modified_after_signing",
    ),
    "a non-PDF": (lambda prepared, signed: b"PK\x03\x04 not a pdf", "not_pdf"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_it_refuses_and_changes_nothing(prepared_set, prepared_pdf, people, ca, leader_cert, case):
    tamper, code = REFUSALS[case]
    upload = tamper(prepared_pdf, pki.sign(prepared_pdf, leader_cert, ca))
    events_before = _events(prepared_set).count()

    with pytest.raises(WorkflowError) as caught:
        _upload(prepared_set, people["records_officer"], upload)

    assert caught.value.code == code
    assert caught.value.message
    prepared_set.refresh_from_db()
    assert prepared_set.status == Status.APPROVED
    assert not prepared_set.issued_file and not prepared_set.issued_sha256
    assert not prepared_set.is_digitally_signed
    assert _events(prepared_set).count() == events_before


def test_it_refuses_content_changed_in_the_signing_revision(
    prepared_set, prepared_pdf, people, ca, leader_cert
):
    upload = pki.sign_with_content_change(prepared_pdf, leader_cert, ca)

    with pytest.raises(WorkflowError) as caught:
        _upload(prepared_set, people["records_officer"], upload)

    assert caught.value.code == "modified_after_signing"


def test_it_refuses_a_different_document(agency, prepared_set, people, ca, leader_cert, department):
    from objectives.printing.render import render_set

    other = ObjectiveSetFactory(agency=agency, department=department, year=2023)
    ObjectiveFactory(objective_set=other, content="Không có hồ sơ trễ hạn.")
    upload = pki.sign(render_set(other, final=True), leader_cert, ca)

    with pytest.raises(WorkflowError) as caught:
        _upload(prepared_set, people["records_officer"], upload)

    assert caught.value.code == "different_content"
    assert "khác với bản PDF hệ thống đã chuẩn bị" in caught.value.message


@pytest.mark.parametrize("role", ["staff", "iso_officer", "outsider"])
def test_it_refuses_people_who_may_not_issue(
    prepared_set, prepared_pdf, people, ca, leader_cert, role
):
    with pytest.raises(WorkflowError) as caught:
        _upload(prepared_set, people[role], pki.sign(prepared_pdf, leader_cert, ca))

    assert caught.value.code == "forbidden"
    prepared_set.refresh_from_db()
    assert prepared_set.status == Status.APPROVED


def test_it_refuses_a_set_not_prepared_for_external_signing(agency, people, ca, leader_cert):
    from objectives.printing.render import render_set

    approved = ObjectiveSetFactory(agency=agency, year=2025, status=Status.APPROVED)
    upload = pki.sign(render_set(approved, final=True), leader_cert, ca)

    with pytest.raises(WorkflowError) as caught:
        _upload(approved, people["records_officer"], upload)

    assert caught.value.code == "state"


def test_it_lets_the_records_officer_download_the_prepared_pdf(client, prepared_set, people):
    from django.urls import reverse

    url = reverse("private_file", args=[prepared_set.prepared_file.name])

    client.force_login(people["records_officer"])
    assert client.get(url).status_code == 200
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404
