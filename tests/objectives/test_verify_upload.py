"""/v/ with an uploaded PDF: is it byte-identical to an issued document, and if not, why not.
Size-limited, throttled per address, CSRF-protected."""

import hashlib

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from documents import views as verify_views
from objectives.printing.render import render_set
from tests import pki
from tests.factories import ObjectiveFactory, ObjectiveSetFactory

GENUINE = "Tệp là bản gốc"
NOT_GENUINE = "Tệp không phải bản gốc do hệ thống ban hành"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(agency, people, signing_on):
    return pki.issued_set(agency, people)


def _check(client, data: bytes, name="van-ban.pdf"):
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(reverse("documents:verify_home"), {"file": upload})


def _page(client, data: bytes, status: int = 200) -> str:
    response = _check(client, data)
    assert response.status_code == status  # 400: refused by the form or not a PDF at all
    return response.content.decode()


def test_it_confirms_a_genuine_published_file_with_its_signature(client, published):
    page = _page(client, pki.stored_bytes(published))

    assert GENUINE in page
    assert "Mục tiêu chất lượng năm 2024" in page and "124/QĐ-VP" in page
    assert "Chữ ký toàn vẹn" in page and "Chữ ký bao trùm toàn bộ tệp" in page
    assert "tổ chức mà hệ thống tin cậy" in page, "the configured CA is trusted"


def test_it_answers_only_genuine_for_an_unpublished_file(client, agency, people, signing_on):
    issued = pki.issued_set(agency, people, publish=False)

    page = _page(client, pki.stored_bytes(issued))

    assert GENUINE in page
    assert "thông tin chi tiết sẽ hiển thị sau khi công bố" in page
    for secret in ("124/QĐ-VP", "Mục tiêu chất lượng năm 2024", "Nguyễn Kim Long", "Chữ ký"):
        assert secret not in page.split("<form")[0], secret


def _changed_byte(data: bytes) -> bytes:
    at = data.index(b"stream\n") + len(b"stream\n") + 5
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _different_document(agency) -> bytes:
    other = ObjectiveSetFactory(agency=agency, year=2030)
    ObjectiveFactory(objective_set=other)
    return pki.sign(
        render_set(other, final=True), pki.make_certificate(pki.make_ca()), pki.make_ca()
    )


NOT_GENUINE_CASES = {
    "one changed byte": (_changed_byte, ["không còn toàn vẹn", "không trùng khớp từng byte"]),
    "a stripped signature": (
        pki.strip_signatures,
        ["không trùng khớp từng byte", "Tệp không có chữ ký số"],
    ),
    "an appended revision": (
        pki.append_content_change,
        ["ghi thêm một lần sửa đổi", "làm thay đổi nội dung", "sửa đổi sau khi ký"],
    ),
    "a non-PDF": (lambda data: b"GIF89a not a pdf at all", ["không phải là tệp PDF"]),
}


@pytest.mark.parametrize("case", NOT_GENUINE_CASES)
def test_it_reports_a_tampered_file_with_the_reason(client, published, case):
    tamper, reasons = NOT_GENUINE_CASES[case]

    page = _page(client, tamper(pki.stored_bytes(published)), 400 if case == "a non-PDF" else 200)

    assert NOT_GENUINE in page and GENUINE not in page
    for reason in reasons:
        assert reason in page, reason


def test_it_reports_a_different_document(client, agency, published):
    page = _page(client, _different_document(agency))

    assert NOT_GENUINE in page
    assert "không trùng khớp từng byte" in page
    assert "Hệ thống chưa xác nhận được tổ chức cấp" in page, "a foreign CA is not trusted"


def test_it_recognises_the_unsigned_copy_prepared_for_signing(client, published):
    unsigned = b"%PDF-1.7 the prepared copy"
    type(published).objects.filter(pk=published.pk).update(
        prepared_sha256=hashlib.sha256(unsigned).hexdigest()
    )

    page = _page(client, unsigned)

    assert GENUINE in page and "bản chưa ký số đã chuẩn bị để ký" in page


def test_it_refuses_a_file_over_the_size_limit(client, published, monkeypatch):
    monkeypatch.setattr(verify_views, "MAX_UPLOAD_BYTES", 1024)

    page = _page(client, pki.stored_bytes(published), 400)

    assert "Tệp quá lớn" in page and GENUINE not in page


def test_it_throttles_uploads_per_address(client, published, monkeypatch):
    monkeypatch.setattr(verify_views, "UPLOAD_RATE", (3, 600))

    statuses = [_check(client, b"not a pdf").status_code for _ in range(4)]

    assert statuses == [400, 400, 400, 429]
    assert "quá nhiều tệp" in _check(client, b"x").content.decode()
    other_address = _check(Client(REMOTE_ADDR="10.0.0.9"), b"not a pdf")
    assert other_address.status_code == 400


def test_it_requires_the_csrf_token(published):
    strict = Client(enforce_csrf_checks=True)

    assert _check(strict, pki.stored_bytes(published)).status_code == 403


def test_it_shows_the_form_and_the_reader_note(client, db):
    page = client.get(reverse("documents:verify_home")).content.decode()

    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page
    assert "validity unknown" in page
