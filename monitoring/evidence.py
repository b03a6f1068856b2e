"""Evidence files: what is accepted is decided by the content, never by the name or the type
the browser claims."""

import io
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.reader import PdfFileReader

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
_OFFICE = (("xl/", "xlsx"), ("word/", "docx"))
# A name that claims one of the accepted kinds must agree with the content ("a.pdf" holding a
# PNG is refused); another or no extension is judged by the content alone.
_EXTENSIONS = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
_EXTENSIONS |= {".xlsx": "xlsx", ".docx": "docx"}


def _office_kind(uploaded_file) -> str | None:
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, kind in _OFFICE:
        if any(name.startswith(prefix) for name in names):
            return kind
    return None


def evidence_kind(uploaded_file) -> str:
    """ "pdf", "png", "jpeg", "xlsx" or "docx"; ValidationError for anything else or too big."""
    if uploaded_file.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("Tệp minh chứng không được lớn hơn %(limit)s MB."),
            code="too_big",
            params={"limit": MAX_EVIDENCE_BYTES // (1024 * 1024)},
        )
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    kind = next((k for signature, k in _SIGNATURES if head.startswith(signature)), None)
    if kind is None and head.startswith(b"PK\x03\x04"):
        kind = _office_kind(uploaded_file)
        uploaded_file.seek(0)
    if kind is None:
        raise ValidationError(
            _("Chỉ nhận tệp PDF, PNG, JPEG, Excel (XLSX) hoặc Word (DOCX)."), code="file_type"
        )
    claimed = _EXTENSIONS.get(PurePath(uploaded_file.name or "").suffix.lower())
    if claimed is not None and claimed != kind:
        raise ValidationError(
            _("Đuôi tệp không khớp với nội dung: tệp có đuôi %(claimed)s nhưng là tệp %(kind)s."),
            code="extension_mismatch",
            params={"claimed": claimed.upper(), "kind": kind.upper()},
        )
    if kind == "pdf" and not _readable_pdf(uploaded_file):
        raise ValidationError(
            _("Tệp PDF bị hỏng hoặc không đọc được; hãy xuất lại tệp rồi tải lên."),
            code="broken_pdf",
        )
    return kind


def _readable_pdf(uploaded_file) -> bool:
    """A PDF with its catalogue and at least one page (a truncated or forged file fails)."""
    uploaded_file.seek(0)
    try:
        reader = PdfFileReader(io.BytesIO(uploaded_file.read()), strict=False)
        return int(reader.root["/Pages"]["/Count"]) >= 1
    except Exception:  # noqa: BLE001 - any parser error means "not a PDF we can keep"
        return False
    finally:
        uploaded_file.seek(0)
