"""Evidence files: what is accepted is decided by the content, never by the name or the type
the browser claims."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
_OFFICE = (("xl/", "xlsx"), ("word/", "docx"))


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
    return kind
