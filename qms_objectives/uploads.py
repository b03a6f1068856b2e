"""The checks every upload goes through, judged by content, never by name or claimed type: size
(one message everywhere), ZIP containers (XLSX/DOCX, with a bound on their unpacked size),
readable PDFs; and the validators for the images printed on issued documents (seal, signatures).

NĐ30 (Phụ lục I, II.7.d and II.8.a) prints the signer's signature in blue and the agency seal in
red, real size, as transparent PNG images. The file is judged by its content (Pillow), never by
its name or the browser's content type, and its size is limited before it is decoded.
"""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from pyhanko.pdf_utils.reader import PdfFileReader

ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
MAX_SEAL_BYTES = 2 * 1024 * 1024
MAX_SIGNATURE_BYTES = 1 * 1024 * 1024
MAX_SIDE_PIXELS = 4000
MIN_SIDE_PIXELS = 50


def size_refusal(size: int, limit: int) -> ValidationError:
    """One message for every upload: "Tệp quá lớn (12,3 MB); tối đa 10 MB." """
    megabytes = limit / (1024 * 1024)
    printed_limit = f"{megabytes:g} MB" if megabytes >= 1 else filesizeformat(limit)
    return ValidationError(
        _("Tệp quá lớn (%(size)s); tối đa %(limit)s."),
        code="file_too_large",
        params={"size": filesizeformat(size), "limit": printed_limit},
    )


def check_size(upload, limit: int) -> None:
    """Refuse an upload (or bytes) over `limit` bytes, before anything reads it."""
    size = len(upload) if isinstance(upload, bytes) else getattr(upload, "size", None)
    if size is not None and size > limit:
        raise size_refusal(size, limit)


def zip_names(source, *, max_unpacked: int | None = None) -> list[str] | None:
    """The member names of a ZIP container (bytes or a file), or None when it is not one. With
    `max_unpacked`, a container that would unpack to more bytes is refused (a zip bomb stops here,
    before a parser unpacks it)."""
    data_start = source[:4] if isinstance(source, bytes) else None
    if data_start is not None and data_start != ZIP_MAGIC:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zipped:
            members = zipped.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if max_unpacked is not None and sum(m.file_size for m in members) > max_unpacked:
        raise ValidationError(
            _("Tệp quá lớn khi giải nén; hãy bớt dữ liệu thừa."), code="unpacked_too_large"
        )
    return [m.filename for m in members]


def office_kind(names: list[str]) -> str | None:
    """ "xlsx" or "docx" for the members of an Office Open XML container, else None."""
    if "[Content_Types].xml" not in names:
        return None
    for prefix, kind in (("xl/", "xlsx"), ("word/", "docx")):
        if any(name.startswith(prefix) for name in names):
            return kind
    return None


def readable_pdf(data: bytes) -> bool:
    """A PDF with its catalogue and at least one page (a truncated or forged file fails)."""
    if not data.startswith(PDF_MAGIC):
        return False
    try:
        return int(PdfFileReader(io.BytesIO(data), strict=False).root["/Pages"]["/Count"]) >= 1
    except Exception:  # noqa: BLE001 - any parser error means "not a PDF we can keep"
        return False


def _read(upload, max_bytes: int) -> Image.Image:
    check_size(upload, max_bytes)
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        image = Image.open(upload)
        image.verify()  # reads the whole file: a truncated or forged image fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Tệp không phải là ảnh đọc được (đuôi tệp không quyết định định dạng)."),
            code="not_an_image",
        )
    finally:
        if position is not None:
            upload.seek(position)
    return image


def _check_dimensions(image: Image.Image) -> None:
    width, height = image.size
    if max(width, height) > MAX_SIDE_PIXELS or min(width, height) < MIN_SIDE_PIXELS:
        raise ValidationError(
            _("Ảnh %(width)s × %(height)s điểm ảnh; mỗi cạnh phải từ %(min)s đến %(max)s."),
            code="bad_dimensions",
            params={
                "width": width,
                "height": height,
                "min": MIN_SIDE_PIXELS,
                "max": MAX_SIDE_PIXELS,
            },
        )


def _is_transparent(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def validate_seal_image(upload) -> None:
    """The agency seal: a PNG with a transparent background, at most MAX_SEAL_BYTES."""
    image = _read(upload, MAX_SEAL_BYTES)
    if image.format != "PNG":
        raise ValidationError(
            _("Hình con dấu phải là tệp PNG (tệp này là %(format)s)."),
            code="not_png",
            params={"format": image.format or "?"},
        )
    if not _is_transparent(image):
        raise ValidationError(
            _("Hình con dấu phải có nền trong suốt để in đè lên chữ ký."),
            code="not_transparent",
        )
    _check_dimensions(image)


def validate_signature_image(upload) -> None:
    """A signer's signature: PNG (transparent background preferred) or JPEG."""
    image = _read(upload, MAX_SIGNATURE_BYTES)
    if image.format not in ("PNG", "JPEG"):
        raise ValidationError(
            _("Hình chữ ký phải là tệp PNG hoặc JPEG (tệp này là %(format)s)."),
            code="not_png_or_jpeg",
            params={"format": image.format or "?"},
        )
    _check_dimensions(image)
