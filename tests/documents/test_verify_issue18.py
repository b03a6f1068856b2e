"""The public page says how a document was made and trusts only configured roots; a document
number typed into the look-up finds the documents carrying it (issue 18)."""

import datetime

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import workflow
from objectives.printing.render import render_set
from tests import pki
from tests.factories import AgencyFactory, ObjectiveFactory, ObjectiveSetFactory
from tests.files_support import small_pdf

CONFIRMED = 'data-testid="signature-confirmed"'
UNTRUSTED = 'data-testid="signature-untrusted"'


def _verify_page(client, document) -> str:
    response = client.get(reverse("documents:verify", args=[document.verification_code]))
    assert response.status_code == 200
    return response.content.decode()


def _upload(client, data: bytes) -> str:
    upload = SimpleUploadedFile("van-ban.pdf", data, content_type="application/pdf")
    return client.post(reverse("documents:verify_home"), {"file": upload}).content.decode()


def test_a_document_signed_in_the_app_says_so(client, agency, people, signing_on):
    published = pki.issued_set(agency, people)

    page = _verify_page(client, published)

    assert "ban hành và ký số trên hệ thống" in page
    assert "ký tay" not in page
    assert CONFIRMED in page and UNTRUSTED not in page


def test_a_document_issued_unsigned_in_the_app_is_not_called_handwritten(client, agency, people):
    published = pki.issued_set(agency, people)  # no certificate configured

    page = _verify_page(client, published)

    assert "ban hành trên hệ thống; tệp không có chữ ký số" in page
    assert "ký tay" not in page


def test_a_document_signed_on_paper_says_it_was_registered(client, agency, people):
    approved = ObjectiveSetFactory(agency=agency, approved=True, with_objectives=1)
    document = workflow.document_register_external(
        document=approved,
        actor=people["records_officer"],
        number=3,
        symbol="QĐ-VP",
        issued_on=datetime.date(2024, 1, 15),
        uploaded_file=SimpleUploadedFile("scan.pdf", small_pdf(), content_type="application/pdf"),
    )
    type(document).objects.filter(pk=document.pk).update(verification_code="PAPER23456")
    document = workflow.document_publish(document=document, actor=people["iso_officer"])

    response = client.get(reverse("documents:verify", args=["PAPER23456"]))

    assert "ký tay trên giấy, được đăng ký vào hệ thống" in response.content.decode()


def test_a_signer_from_an_untrusted_root_gets_no_green_check(client, agency):
    stranger = pki.make_ca("Unknown Root CA")
    other = ObjectiveSetFactory(agency=agency, year=2030)
    ObjectiveFactory(objective_set=other)
    signed = pki.sign(render_set(other, final=True), pki.make_certificate(stranger), stranger)

    page = _upload(client, signed)

    assert "Chữ ký toàn vẹn" in page, "the signature itself is sound"
    assert UNTRUSTED in page and CONFIRMED not in page


def test_a_root_listed_in_the_settings_is_trusted(client, agency, settings, tmp_path):
    national = pki.make_ca("Test Root CA of the Government Cipher Committee")
    folder = tmp_path / "roots"
    folder.mkdir()
    (folder / "national.pem").write_bytes(national.cert.public_bytes(serialization.Encoding.PEM))
    (folder / "readme.txt").write_text("not a certificate")
    settings.SIGNATURE_TRUST_ROOTS = [str(folder)]
    other = ObjectiveSetFactory(agency=agency, year=2030)
    ObjectiveFactory(objective_set=other)
    signed = pki.sign(render_set(other, final=True), pki.make_certificate(national), national)

    page = _upload(client, signed)

    assert "tổ chức mà hệ thống tin cậy" in page
    assert CONFIRMED in page and UNTRUSTED not in page


# --- a document number typed into the look-up ---------------------------------------------------


@pytest.fixture
def two_agencies_124(db):
    """Two agencies' published sets both numbered 124/QĐ-VP."""
    first = ObjectiveSetFactory(
        published=True, verification_code="FIRST23456", agency__name="Văn phòng UBND tỉnh Đồng Nai"
    )
    second = ObjectiveSetFactory(
        published=True, verification_code="SECOND2345", agency__name="Văn phòng UBND tỉnh Quảng Nam"
    )
    return first, second


@pytest.mark.parametrize("typed", ["124/QĐ-VP", "Số: 124/qđ-vp", " 124 / QĐ-VP "])
def test_a_typed_document_number_lists_every_agency_carrying_it(client, two_agencies_124, typed):
    response = client.get(reverse("documents:verify_home"), {"code": typed})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Văn phòng UBND tỉnh Đồng Nai" in page and "Văn phòng UBND tỉnh Quảng Nam" in page
    for document in two_agencies_124:
        assert reverse("documents:verify", args=[document.verification_code]) in page


def test_an_unpublished_document_is_not_listed(client, db):
    ObjectiveSetFactory(issued=True, verification_code="ISSUED2345")

    response = client.get(reverse("documents:verify_home"), {"code": "124/QĐ-VP"})

    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


@pytest.mark.parametrize("typed", ["999/QĐ-VP", "abc/def", "/", "124/", "ABC/../x", "%2F", "<b>"])
def test_anything_else_is_not_found(client, two_agencies_124, typed):
    response = client.get(reverse("documents:verify_home"), {"code": typed})

    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_a_code_still_opens_its_page(client, two_agencies_124):
    response = client.get(reverse("documents:verify_home"), {"code": "first-23456"})

    assert response.status_code == 302
    assert response.url == reverse("documents:verify", args=["FIRST23456"])


def test_a_document_of_another_agency_symbol_is_found_by_its_own(client, db):
    agency = AgencyFactory(name="Sở Nội vụ", symbol="SNV")
    ObjectiveSetFactory(
        published=True, agency=agency, symbol="QĐ-SNV", number=7, verification_code="SNV2345678"
    )

    page = client.get(reverse("documents:verify_home"), {"code": "07/QĐ-SNV"}).content.decode()

    assert "Sở Nội vụ" in page and "Số 07/QĐ-SNV" in page
