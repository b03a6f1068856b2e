"""The inspecting unit signs the minutes with its own USB token, as the agency may: the team
leader has the minutes numbered, downloads the final PDF, signs it in the token's software and
uploads it; the upload is kept only as exactly that file plus signatures, then waits for the
agency. Nobody but the team leader takes these steps; refused steps change nothing; reopening
gives the number back."""

import datetime
from io import BytesIO

import pdfplumber
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader

from corrective.models import CorrectiveAction
from documents import render
from documents.models import DocumentEvent, DocumentNumber, IssueMethod, Status
from inspections import services_inspection as services
from qms_objectives.errors import WorkflowError
from tests import pki

pytestmark = pytest.mark.django_db
MINUTES_DAY = datetime.date(2024, 5, 15)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://qms.example.gov.vn"


def _read(field) -> bytes:
    with field.open("rb") as stored:
        return stored.read()


def _upload(data: bytes):
    return SimpleUploadedFile("bien-ban.pdf", data, content_type="application/pdf")


def _prepared(approved, people, number=7):
    return services.minutes_prepare_for_unit_token(
        minutes=approved, actor=people["inspector"], number=number, issued_on=MINUTES_DAY
    )


def test_both_sides_sign_with_their_own_tokens(
    approved, people, ca, django_capture_on_commit_callbacks
):
    minutes = _prepared(approved, people)
    unsigned = _read(minutes.prepared_file)
    unsigned_name = minutes.prepared_file.name
    assert minutes.awaiting_unit_token and not minutes.awaiting_agency
    assert PdfFileReader(BytesIO(unsigned)).embedded_regular_signatures == []
    with pdfplumber.open(BytesIO(unsigned)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Số: 07/BB-SKHCN" in text and minutes.verification_code in text
    # The agency cannot sign before the inspecting unit has.
    with pytest.raises(WorkflowError):
        services.minutes_sign_agency(minutes=minutes, actor=people["head"])

    unit_signed = pki.sign(
        unsigned, pki.make_certificate(ca, "Sở KH&CN token"), ca, field_name="DonViKiemTra"
    )
    with django_capture_on_commit_callbacks(execute=True):
        minutes = services.minutes_accept_unit_upload(
            minutes=minutes, actor=people["inspector"], uploaded_file=_upload(unit_signed)
        )
    minutes.refresh_from_db()
    assert minutes.awaiting_agency and _read(minutes.prepared_file) == unit_signed
    assert not default_storage.exists(unsigned_name)  # deleted once committed

    both = pki.sign(
        unit_signed, pki.make_certificate(ca, "Văn phòng UBND token"), ca, field_name="CoQuan"
    )
    minutes = services.minutes_accept_agency_upload(
        minutes=minutes, actor=people["head"], uploaded_file=_upload(both)
    )
    assert minutes.status == Status.PUBLISHED and minutes.is_digitally_signed
    assert minutes.issue_method == IssueMethod.EXTERNAL_SIGNING
    stored = _read(minutes.issued_file)
    assert stored.startswith(unsigned)
    for index in (0, 1):
        status = pki.validate(stored, ca, index)
        assert status.intact and status.valid
    assert CorrectiveAction.objects.filter(agency=approved.inspection.agency).count() == 1


def _state(minutes) -> tuple:
    minutes.refresh_from_db()
    return (
        minutes.status,
        minutes.number,
        minutes.prepared_file.name,
        minutes.prepared_sha256,
        minutes.issue_method,
        DocumentEvent.objects.count(),
        DocumentNumber.objects.count(),
    )


def test_an_upload_other_than_the_prepared_file_plus_signatures_is_refused(approved, people, ca):
    minutes = _prepared(approved, people)
    before = _state(minutes)
    token = pki.make_certificate(ca, "Sở KH&CN token")
    changed = pki.sign_with_content_change(_read(minutes.prepared_file), token, ca)
    other = pki.sign(render.render_document(minutes, final=False), token, ca)  # a draft
    for data in (changed, other, _read(minutes.prepared_file)):  # the last: not signed
        with pytest.raises(WorkflowError):
            services.minutes_accept_unit_upload(
                minutes=minutes, actor=people["inspector"], uploaded_file=_upload(data)
            )
        assert _state(minutes) == before


@pytest.mark.parametrize("role", ["head", "iso_officer", "oversight_admin", "other_overseer"])
def test_only_the_team_leader_prepares_and_uploads(approved, people, ca, role):
    before = _state(approved)
    with pytest.raises(WorkflowError):
        _prepared(approved, {"inspector": people[role]})
    assert _state(approved) == before

    minutes = _prepared(approved, people)
    before = _state(minutes)
    signed = pki.sign(_read(minutes.prepared_file), pki.make_certificate(ca, "Token"), ca)
    with pytest.raises(WorkflowError):
        services.minutes_accept_unit_upload(
            minutes=minutes, actor=people[role], uploaded_file=_upload(signed)
        )
    assert _state(minutes) == before


def test_once_numbered_for_the_token_the_other_ways_are_refused(approved, people):
    minutes = _prepared(approved, people)
    before = _state(minutes)
    with pytest.raises(WorkflowError):
        services.minutes_sign_inspecting_unit(
            minutes=minutes, actor=people["inspector"], number=8, issued_on=MINUTES_DAY
        )
    with pytest.raises(WorkflowError):
        services.minutes_register_paper(
            minutes=minutes,
            actor=people["inspector"],
            number=8,
            issued_on=MINUTES_DAY,
            uploaded_file=_upload(_read(minutes.prepared_file)),
        )
    assert _state(minutes) == before


def test_reopening_gives_the_number_back(approved, people, django_capture_on_commit_callbacks):
    minutes = _prepared(approved, people)
    name = minutes.prepared_file.name
    with django_capture_on_commit_callbacks(execute=True):
        minutes = services.minutes_reopen(minutes=minutes, actor=people["inspector"])
    minutes.refresh_from_db()
    assert minutes.status == Status.DRAFT and minutes.number is None
    assert not minutes.prepared_file and not minutes.issue_method
    assert minutes.verification_code is None and not minutes.header_agency_name
    assert not DocumentNumber.objects.exists() and not default_storage.exists(name)
    minutes = services.minutes_approve(minutes=minutes, actor=people["inspector"])
    assert _prepared(minutes, people).number_and_symbol == "07/BB-SKHCN"  # the same number


def test_the_page_takes_the_team_leader_through_it(client, approved, people, ca):
    page = reverse("inspections:inspection_detail", args=[approved.inspection_id])
    prepare = reverse("inspections:minutes_prepare_unit", args=[approved.inspection_id])
    upload = reverse("inspections:minutes_upload_unit", args=[approved.inspection_id])
    client.force_login(people["inspector"])
    assert 'data-testid="prepare-unit"' in client.get(page).content.decode()

    refused = client.post(prepare, {"token-number": "7"}, follow=True)  # no date
    assert "Ngày của biên bản" in refused.content.decode()
    approved.refresh_from_db()
    assert approved.number is None and not approved.prepared_file

    data = {"token-number": "7", "token-issued_on": MINUTES_DAY.strftime("%d/%m/%Y")}
    assert client.post(prepare, data).status_code == 302
    html = client.get(page).content.decode()
    assert 'data-testid="minutes-to-sign"' in html and 'data-testid="upload-unit"' in html
    approved.refresh_from_db()
    assert approved.awaiting_unit_token
    download = client.get(reverse("private_file", args=[approved.prepared_file.name]))
    assert download.status_code == 200
    unsigned = b"".join(download.streaming_content)
    signed = pki.sign(unsigned, pki.make_certificate(ca, "Sở KH&CN token"), ca)

    client.force_login(people["outsider"])
    assert client.post(upload, {"file": _upload(signed)}).status_code == 404
    approved.refresh_from_db()
    assert approved.awaiting_unit_token

    client.force_login(people["inspector"])
    assert client.post(upload, {"file": _upload(signed)}).status_code == 302
    approved.refresh_from_db()
    assert approved.awaiting_agency
    assert "Đơn vị kiểm tra đã ký, chờ cơ quan ký" in client.get(page).content.decode()
