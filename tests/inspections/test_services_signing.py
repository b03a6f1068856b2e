"""The minutes signed by both sides: the inspecting unit's PAdES signature, then the agency's in
an incremental update; both valid, both listed on /v/; the nonconformity becomes a corrective
action due two months after the minutes' date. Refused steps change nothing."""

import datetime
from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from corrective.models import CorrectiveAction
from documents.models import DocumentEvent, IssueMethod, Status
from inspections import services_inspection as services
from inspections.models import Finding
from qms_objectives.errors import WorkflowError
from tests import pki

pytestmark = pytest.mark.django_db
MINUTES_DAY = datetime.date(2024, 5, 15)


def _read(field) -> bytes:
    with field.open("rb") as stored:
        return stored.read()


def _sign_both(minutes, people):
    minutes = services.minutes_sign_inspecting_unit(
        minutes=minutes, actor=people["inspector"], number=7, issued_on=MINUTES_DAY
    )
    return services.minutes_sign_agency(minutes=minutes, actor=people["head"])


def test_it_keeps_both_signatures_valid(approved, people, both_certificates, ca):
    minutes = _sign_both(approved, people)
    data = _read(minutes.issued_file)
    reader = PdfFileReader(BytesIO(data))
    names = [s.field_name for s in reader.embedded_regular_signatures]
    assert names == [services.INSPECTING_FIELD, services.AGENCY_FIELD]
    for index in (0, 1):
        status = pki.validate(data, ca, index)
        assert status.intact and status.valid
    assert data.startswith(_read(minutes.prepared_file))
    assert minutes.status == Status.PUBLISHED
    assert minutes.issue_method == IssueMethod.APP and minutes.is_digitally_signed
    assert minutes.number_and_symbol == "07/BB-SKHCN"


def test_the_verification_page_lists_both_signatures(approved, people, both_certificates, client):
    minutes = _sign_both(approved, people)
    page = client.get(f"/v/{minutes.verification_code}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Sở KH&amp;CN" in text and "Văn phòng UBND" in text


def test_each_nonconformity_becomes_a_corrective_action_due_in_two_months(
    approved, people, both_certificates
):
    _sign_both(approved, people)
    action = CorrectiveAction.objects.get()
    finding = Finding.objects.get(inspection=approved.inspection, item="internal_audit")
    assert action.agency == approved.inspection.agency and action.source == finding
    assert action.due_date == datetime.date(2024, 7, 15)
    assert action.owner_person == people["iso_officer"]
    assert "Chưa đánh giá nội bộ năm 2024." in action.nonconformity
    assert "07/BB-SKHCN" in action.nonconformity


@pytest.mark.parametrize("role", ["iso_officer", "deputy", "outsider", "oversight_admin"])
def test_only_the_named_signer_signs_for_the_agency(approved, people, both_certificates, role):
    minutes = services.minutes_sign_inspecting_unit(
        minutes=approved, actor=people["inspector"], number=None, issued_on=MINUTES_DAY
    )
    events = DocumentEvent.objects.count()
    with pytest.raises(WorkflowError):
        services.minutes_sign_agency(minutes=minutes, actor=people[role])
    minutes.refresh_from_db()
    assert minutes.status == Status.APPROVED and not minutes.issued_file
    assert DocumentEvent.objects.count() == events
    assert not CorrectiveAction.objects.exists()


@pytest.mark.parametrize("role", ["head", "iso_officer", "oversight_admin", "other_overseer"])
def test_only_the_team_leader_signs_for_the_inspecting_unit(
    approved, people, both_certificates, role
):
    with pytest.raises(WorkflowError):
        services.minutes_sign_inspecting_unit(
            minutes=approved, actor=people[role], number=1, issued_on=MINUTES_DAY
        )
    approved.refresh_from_db()
    assert approved.number is None and not approved.prepared_file


def test_the_agency_may_sign_with_its_own_token_and_upload(approved, people, both_certificates, ca):
    minutes = services.minutes_sign_inspecting_unit(
        minutes=approved, actor=people["inspector"], number=None, issued_on=MINUTES_DAY
    )
    token_signed = pki.sign(
        _read(minutes.prepared_file), pki.make_certificate(ca, "Token"), ca, field_name="Head"
    )
    upload = pki_upload(token_signed)
    minutes = services.minutes_accept_agency_upload(
        minutes=minutes, actor=people["head"], uploaded_file=upload
    )
    assert minutes.issue_method == IssueMethod.EXTERNAL_SIGNING
    assert minutes.status == Status.PUBLISHED


def test_an_upload_that_changes_the_signed_content_is_refused(
    approved, people, both_certificates, ca
):
    minutes = services.minutes_sign_inspecting_unit(
        minutes=approved, actor=people["inspector"], number=None, issued_on=MINUTES_DAY
    )
    changed = pki.sign_with_content_change(
        _read(minutes.prepared_file), pki.make_certificate(ca, "Token"), ca
    )
    with pytest.raises(WorkflowError):
        services.minutes_accept_agency_upload(
            minutes=minutes, actor=people["head"], uploaded_file=pki_upload(changed)
        )
    minutes.refresh_from_db()
    assert minutes.status == Status.APPROVED


def pki_upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bien-ban.pdf", data, content_type="application/pdf")
