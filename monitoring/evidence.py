"""Evidence files: what is accepted is decided by the content, never by the name or the type
the browser claims."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qms_objectives.uploads import ZIP_MAGIC, check_size, office_kind, readable_pdf, zip_names

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
# A name that claims one of the accepted kinds must agree with the content ("a.pdf" holding a
# PNG is refused); another or no extension is judged by the content alone.
_EXTENSIONS = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
_EXTENSIONS |= {".xlsx": "xlsx", ".docx": "docx"}


def evidence_kind(uploaded_file) -> str:
    """ "pdf", "png", "jpeg", "xlsx" or "docx"; ValidationError for anything else or too big."""
    check_size(uploaded_file, MAX_EVIDENCE_BYTES)
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    kind = next((k for signature, k in _SIGNATURES if head.startswith(signature)), None)
    if kind is None and head.startswith(ZIP_MAGIC):
        kind = office_kind(zip_names(uploaded_file) or [])
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
    uploaded_file.seek(0)
    try:
        return readable_pdf(uploaded_file.read())
    finally:
        uploaded_file.seek(0)
