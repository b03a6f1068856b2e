"""The checks every upload goes through, judged by content, never by name or claimed type: size
(one message everywhere), ZIP containers (XLSX/DOCX, with a bound on their unpacked size),
readable PDFs; and the validators for the images printed on issued documents (seal, signatures).

A file is proven whole by parsing all of it, never by its first bytes (`proven_kind`): a PDF is
read page by page by pypdf (every content stream decoded), a PNG or JPEG is verified and decoded
in full by Pillow under a pixel limit (a PNG with anything after its end is refused: an image
that is also an HTML page), an XLSX or DOCX has its ZIP directory and unpacked size checked and
is opened by openpyxl or python-docx. What is stored takes the extension of the proven kind
(`EXTENSIONS`), never the name the user gave.

NĐ30 (Phụ lục I, II.7.d and II.8.a) prints the signer's signature in blue and the agency seal in
red, real size, as transparent PNG images. The file is judged by its content (Pillow), never by
its name or the browser's content type, and its size is limited before it is decoded.
"""

import io
import logging
import struct
import threading
import zipfile
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from docx import Document
from openpyxl import load_workbook
from PIL import Image, ImageFile, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ContentStream

ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
MAX_SEAL_BYTES = 2 * 1024 * 1024
MAX_SIGNATURE_BYTES = 1 * 1024 * 1024
MAX_SIDE_PIXELS = 4000
MIN_SIDE_PIXELS = 50
# An image is decoded in full only below this many pixels (a 48-megapixel photo passes; a small
# file that would unpack to gigabytes, a decompression bomb, is refused before decoding).
MAX_DECODED_PIXELS = 50_000_000
# XLSX and DOCX: refused when they would unpack to more than this.
MAX_OFFICE_UNPACKED_BYTES = 100 * 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# The extension a proven file is stored under (never the one the user gave).
EXTENSIONS = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "xlsx": ".xlsx", "docx": ".docx"}
ALL_KINDS = frozenset(EXTENSIONS)


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


class _PdfComplaints(logging.Handler):
    """What pypdf logs while it reads, in this thread only: with strict=False it repairs small
    faults (and logs a warning), but a stream it cannot decode is only logged too."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.thread = threading.get_ident()
        self.fatal = []

    def emit(self, record):
        if record.thread != self.thread:
            return
        if record.levelno >= logging.ERROR or record.name.startswith("pypdf.filters"):
            self.fatal.append(record.getMessage())


@contextmanager
def _pdf_complaints():
    logger = logging.getLogger("pypdf")
    handler = _PdfComplaints()
    logger.addHandler(handler)
    try:
        yield handler.fatal
    finally:
        logger.removeHandler(handler)


def readable_pdf(data: bytes) -> bool:
    """A PDF that pypdf reads through: its catalogue, at least one page, and every page's
    content decoded and parsed (a truncated, forged or broken-page file fails)."""
    if not data.startswith(PDF_MAGIC):
        return False
    try:
        with _pdf_complaints() as fatal:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return False
            pages = reader.pages
            if len(pages) < 1:
                return False
            for page in pages:
                if min(page.mediabox.width, page.mediabox.height) <= 0:
                    return False
                contents = page.get_contents()
                if contents is not None:
                    ContentStream(contents, reader).operations  # noqa: B018 - parses the page
        return not fatal
    except Exception:  # noqa: BLE001 - any parser error means "not a PDF we can keep"
        return False


def _png_ends_at_iend(data: bytes) -> bool:
    """Walk the PNG chunks: the file must end right after IEND (nothing hidden behind it)."""
    position = len(PNG_MAGIC)
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        position += 12 + length
        if kind == b"IEND":
            return position == len(data)
    return False


_TRUNCATION_FLAG_LOCK = threading.Lock()


@contextmanager
def _truncated_images_refused():
    """WeasyPrint sets Pillow's global ImageFile.LOAD_TRUNCATED_IMAGES on import, and then a
    truncated image decodes without a word. While a proof decodes, the flag is off (one proof
    at a time; WeasyPrint only ever renders images already proven here)."""
    with _TRUNCATION_FLAG_LOCK:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _image_whole(data: bytes) -> str | None:
    """ "png" or "jpeg" when Pillow verifies the file and decodes every pixel (under
    MAX_DECODED_PIXELS), else None."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
        if image_format not in ("PNG", "JPEG") or width * height > MAX_DECODED_PIXELS:
            return None
        with _truncated_images_refused(), Image.open(io.BytesIO(data)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    except Exception:  # noqa: BLE001 - a decoder error means "not an image we can keep"
        return None
    if image_format == "PNG" and not _png_ends_at_iend(data):
        return None
    return image_format.lower()


def _office_whole(data: bytes) -> str | None:
    """ "xlsx" or "docx" when the ZIP directory is sound, it unpacks to a bounded size, and
    openpyxl (every cell of every sheet) or python-docx opens it; else None."""
    kind = office_kind(zip_names(data, max_unpacked=MAX_OFFICE_UNPACKED_BYTES) or [])
    try:
        if kind == "xlsx":
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    for _row in sheet.iter_rows(values_only=True):
                        pass
            finally:
                workbook.close()
        elif kind == "docx":
            Document(io.BytesIO(data)).paragraphs  # noqa: B018 - parses the body
    except Exception:  # noqa: BLE001 - any parser error means "not a file we can keep"
        return None
    return kind


def _kind_by_head(data: bytes) -> str | None:
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(PNG_MAGIC):
        return "png"
    if data.startswith(JPEG_MAGIC):
        return "jpeg"
    if data.startswith(ZIP_MAGIC):
        return "zip"
    return None


def not_whole_message(kind: str):
    """Why a file that starts like `kind` ("pdf", "png", "jpeg", "zip") was refused."""
    if kind == "pdf":
        return _("Tệp PDF bị hỏng hoặc không đọc được hết các trang; hãy xuất lại tệp rồi tải lên.")
    if kind == "zip":
        return _("Tệp Excel/Word bị hỏng hoặc không mở được; hãy lưu lại tệp rồi tải lên.")
    return _("Ảnh bị hỏng, không đọc được hết, quá nhiều điểm ảnh hoặc có dữ liệu lạ ở cuối tệp.")


def proven_kind(data: bytes, allowed=ALL_KINDS) -> str:
    """The kind ("pdf", "png", "jpeg", "xlsx", "docx") of bytes proven whole by parsing them,
    if it is one of `allowed`. ValidationError (code "file_type" or "broken_file") otherwise."""
    head_kind = _kind_by_head(data)
    wrong_type = ValidationError(
        _("Chỉ nhận tệp %(kinds)s."),
        code="file_type",
        params={"kinds": ", ".join(k.upper() for k in EXTENSIONS if k in allowed)},
    )
    if head_kind is None or (head_kind != "zip" and head_kind not in allowed):
        raise wrong_type
    if head_kind == "pdf":
        kind = "pdf" if readable_pdf(data) else None
    elif head_kind == "zip":
        names = zip_names(data, max_unpacked=MAX_OFFICE_UNPACKED_BYTES)
        if office_kind(names or []) not in allowed:
            raise wrong_type
        kind = _office_whole(data)
    else:
        kind = _image_whole(data)
        if kind is not None and kind != head_kind:
            kind = None
    if kind is None:
        raise ValidationError(not_whole_message(head_kind), code="broken_file")
    return kind


def upload_bytes(upload, limit: int) -> bytes:
    """All the bytes of an upload (at most `limit`, refused past it), the file rewound."""
    check_size(upload, limit)
    if isinstance(upload, bytes):
        return upload
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    check_size(data, limit)
    return data


def _read(upload, max_bytes: int) -> Image.Image:
    """The image, verified; a PNG or JPEG is also proven whole (proven_kind: decoded in full,
    nothing behind a PNG's end). Other formats come back for the validator to name them."""
    data = upload_bytes(upload, max_bytes)
    not_an_image = ValidationError(
        _("Tệp không phải là ảnh đọc được (đuôi tệp không quyết định định dạng)."),
        code="not_an_image",
    )
    try:
        image = Image.open(io.BytesIO(data))
        image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image
    if image.format in ("PNG", "JPEG"):
        try:
            proven_kind(data, allowed={"png", "jpeg"})
        except ValidationError:
            raise not_an_image
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
