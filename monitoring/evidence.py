"""Evidence files: what is accepted is decided by the content, proven whole by parsing it
(qms_objectives.uploads.proven_kind), never by the name or the type the browser claims; the
file is stored under the extension of the proven kind."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qms_objectives.uploads import EXTENSIONS, proven_kind, upload_bytes

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# A name that claims one of the accepted kinds must agree with the content ("a.pdf" holding a
# PNG is refused); another or no extension is judged by the content alone.
_EXTENSIONS = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
_EXTENSIONS |= {".xlsx": "xlsx", ".docx": "docx"}


def evidence_kind(uploaded_file) -> str:
    """ "pdf", "png", "jpeg", "xlsx" or "docx"; ValidationError for anything else, anything
    that is not whole, or too big."""
    data = upload_bytes(uploaded_file, MAX_EVIDENCE_BYTES)
    try:
        kind = proven_kind(data)
    except ValidationError as refusal:
        if refusal.code != "file_type":
            raise
        raise ValidationError(
            _("Chỉ nhận tệp PDF, PNG, JPEG, Excel (XLSX) hoặc Word (DOCX)."), code="file_type"
        ) from None
    claimed = _EXTENSIONS.get(PurePath(uploaded_file.name or "").suffix.lower())
    if claimed is not None and claimed != kind:
        raise ValidationError(
            _("Đuôi tệp không khớp với nội dung: tệp có đuôi %(claimed)s nhưng là tệp %(kind)s."),
            code="extension_mismatch",
            params={"claimed": claimed.upper(), "kind": kind.upper()},
        )
    return kind


def evidence_name(original_name: str, kind: str) -> str:
    """The name shown and downloaded: the user's, with the extension of the proven kind
    ("bien-ban.html" holding a PNG becomes "bien-ban.png")."""
    path = PurePath(original_name or "minh-chung")
    suffix = path.suffix.lower()
    if _EXTENSIONS.get(suffix) == kind:
        return original_name
    return f"{path.stem if suffix else path.name}{EXTENSIONS[kind]}"
