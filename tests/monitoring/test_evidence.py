import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from monitoring.evidence import MAX_EVIDENCE_BYTES, evidence_kind
from tests.files_support import small_pdf
from tests.hostile_files import HOSTILE, docx, jpeg, png


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Chỉ tiêu", "Kết quả"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (small_pdf(), "pdf"),
        (png(), "png"),
        (jpeg(), "jpeg"),
        (xlsx(), "xlsx"),
        (docx(), "docx"),
    ],
)
def test_it_recognises_accepted_files_by_content(content, kind):
    # The name says .txt: only the content counts.
    assert evidence_kind(SimpleUploadedFile("bang-chung.txt", content)) == kind


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00 an executable",
        b"<html><script>alert(1)</script>",
        b"PK\x03\x04 not really a zip",
        b"",
    ],
)
def test_it_refuses_other_files_even_named_pdf(content):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        evidence_kind(SimpleUploadedFile("bao-cao.pdf", content))
    assert error.value.code == "file_type"
    assert "Chỉ nhận tệp PDF" in error.value.messages[0]


def test_it_refuses_a_zip_that_is_not_an_office_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", "x")
    with pytest.raises(ValidationError):
        evidence_kind(SimpleUploadedFile("a.xlsx", buffer.getvalue()))


def test_it_refuses_files_over_ten_megabytes():
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * MAX_EVIDENCE_BYTES)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        evidence_kind(big)
    assert error.value.code == "file_too_large"
    assert "10 MB" in error.value.messages[0]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_it_refuses_files_that_only_start_like_an_accepted_kind(hostile):
    """Polyglot PNG+HTML named .html, a truncated PNG, a PDF with a broken page, a .docx that is
    a zip of junk, a decompression bomb: each starts with the right bytes; none is whole."""
    name, content = HOSTILE[hostile]
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        evidence_kind(SimpleUploadedFile(name, content()))
    assert error.value.code == "broken_file"
    assert "hỏng" in error.value.messages[0]
