"""Seal and signature uploads are judged by content, size and dimensions, with clear errors."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.utils import translation
from PIL import Image

from agencies.models import Agency, Membership
from qms_objectives import uploads
from qms_objectives.uploads import (
    check_size,
    office_kind,
    readable_pdf,
    validate_seal_image,
    validate_signature_image,
    zip_names,
)
from tests.files_support import small_pdf
from tests.hostile_files import pdf_with_a_broken_page, polyglot_png_html


def image_bytes(fmt: str, mode: str = "RGBA", size=(300, 300)) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 20, 30, 0) if mode == "RGBA" else (200, 20, 30)).save(
        buffer, format=fmt
    )
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def error_code(validator, file) -> str:
    with pytest.raises(ValidationError) as caught:
        validator(file)
    return caught.value.code


def test_it_accepts_a_transparent_png_seal():
    validate_seal_image(upload("con-dau.png", image_bytes("PNG")))


def test_it_refuses_a_jpeg_named_png_as_seal():
    jpeg = image_bytes("JPEG", mode="RGB")
    assert error_code(validate_seal_image, upload("con-dau.png", jpeg)) == "not_png"


def test_it_refuses_a_seal_without_transparency():
    opaque = image_bytes("PNG", mode="RGB")
    assert error_code(validate_seal_image, upload("con-dau.png", opaque)) == "not_transparent"


def test_it_refuses_text_dressed_as_an_image():
    fake = upload("chu-ky.png", b"<html><script>alert(1)</script></html>")
    assert error_code(validate_signature_image, fake) == "not_an_image"


def test_it_refuses_a_truncated_png():
    data = image_bytes("PNG")
    assert error_code(validate_seal_image, upload("con-dau.png", data[: len(data) // 2])) in {
        "not_an_image"
    }


def test_it_refuses_a_file_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_SIGNATURE_BYTES", 100)
    assert error_code(validate_signature_image, upload("chu-ky.png", image_bytes("PNG"))) == (
        "file_too_large"
    )


def test_it_refuses_tiny_or_huge_dimensions():
    tiny = upload("chu-ky.png", image_bytes("PNG", size=(20, 20)))
    assert error_code(validate_signature_image, tiny) == "bad_dimensions"


def test_it_accepts_a_jpeg_signature_but_not_a_gif():
    validate_signature_image(upload("chu-ky.jpg", image_bytes("JPEG", mode="RGB"), "image/jpeg"))
    gif = upload("chu-ky.png", image_bytes("GIF", mode="RGB"))
    assert error_code(validate_signature_image, gif) == "not_png_or_jpeg"


def test_it_says_what_is_wrong_in_vietnamese():
    with pytest.raises(ValidationError) as caught:
        validate_seal_image(upload("con-dau.png", image_bytes("JPEG", mode="RGB")))
    assert caught.value.messages == ["Hình con dấu phải là tệp PNG (tệp này là JPEG)."]


def test_it_leaves_the_file_readable_from_the_start():
    file = upload("con-dau.png", image_bytes("PNG"))
    validate_seal_image(file)
    assert file.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
def test_it_checks_the_seal_in_model_forms(agency):
    form_class = modelform_factory(Agency, fields=["seal_image"])
    bad = form_class(
        data={}, files={"seal_image": upload("dau.png", image_bytes("PNG", "RGB"))}, instance=agency
    )
    assert not bad.is_valid()
    assert bad.errors["seal_image"] == ["Hình con dấu phải có nền trong suốt để in đè lên chữ ký."]
    good = form_class(
        data={}, files={"seal_image": upload("dau.png", image_bytes("PNG"))}, instance=agency
    )
    assert good.is_valid(), good.errors


@pytest.mark.django_db
def test_it_checks_the_signature_in_model_forms(people, agency):
    membership = Membership.objects.get(user=people["head"], agency=agency)
    form_class = modelform_factory(Membership, fields=["signature_image"])
    bad = form_class(
        data={}, files={"signature_image": upload("ky.png", b"not an image")}, instance=membership
    )
    assert not bad.is_valid()
    assert "không phải là ảnh" in bad.errors["signature_image"][0]


# --- the shared checks every upload goes through (evidence, Excel imports, people import,
# signed uploads, verification upload, seal and signature images) ---------------------------


def test_it_refuses_a_file_one_byte_over_the_limit_with_one_message():
    check_size(b"x" * 1024, 1024)  # at the limit: accepted
    with translation.override("vi"), pytest.raises(ValidationError) as refusal:
        check_size(SimpleUploadedFile("a.pdf", b"x" * (12 * 1024 * 1024 + 1)), 10 * 1024 * 1024)
    assert refusal.value.code == "file_too_large"
    assert refusal.value.messages == ["Tệp quá lớn (12,0\xa0MB); tối đa 10 MB."]


def test_it_reads_zip_members_and_stops_a_zip_bomb_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * 100_000)
    data = buffer.getvalue()
    assert len(data) < 10_000
    names = zip_names(data)
    assert office_kind(names) == "docx" and office_kind(["xl/workbook.xml"]) is None
    assert zip_names(b"%PDF-1.7 not a zip") is None
    assert zip_names(b"PK\x03\x04 damaged") is None
    with pytest.raises(ValidationError) as refusal:
        zip_names(data, max_unpacked=50_000)
    assert refusal.value.code == "unpacked_too_large"


def test_a_truncated_pdf_is_not_readable():
    pdf = small_pdf()
    assert readable_pdf(pdf)
    assert not readable_pdf(pdf[: len(pdf) // 3])
    assert not readable_pdf(b"PK\x03\x04" + pdf)


# --- proven whole, stored under the proven extension (issue 17) ---------------------------------


@pytest.mark.parametrize("validator", [validate_seal_image, validate_signature_image])
def test_a_png_with_a_page_behind_it_is_no_image(validator):
    polyglot = upload("dau.html", polyglot_png_html(), "text/html")
    assert error_code(validator, polyglot) == "not_an_image"


def test_a_signature_that_does_not_decode_in_full_is_refused():
    jpeg = image_bytes("JPEG", mode="RGB")
    cut = upload("ky.jpg", jpeg[: len(jpeg) * 2 // 3], "image/jpeg")
    assert error_code(validate_signature_image, cut) == "not_an_image"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "fmt", "suffix"), [("dau.html", "PNG", ".png"), ("ky.svg", "JPEG", ".jpg")]
)
def test_a_signature_is_stored_under_its_proven_extension(people, agency, name, fmt, suffix):
    membership = Membership.objects.get(user=people["head"], agency=agency)
    form_class = modelform_factory(Membership, fields=["signature_image"])
    mode = "RGBA" if fmt == "PNG" else "RGB"
    form = form_class(
        data={},
        files={"signature_image": upload(name, image_bytes(fmt, mode), "text/html")},
        instance=membership,
    )
    assert form.is_valid(), form.errors
    form.save()
    membership.refresh_from_db()
    assert membership.signature_image.name.startswith("signatures/")
    assert membership.signature_image.name.endswith(suffix)


@pytest.mark.django_db
def test_a_seal_is_stored_as_png_whatever_its_name(agency):
    form_class = modelform_factory(Agency, fields=["seal_image"])
    form = form_class(
        data={}, files={"seal_image": upload("dau.html", image_bytes("PNG"))}, instance=agency
    )
    assert form.is_valid(), form.errors
    form.save()
    agency.refresh_from_db()
    assert agency.seal_image.name.endswith(".png")


def test_a_pdf_with_a_broken_page_is_not_readable():
    assert readable_pdf(small_pdf())
    assert not readable_pdf(pdf_with_a_broken_page())
